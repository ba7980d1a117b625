import { FUNCTION_ENDPOINT } from './function-schema.js';
import type { CallStep, Scenario } from './schema.js';

/**
 * A function seen as what the call graph needs of it: one endpoint, `invoke`, with its
 * calls (issue 13). The checks and estimates that walk endpoints walk functions through it.
 */
export function functionCalls(
  scenario: Scenario,
  name: string,
  endpoint: string,
): readonly CallStep[] | undefined {
  const functions = scenario.functions;
  if (functions === undefined || !Object.hasOwn(functions, name)) return undefined;
  return endpoint === FUNCTION_ENDPOINT ? functions[name]!.calls : undefined;
}

/** Whether `name` is one of the scenario's functions. */
export function isFunction(scenario: Scenario, name: string): boolean {
  return scenario.functions !== undefined && Object.hasOwn(scenario.functions, name);
}

/** The scenario's function names, in file order. */
export function functionNames(scenario: Scenario): string[] {
  return Object.keys(scenario.functions ?? {});
}
