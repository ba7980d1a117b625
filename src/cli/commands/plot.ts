import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { newFileProblem, writeNewFile } from '../../report/figures/new-file.js';
import { svgFiles } from '../../report/figures/svg-files.js';
import { FolderError } from '../../runner/folder-error.js';
import { readFolder } from './report.js';

interface PlotArgs {
  dir: string;
  svg: string;
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
        }) as unknown as Argv<PlotArgs>
    ).example('$0 plot out/checkout-chain --svg figures/', 'figures/latency-cdf.svg, ...'),
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
    for (const name of files.keys()) {
      const problem = await newFileProblem(join(args.svg, name));
      if (problem !== undefined) throw new FolderError(problem);
    }
    for (const [name, svg] of files) {
      const problem = await writeNewFile(join(args.svg, name), svg);
      if (problem !== undefined) throw new FolderError(problem);
    }
    process.stdout.write(
      `read ${folder.read.join(', ')} from ${args.dir}\n` +
        `wrote ${[...files.keys()].join(', ')} to ${args.svg}\n`,
    );
  },
};
