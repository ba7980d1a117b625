import type { RunResult } from '../metrics/run-result.js';
import { runSimulation } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * The code a pool thread runs: one simulation per task. Everything a run needs comes in the
 * task (the scenario already validated and overridden, the seed already derived), so a
 * thread keeps no state between runs and which thread runs which run changes nothing.
 */
export interface RunTask {
  scenario: Scenario;
  seed: number;
  eventBudget?: number;
}

/** Unchecked: the sweep checked every run against its limits before any began. */
export default function runTask(task: RunTask): RunResult {
  return runSimulation(task.scenario, { seed: task.seed, eventBudget: task.eventBudget });
}
