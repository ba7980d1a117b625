import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { SCENARIOS_DIR } from './list.js';
import { runFile } from './run.js';

/**
 * What `npm start` runs: one shipped scenario end to end, so a first-time user sees a
 * result without writing anything. A placeholder until a sweep showcase replaces it.
 */
export const demoCommand: CommandModule = {
  command: 'demo',
  describe: 'Run the checkout-chain scenario and print its summary',
  builder: (yargs) =>
    yargs.example('$0 demo', 'the same as: msasim run scenarios/checkout-chain.yaml'),
  handler: async () => {
    const file = join(SCENARIOS_DIR, 'checkout-chain.yaml');
    process.stdout.write(`msasim demo: ${file}\n\n`);
    await runFile({ file, seed: undefined, json: false, out: undefined, eventBudget: undefined });
  },
};
