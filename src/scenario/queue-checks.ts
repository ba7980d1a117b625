import type { Problem } from './errors.js';
import { dnsLabel } from './fields.js';
import { MAX_BATCH_WITHOUT_WINDOW, QUEUE_SEND_ENDPOINT } from './queue-schema.js';
import type { Scenario } from './schema.js';
import { suggestFor } from './suggest.js';

/** Whether `name` is one of the scenario's queues. */
export function isQueue(scenario: Scenario, name: string): boolean {
  return scenario.queues !== undefined && Object.hasOwn(scenario.queues, name);
}

/** Why `queue.endpoint` names nothing: a queue has one endpoint, `send`. */
export function queueReferenceProblem(queue: string, endpoint: string): string | undefined {
  if (endpoint === QUEUE_SEND_ENDPOINT) return undefined;
  return `queue "${queue}" has one endpoint, ${QUEUE_SEND_ENDPOINT}: call it as "${queue}.${QUEUE_SEND_ENDPOINT}"`;
}

/**
 * Checks of `queues:` and of the functions' `async:` that involve more than one field:
 * names (DNS labels, none also a service's or a function's), the dead-letter queue and
 * on-failure destination are queues, the trigger's function exists, and the rules Lambda
 * applies when it creates an event source mapping: the queue's visibility timeout at least
 * the function's timeout, a batch above 10 messages only with a batching window.
 */
export function checkQueues(scenario: Scenario): Problem[] {
  const queues = scenario.queues ?? {};
  const names = Object.keys(queues);
  const problems: Problem[] = [];
  const queueProblem = (name: string) =>
    Object.hasOwn(queues, name)
      ? undefined
      : `unknown queue "${name}"${suggestFor(name, names, 'the queues are')}`;
  for (const [name, config] of Object.entries(queues)) {
    const path = ['queues', name];
    const label = dnsLabel.safeParse(name);
    if (!label.success)
      problems.push({ path, at: 'key', message: `queue name ${label.error.issues[0]!.message}` });
    if (Object.hasOwn(scenario.services, name) || Object.hasOwn(scenario.functions ?? {}, name))
      problems.push({
        path,
        at: 'key',
        message: `"${name}" is also a service or a function: a queue needs a name of its own`,
      });
    const redrive = config.redrivePolicy;
    if (redrive !== undefined) {
      const dlqPath = [...path, 'redrivePolicy', 'deadLetterQueue'];
      const problem = queueProblem(redrive.deadLetterQueue);
      if (problem !== undefined) problems.push({ path: dlqPath, message: problem });
      else if (redrive.deadLetterQueue === name)
        problems.push({ path: dlqPath, message: 'a queue cannot be its own dead-letter queue' });
    }
    const trigger = config.trigger;
    if (trigger === undefined) continue;
    const fn = scenario.functions?.[trigger.function];
    if (fn === undefined || !Object.hasOwn(scenario.functions!, trigger.function)) {
      const functions = Object.keys(scenario.functions ?? {});
      problems.push({
        path: [...path, 'trigger', 'function'],
        message: `unknown function "${trigger.function}"${suggestFor(trigger.function, functions, 'the functions are')}`,
      });
    } else if (fn.timeout > config.visibilityTimeout)
      problems.push({
        path: [...path, 'visibilityTimeout'],
        message: `must be at least the timeout of function "${trigger.function}" (${fn.timeout / 1000}s): Lambda refuses an event source mapping otherwise (AWS advises six times it)`,
      });
    if (trigger.batchSize > MAX_BATCH_WITHOUT_WINDOW && trigger.maximumBatchingWindow < 1000)
      problems.push({
        path: [...path, 'trigger', 'batchSize'],
        message: `above ${MAX_BATCH_WITHOUT_WINDOW} needs maximumBatchingWindow of at least 1s (Lambda's rule)`,
      });
  }
  for (const [name, config] of Object.entries(scenario.functions ?? {})) {
    const onFailure = config.async?.onFailure;
    if (onFailure === undefined) continue;
    const problem = queueProblem(onFailure);
    if (problem !== undefined)
      problems.push({ path: ['functions', name, 'async', 'onFailure'], message: problem });
  }
  return problems;
}
