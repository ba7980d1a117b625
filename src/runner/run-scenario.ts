import type { RunResult } from '../metrics/run-result.js';
import { runSimulation, type SimulateOptions, simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { eventBudgetFor, LIBRARY_LIMIT_OPTIONS, workLimitsWith } from '../scenario/work-limits.js';
import { type FileLimits, fileLimitsWith } from './file-limits.js';
import { loadScenarioFile } from './load-scenario-file.js';
import { checkRunWork } from './work-check.js';

export { loadScenarioFile, ScenarioFileError } from './load-scenario-file.js';

export interface RunScenarioOptions extends Pick<SimulateOptions, 'limits'> {
  /** Overrides the scenario's own seed. */
  seed?: number;
  /**
   * Most events the run may process before it stops with an EventBudgetExceededError;
   * default: 4 × the run's estimated events + 1e6.
   */
  eventBudget?: number;
  /** The sizes of the files read, each one not given at its default (file-limits.ts). */
  fileLimits?: Partial<FileLimits>;
}

/**
 * Runs one scenario: a path to a scenario file (read and validated, trace files resolved
 * relative to it) or a Scenario already validated. Throws a ScenarioError or a
 * ScenarioFileError for bad input, a WorkLimitError (a ScenarioError, located in the file
 * when there is one) for a run over the work limits; anything else thrown is a failure of
 * the run itself.
 *
 * The file reading lives with the CLI's loader because it is Node-only; simulate() itself
 * runs anywhere (worker threads, the browser player).
 */
export function runScenario(input: string | Scenario, options: RunScenarioOptions = {}): RunResult {
  if (typeof input !== 'string') return simulate(input, options);
  const scenario = loadScenarioFile(input, fileLimitsWith(options.fileLimits));
  const limits = workLimitsWith(options.limits);
  const estimate = checkRunWork(input, scenario, limits, LIBRARY_LIMIT_OPTIONS);
  return runSimulation(scenario, {
    ...options,
    eventBudget: options.eventBudget ?? eventBudgetFor(estimate),
  });
}
