import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { writeFileAtomic } from '../../report/atomic-write.js';
import { figureFolderProblem, removeStaleFigures } from '../../report/figures/figure-folder.js';
import { writeNewFile } from '../../report/figures/new-file.js';
import { svgFiles } from '../../report/figures/svg-files.js';
import { FolderError } from '../../runner/folder-error.js';
import { readFolder } from './report.js';

interface PlotArgs {
  dir: string;
  svg: string;
  overwrite: boolean;
}

export const plotCommand: CommandModule<object, PlotArgs> = {
  command: 'plot <dir>',
  describe: 'Write each chart of the report as an SVG figure for a paper',
  builder: (yargs) =>
    (
      yargs
        .positional('dir', {
          type: 'string',
          demandOption: true,
          describe: 'the --out folder of msasim sweep (or merge) or of msasim run',
        })
        .option('svg', {
          type: 'string',
          demandOption: true,
          describe: 'folder for the SVG files (created if missing; existing files are refused)',
        })
        .option('overwrite', {
          type: 'boolean',
          default: false,
          describe:
            'replace the figures an earlier plot wrote in --svg (only files named as plot names them)',
        }) as unknown as Argv<PlotArgs>
    )
      .example('$0 plot out/checkout-chain --svg figures/', 'figures/latency-cdf.svg, ...')
      .example('$0 plot out/x --svg figs/ --overwrite', 'draw them again'),
  handler: async (args) => {
    const folder = await readFolder(args.dir);
    const files = svgFiles(folder);
    if (files.size === 0) {
      process.stdout.write(
        `read ${folder.read.join(', ')} from ${args.dir}\nno chart has its data there; nothing written\n`,
      );
      return;
    }
    await mkdir(args.svg, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST' || error.code === 'ENOTDIR')
        throw new FolderError(
          `${args.svg} is a file: --svg names a folder to write the SVG files into`,
        );
      throw new FolderError(`cannot create ${args.svg}: ${error.message}`);
    });
    // Every name is checked before the first is written: nothing half-done.
    const names = [...files.keys()];
    const problem = await figureFolderProblem(args.svg, names, args.overwrite);
    if (problem !== undefined) throw new FolderError(problem);
    const removed = args.overwrite ? await removeStaleFigures(args.svg, names) : [];
    for (const [name, svg] of files) await writeFigure(join(args.svg, name), svg, args.overwrite);
    process.stdout.write(
      `read ${folder.read.join(', ')} from ${args.dir}\n` +
        `wrote ${names.join(', ')} to ${args.svg}\n` +
        (removed.length > 0 ? `removed ${removed.join(', ')}: figures of an earlier plot\n` : ''),
    );
  },
};

async function writeFigure(path: string, svg: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await writeFileAtomic(path, svg).catch((error: Error) => {
      throw new FolderError(`cannot write ${path}: ${error.message}`);
    });
    return;
  }
  const problem = await writeNewFile(path, svg);
  if (problem !== undefined) throw new FolderError(problem);
}
