import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CommandModule } from 'yargs';
import { renderTable } from '../summary-table.js';

/**
 * The shipped scenarios sit in `scenarios/` at the package root. This file is
 * src/cli/commands/list.ts in the repository and dist/cli/commands/list.js when built or
 * installed: three levels below the root either way, so the path holds from both.
 */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

export const listCommand: CommandModule = {
  command: 'list',
  describe: 'List the shipped scenarios and the question each answers',
  builder: (yargs) => yargs.example('$0 list', 'then: msasim run <folder>/checkout-chain.yaml'),
  handler: () => {
    const rows = shippedScenarios().map((file) => [file, question(join(SCENARIOS_DIR, file))]);
    process.stdout.write(
      `Shipped scenarios, in ${SCENARIOS_DIR}\n\n` +
        `${renderTable(['scenario', 'question'], rows, 2)}\n\n` +
        `Run one with: msasim run ${join(SCENARIOS_DIR, rows[0]?.[0] ?? 'NAME.yaml')}\n`,
    );
  },
};

export function shippedScenarios(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
}

/**
 * The first line of the scenario's `description`. Read with a bare YAML parse rather than
 * the full loader: a listing should not fail because one scenario does.
 */
function question(path: string): string {
  try {
    const document = parse(readFileSync(path, 'utf8')) as { description?: unknown } | null;
    const description = document?.description;
    if (typeof description !== 'string') return '(no description)';
    return description.split('\n')[0]!.trim();
  } catch (error) {
    return `(unreadable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}
