import type { Problem } from './errors.js';
import type { Scenario } from './schema.js';

/** AWS's advice for a queue's dead-letter redrive behind a Lambda consumer. */
const ADVISED_MAX_RECEIVE_COUNT = 5;

/**
 * A queue's pollers asking for more than its function may run: the extra invocations are
 * throttled, their batches return only after the visibility timeout with a receive counted,
 * and with a low maxReceiveCount healthy messages go to the dead-letter queue. AWS's advice
 * (Lambda's SQS event source documentation): maximumConcurrency at most the function's
 * reserved concurrency, and maxReceiveCount of at least 5. scenarios/queue-backlog.yaml
 * shows both failures.
 */
export function queueConsumerWarnings(scenario: Scenario): Problem[] {
  return Object.entries(scenario.queues ?? {}).flatMap(([name, queue]) => {
    const trigger = queue.trigger;
    if (trigger === undefined) return [];
    const reserved = scenario.functions?.[trigger.function]?.reservedConcurrency;
    const cap = trigger.maximumConcurrency;
    if (reserved === undefined || (cap !== undefined && cap <= reserved)) return [];
    const receives = queue.redrivePolicy?.maxReceiveCount;
    const deadLetters =
      receives !== undefined && receives < ADVISED_MAX_RECEIVE_COUNT
        ? `; with maxReceiveCount ${receives}, healthy messages throttled ${receives} times go to the dead-letter queue (AWS advises at least ${ADVISED_MAX_RECEIVE_COUNT})`
        : '';
    const throttled = `the rest are throttled and wait out the visibility timeout${deadLetters}`;
    return [
      cap === undefined
        ? {
            path: ['queues', name, 'trigger'],
            message: `no maximumConcurrency: the pollers grow to 1,000 batches at once for "${trigger.function}", which may run ${reserved} (its reservedConcurrency); ${throttled}. Set maximumConcurrency: ${Math.max(2, reserved)}`,
          }
        : {
            path: ['queues', name, 'trigger', 'maximumConcurrency'],
            message: `${cap} batches at once for "${trigger.function}", which may run ${reserved} (its reservedConcurrency); ${throttled}`,
          },
    ];
  });
}
