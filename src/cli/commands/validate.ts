import type { CommandModule } from 'yargs';
import { placePods } from '../../model/topology.js';
import { loadScenarioFile } from '../../runner/load-scenario-file.js';
import { printScenario, type Scenario } from '../../scenario/index.js';
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
    const runs =
      scenario.sweep === undefined ? undefined : planCheckedSweep(args.file).specs.length;
    const sweep = runs === undefined ? '' : `, a sweep of ${plural(runs, 'run')}`;
    process.stdout.write(
      `${args.file}: ok (${plural(services, 'service')}, ${plural(workloads, 'workload')}${sweep})\n`,
    );
    for (const warning of placementWarnings(scenario))
      process.stdout.write(`warning: ${warning}\n`);
  },
};

/**
 * A pod that fits on no node type is an error; one that fits a node type but not the
 * cluster as sized stays Pending: valid, but worth saying before a run.
 */
function placementWarnings(scenario: Scenario): string[] {
  const topology = placePods(scenario);
  return Object.keys(scenario.services).flatMap((service) => {
    const pending = topology.pendingPods.filter((pod) => pod.service === service).length;
    if (pending === 0) return [];
    const replicas = scenario.services[service]!.replicas;
    return [
      `services.${service}: ${pending} of ${plural(replicas, 'pod')} find no room on the nodes and stay Pending (msasim explain shows why)`,
    ];
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
