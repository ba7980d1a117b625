import type { RunResult } from '../metrics/run-result.js';
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { loadScenarioFile } from './load-scenario-file.js';

export { loadScenarioFile, ScenarioFileError } from './load-scenario-file.js';

export interface RunScenarioOptions {
  /** Overrides the scenario's own seed. */
  seed?: number;
  /** Most events the run may process before it stops with an EventBudgetExceededError. */
  eventBudget?: number;
}

/**
 * Runs one scenario: a path to a scenario file (read and validated, trace files resolved
 * relative to it) or a Scenario already validated. Throws a ScenarioError or a
 * ScenarioFileError for bad input; anything else thrown is a failure of the run itself.
 *
 * The file reading lives with the CLI's loader because it is Node-only; simulate() itself
 * runs anywhere (worker threads, the browser player).
 */
export function runScenario(input: string | Scenario, options: RunScenarioOptions = {}): RunResult {
  const scenario = typeof input === 'string' ? loadScenarioFile(input) : input;
  return simulate(scenario, options);
}
