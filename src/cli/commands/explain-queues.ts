import { distributionText, formatDuration } from '../../scenario/index.js';
import { asyncInvokedFunctions } from '../../scenario/queue-work.js';
import type { CallStep, Scenario } from '../../scenario/schema.js';

/**
 * The queues and asynchronous invocations as the run will have them (docs/serverless.md,
 * "Event sources"): each queue's visibility timeout, retention and dead-letter queue, its
 * event source mapping, and each function invoked asynchronously with its retry rules.
 * Empty for a scenario with neither.
 */
export function queuesSection(s: Scenario): string {
  const queues = Object.entries(s.queues ?? {});
  const asyncFunctions = [...asyncInvokedFunctions(s)];
  if (queues.length === 0 && asyncFunctions.length === 0) return '';
  const lines = ['Queues and asynchronous invocations (docs/serverless.md, "Event sources")'];
  for (const [name, q] of queues) {
    const redrive = q.redrivePolicy;
    lines.push(
      `  ${name}: visibility timeout ${formatDuration(q.visibilityTimeout)}, retention ${formatDuration(q.messageRetention)}, SendMessage ${distributionText(q.sendLatency)}` +
        (redrive === undefined
          ? '; no dead-letter queue'
          : `; to ${redrive.deadLetterQueue} after ${redrive.maxReceiveCount} receives`),
    );
    const t = q.trigger;
    if (t === undefined) continue;
    lines.push(
      `    → ${t.function} in batches of up to ${t.batchSize}` +
        (t.maximumBatchingWindow > 0
          ? ` (gathered for up to ${formatDuration(t.maximumBatchingWindow)})`
          : '') +
        `, ${t.maximumConcurrency === undefined ? '5 at once, +300 a minute while messages wait, at most 1000' : `at most ${t.maximumConcurrency} at once`}` +
        (t.reportBatchItemFailures ? '; partial batch failures' : ''),
    );
  }
  for (const name of asyncFunctions) {
    const a = s.functions![name]!.async;
    const retries = a?.maximumRetryAttempts ?? 2;
    lines.push(
      `  ${name}.invokeAsync: ${retries} ${retries === 1 ? 'retry' : 'retries'} on error (1 min, then 2), throttles retried; dropped after ${formatDuration(a?.maximumEventAge ?? 21_600_000)}` +
        (a?.onFailure === undefined ? '' : `, then to ${a.onFailure}`),
    );
  }
  return lines.join('\n');
}

/**
 * A queue's `send` or a function's `invokeAsync` in the call graph: the call completes when
 * the message is accepted; what reads it (the trigger's function, the function itself)
 * runs later, shown as its one step.
 */
export function eventSourceCallee(
  s: Scenario,
  service: string,
  endpoint: string,
): { work: string; errorRate: number; calls: readonly CallStep[] } | undefined {
  const later = (fn: string): CallStep[] => [
    { kind: 'call', service: fn, endpoint: 'invoke', probability: 1 },
  ];
  const queue = s.queues?.[service];
  if (queue !== undefined && endpoint === 'send') {
    const fn = queue.trigger?.function;
    return {
      work: `SendMessage; ${fn === undefined ? 'nothing reads the queue' : `${fn} reads it later`}`,
      errorRate: 0,
      calls: fn === undefined ? [] : later(fn),
    };
  }
  if (s.functions?.[service] !== undefined && endpoint === 'invokeAsync')
    return {
      work: 'Lambda answers 202; the function runs later',
      errorRate: 0,
      calls: later(service),
    };
  return undefined;
}
