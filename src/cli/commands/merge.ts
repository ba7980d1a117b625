import type { Argv, CommandModule } from 'yargs';
import { comparisonTable } from '../../report/comparison-table.js';
import { mergeShards } from '../../runner/merge.js';
import { sweepSummary } from '../../runner/sweep.js';
import { gateOnThresholds } from '../threshold-gate.js';
import { crossoversSection } from './sweep.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  overwrite: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: "Join the output folders of a sweep's shards into the output of the whole sweep",
  builder: (yargs) =>
    (
      yargs
        .positional('dirs', {
          type: 'string',
          array: true,
          // yargs gives a variadic positional the default [] and prints it; it is required.
          default: undefined,
          describe: "the shards' output folders (msasim sweep --shard K/N --out DIR)",
        })
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'folder for the merged output; byte-identical to an unsharded sweep',
        })
        .option('overwrite', {
          type: 'boolean',
          default: false,
          describe:
            "replace another sweep's results in --out (its run files, sweep.json and outputs; nothing else)",
        }) as unknown as Argv<MergeArgs>
    )
      .example('$0 merge shared/shard-* --out results/', 'after all shards finished')
      .example('$0 merge a/ b/ c/ --out all/', 'shards 0/3, 1/3 and 2/3'),
  handler: async (args) => {
    // Its errors (FolderError: damaged, foreign or overlapping folders) are exit 2.
    const merged = await mergeShards(args.dirs, args.out, { overwrite: args.overwrite });
    const summary = sweepSummary(merged.scenario, merged.records);
    const color = process.stdout.isTTY === true;
    process.stdout.write(
      `merged ${merged.records.length} runs from ${args.dirs.length} folders into ${args.out}\n\n` +
        `${comparisonTable(summary, { color })}\n` +
        crossoversSection(merged.scenario, merged.records),
    );
    gateOnThresholds(merged.scenario.thresholds, summary);
  },
};
