import type { CommandModule } from 'yargs';
import { loadScenarioFile } from '../../runner/load-scenario-file.js';
import { printScenario } from '../../scenario/index.js';
import { printWarnings } from '../warnings.js';
import { planCheckedSweep } from './sweep.js';

interface ValidateArgs {
  file: string;
  print: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: 'Check a scenario file; report every problem at its line and field',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
      .option('print', {
        type: 'boolean',
        default: false,
        describe: 'print the resolved scenario, every default filled in',
      })
      .example('$0 validate scenarios/checkout-chain.yaml', 'check a scenario')
      .example('$0 validate my.yaml --print', 'see every default the scenario gets'),
  handler: (args) => {
    const scenario = loadScenarioFile(args.file);
    if (args.print) {
      process.stdout.write(printScenario(scenario));
      return;
    }
    const services = Object.keys(scenario.services).length;
    const workloads = scenario.workload.length;
    // The sweep's overrides are checked the way `sweep` would, so ok means it will start.
    const specs = scenario.sweep === undefined ? undefined : planCheckedSweep(args.file).specs;
    const sweep = specs === undefined ? '' : `, a sweep of ${plural(specs.length, 'run')}`;
    process.stdout.write(
      `${args.file}: ok (${plural(services, 'service')}, ${plural(workloads, 'workload')}${sweep})\n`,
    );
    printWarnings(args.file, specs?.map((spec) => spec.scenario) ?? [scenario]);
  },
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
