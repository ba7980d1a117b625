import type { Argv, CommandModule } from 'yargs';
import { htmlReport } from '../../report/figures/html-report.js';
import { newFileProblem, writeNewFile } from '../../report/figures/new-file.js';
import { ReportInputError, readOutputFolder } from '../../report/figures/output-folder.js';
import { FolderError } from '../../runner/folder-error.js';

interface ReportArgs {
  dir: string;
  out: string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Write an offline HTML report with charts of a sweep or a run folder',
  builder: (yargs) =>
    (
      yargs
        .positional('dir', {
          type: 'string',
          demandOption: true,
          describe: 'the --out folder of msasim sweep (or merge) or of msasim run',
        })
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'the HTML file to write (a new file: an existing one is refused)',
        }) as unknown as Argv<ReportArgs>
    )
      .example('$0 report out/checkout-chain --out report.html', 'a sweep')
      .example('$0 report results/ --out run.html', 'a run written with run --out results/'),
  handler: async (args) => {
    await refuseExisting(args.out);
    const folder = await readFolder(args.dir);
    await writeHtml(args.out, htmlReport(folder, args.dir));
    process.stdout.write(`read ${folder.read.join(', ')} from ${args.dir}\nwrote ${args.out}\n`);
  },
};

export async function readFolder(dir: string) {
  try {
    return await readOutputFolder(dir);
  } catch (error) {
    if (error instanceof ReportInputError) throw new FolderError(error.message);
    throw error;
  }
}

/** Exit 2 before any work when `path` exists or cannot be created. */
export async function refuseExisting(path: string): Promise<void> {
  const problem = await newFileProblem(path);
  if (problem !== undefined) throw new FolderError(problem);
}

export async function writeHtml(path: string, html: string): Promise<void> {
  const problem = await writeNewFile(path, html);
  if (problem !== undefined) throw new FolderError(problem);
}
