import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { SCENARIOS_DIR } from './list.js';
import { sweepCommand } from './sweep.js';

const SHOWCASE = 'checkout-chain.yaml';
const OUT = join('out', 'checkout-chain');

/**
 * What `npm start` runs: the sweep of a shipped scenario that compares strategies, so a
 * first-time user sees a comparison with confidence intervals and CSV files without
 * writing anything. It is exactly `msasim sweep scenarios/checkout-chain.yaml`.
 */
export const demoCommand: CommandModule = {
  command: 'demo',
  describe:
    'Run the showcase: the sweep of scenarios/checkout-chain.yaml, CSV into out/checkout-chain/',
  builder: (yargs) =>
    yargs.example('$0 demo', `the same as: msasim sweep scenarios/${SHOWCASE} --out ${OUT}`),
  handler: async () => {
    const file = join(SCENARIOS_DIR, SHOWCASE);
    process.stdout.write(`msasim demo: msasim sweep ${file} --out ${OUT}\n\n`);
    await sweepCommand.handler({
      file,
      workers: undefined,
      replications: undefined,
      seed: undefined,
      out: OUT,
      shard: undefined,
      resume: false,
      overwrite: false,
      only: undefined,
      eventBudget: undefined,
      runTimeout: undefined,
      _: [],
      $0: 'msasim',
    });
  },
};
