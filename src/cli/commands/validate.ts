import type { CommandModule } from 'yargs';
import { loadScenarioFile } from '../../runner/load-scenario-file.js';
import { checkRunWork } from '../../runner/work-check.js';
import { formatBytes, formatCount, formatEstimate } from '../../scenario/count-text.js';
import { printScenario } from '../../scenario/index.js';
import type { WorkEstimate } from '../../scenario/work-estimate.js';
import type { WorkLimits } from '../../scenario/work-limits.js';
import { fileLimitsFrom, type LimitArgs, limitsFrom, withLimitOptions } from '../limit-options.js';
import { printWarnings } from '../warnings.js';
import { planCheckedSweep } from './sweep.js';

interface ValidateArgs extends LimitArgs {
  file: string;
  print: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: 'Check a scenario file; report every problem at its line and field',
  builder: (yargs) =>
    withLimitOptions(
      yargs
        .positional('file', {
          type: 'string',
          demandOption: true,
          describe: 'scenario file (YAML)',
        })
        .option('print', {
          type: 'boolean',
          default: false,
          describe: 'print the resolved scenario, every default filled in',
        }),
      true,
    )
      .example('$0 validate scenarios/checkout-chain.yaml', 'check a scenario')
      .example('$0 validate my.yaml --print', 'see every default the scenario gets'),
  handler: (args) => {
    const scenario = loadScenarioFile(args.file, fileLimitsFrom(args));
    if (args.print) {
      process.stdout.write(printScenario(scenario));
      return;
    }
    const services = Object.keys(scenario.services).length;
    const workloads = scenario.workload.length;
    // Limits are checked as `run` and `sweep` check them: ok means they will start, and end.
    const limits = limitsFrom(args);
    const estimate = checkRunWork(args.file, scenario, limits);
    // The sweep's overrides are checked the way `sweep` would, so ok means it will start.
    const checked =
      scenario.sweep === undefined
        ? undefined
        : planCheckedSweep(
            args.file,
            { replications: undefined, seed: undefined },
            limits,
            fileLimitsFrom(args),
          );
    const runs = checked?.plan.specs.length;
    const sweep = runs === undefined ? '' : `, a sweep of ${plural(runs, 'run')}`;
    process.stdout.write(
      `${args.file}: ok (${plural(services, 'service')}, ${plural(workloads, 'workload')}${sweep})\n`,
    );
    process.stdout.write(
      `${estimateLine(checked?.largestRun ?? estimate, runs !== undefined, limits)}\n`,
    );
    printWarnings(args.file, checked?.plan.specs.map((spec) => spec.scenario) ?? [scenario]);
  },
};

/** `estimate per run: about 39,000 requests, 430,000 events and 6.2 MB (limits: ...)`. */
export function estimateLine(estimate: WorkEstimate, sweep: boolean, limits: WorkLimits): string {
  const which = sweep ? 'estimate of the largest run' : 'estimate per run';
  return (
    `${which}: about ${formatEstimate(estimate.requests)} requests, ${formatEstimate(estimate.totalEvents)} events ` +
    `and ${formatBytes(estimate.totalMemoryBytes)} of memory (limits: ${formatCount(limits.events)} events, ` +
    `${formatBytes(limits.memoryBytes)}; see docs/limits.md)`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
