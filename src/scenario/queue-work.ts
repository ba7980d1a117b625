import { FUNCTION_ENDPOINT } from './function-schema.js';
import { ASYNC_ENDPOINT, QUEUE_SEND_ENDPOINT } from './queue-schema.js';
import type { Scenario } from './schema.js';

/** A callee of an endpoint as the call-graph estimate counts it (call-graph-size.ts). */
export interface EstimatedCallee {
  key: string;
  probability: number;
}

/**
 * What one call to an event source brings about later, for the work estimate: a message
 * sent to a queue is received up to R times (R = its redrive policy's maxReceiveCount, or
 * as many visibility timeouts as the run holds without one), and each receive is part of an
 * invocation of the trigger's function; an asynchronous invocation is tried up to 1 +
 * maximumRetryAttempts times. The expected figure counts a receive again with the chance it
 * failed (the function's errorRate and the trigger's messageErrorRate) and, with a batching
 * window, one invocation per full batch; without a window a message may travel alone, so it
 * counts one invocation each. The worst case is R invocations per message. Each of the R is
 * listed as its own callee: the estimate adds a callee's worst case once per listing.
 * Undefined when `service.endpoint` is no event source.
 */
export function eventSourceCallees(
  scenario: Scenario,
  service: string,
  endpoint: string,
): EstimatedCallee[] | undefined {
  const queue = scenario.queues?.[service];
  if (queue !== undefined && Object.hasOwn(scenario.queues!, service)) {
    if (endpoint !== QUEUE_SEND_ENDPOINT || queue.trigger === undefined) return [];
    const trigger = queue.trigger;
    const fn = scenario.functions?.[trigger.function];
    if (fn === undefined) return [];
    const runMs = scenario.duration + scenario.drain;
    const receives =
      queue.redrivePolicy?.maxReceiveCount ??
      Math.max(
        1,
        Math.ceil(Math.min(runMs, queue.messageRetention) / Math.max(1, queue.visibilityTimeout)),
      );
    const failure = 1 - (1 - fn.errorRate) * (1 - trigger.messageErrorRate);
    const perBatch = trigger.maximumBatchingWindow > 0 ? 1 / trigger.batchSize : 1;
    return repeated(`${trigger.function}.${FUNCTION_ENDPOINT}`, receives, failure, perBatch);
  }
  const fn = scenario.functions?.[service];
  if (fn === undefined || endpoint !== ASYNC_ENDPOINT) return undefined;
  const tries = 1 + (fn.async?.maximumRetryAttempts ?? 2);
  return repeated(`${service}.${FUNCTION_ENDPOINT}`, tries, fn.errorRate, 1);
}

/** Try k (0-based) happens when the k before it failed: probability failure^k × perTry. */
function repeated(key: string, tries: number, failure: number, perTry: number): EstimatedCallee[] {
  return Array.from({ length: tries }, (_, k) => ({
    key,
    probability: perTry * failure ** k,
  }));
}

/**
 * The functions some call or workload invokes asynchronously (`<function>.invokeAsync`): only
 * they get the asynchronous entry and queue, so a scenario without any builds none of it.
 */
export function asyncInvokedFunctions(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  if (scenario.functions === undefined) return names;
  const note = (service: string, endpoint: string) => {
    if (endpoint === ASYNC_ENDPOINT && Object.hasOwn(scenario.functions ?? {}, service))
      names.add(service);
  };
  const steps = [
    ...Object.values(scenario.services).flatMap((s) => Object.values(s.endpoints)),
    ...Object.values(scenario.functions ?? {}),
  ].flatMap((e) => e.calls);
  for (const step of steps)
    for (const call of step.kind === 'call' ? [step] : step.branches)
      note(call.service, call.endpoint);
  for (const workload of scenario.workload)
    for (const entry of Object.keys(workload.mix ?? { [workload.target ?? '']: 1 })) {
      const dot = entry.indexOf('.');
      if (dot > 0) note(entry.slice(0, dot), entry.slice(dot + 1));
    }
  return names;
}
