import { functionCalls, functionNames } from './function-endpoints.js';
import { FUNCTION_ENDPOINT } from './function-schema.js';
import { ASYNC_ENDPOINT, QUEUE_SEND_ENDPOINT } from './queue-schema.js';
import { asyncInvokedFunctions, eventSourceCallees } from './queue-work.js';
import type { Scenario } from './schema.js';

/** Calls one request to an endpoint makes, itself included. */
export interface EndpointCalls {
  /** on average, each call counted with its probability */
  expected: number;
  /** every call with a probability above 0 made */
  worst: number;
}

/**
 * Calls per request of every endpoint, by `service.endpoint`, through its whole call graph
 * (sequential steps and parallel branches alike: every call is made once per request):
 *   expected(e) = 1 + Σ p × expected(callee)      worst(e) = 1 + Σ worst(callee), p > 0
 * Each endpoint is computed once from its callees' figures, in O(endpoints + calls): 40
 * levels each calling the next twice gives 2^41 - 1 calls without expanding one of them.
 * The graph is acyclic (the scenario checks refuse cycles); a cycle met here anyway counts
 * as Infinity, which no limit allows. The map lists every endpoint after its callees.
 */
export function callGraphSizes(scenario: Scenario): Map<string, EndpointCalls> {
  const sizes = new Map<string, EndpointCalls>();
  const inProgress = new Set<string>();
  for (const [service, config] of Object.entries(scenario.services)) {
    for (const endpoint of Object.keys(config.endpoints)) {
      computeFrom(scenario, `${service}.${endpoint}`, sizes, inProgress);
    }
  }
  for (const name of functionNames(scenario))
    computeFrom(scenario, `${name}.${FUNCTION_ENDPOINT}`, sizes, inProgress);
  for (const name of Object.keys(scenario.queues ?? {}))
    computeFrom(scenario, `${name}.${QUEUE_SEND_ENDPOINT}`, sizes, inProgress);
  for (const name of asyncInvokedFunctions(scenario))
    computeFrom(scenario, `${name}.${ASYNC_ENDPOINT}`, sizes, inProgress);
  return sizes;
}

/** A depth-first post-order with its own stack (a 10,000-service chain is that deep). */
function computeFrom(
  scenario: Scenario,
  root: string,
  sizes: Map<string, EndpointCalls>,
  inProgress: Set<string>,
): void {
  if (sizes.has(root)) return;
  const stack = [root];
  while (stack.length > 0) {
    const key = stack.at(-1)!;
    const callees = calleesOf(scenario, key);
    const pending = callees.filter(({ key: callee }) => !sizes.has(callee));
    const cycle = pending.some(({ key: callee }) => inProgress.has(callee));
    if (pending.length > 0 && !cycle) {
      inProgress.add(key);
      for (const { key: callee } of pending) stack.push(callee);
      continue;
    }
    stack.pop();
    inProgress.delete(key);
    if (sizes.has(key)) continue;
    let expected = 1;
    let worst = 1;
    for (const { key: callee, probability } of callees) {
      const size = sizes.get(callee) ?? { expected: Infinity, worst: Infinity };
      if (probability <= 0) continue;
      expected += probability * size.expected;
      worst += size.worst;
    }
    sizes.set(key, { expected, worst });
  }
}

export function calleesOf(scenario: Scenario, key: string): { key: string; probability: number }[] {
  const dot = key.indexOf('.');
  const later = eventSourceCallees(scenario, key.slice(0, dot), key.slice(dot + 1));
  if (later !== undefined) return later;
  const calls =
    scenario.services[key.slice(0, dot)]?.endpoints[key.slice(dot + 1)]?.calls ??
    functionCalls(scenario, key.slice(0, dot), key.slice(dot + 1));
  if (calls === undefined) return [];
  return calls.flatMap((step) =>
    (step.kind === 'call' ? [step] : step.branches).map((call) => ({
      key: `${call.service}.${call.endpoint}`,
      probability: call.probability,
    })),
  );
}
