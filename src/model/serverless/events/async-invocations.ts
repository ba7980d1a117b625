import type { Simulation } from '../../../engine/simulation.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import type { AsyncInvokeConfig } from '../../../scenario/queue-schema.js';
import { Request } from '../../request.js';
import type { CallTarget } from '../../service.js';
import { CoalescedPoll } from './coalesced-poll.js';
import type { Message } from './message.js';
import type { DeadLetterTarget, MessageQueue } from './message-queue.js';

/** The waits before the retries after a function error: one minute, then two (AWS's). */
export const ERROR_RETRY_DELAYS_MS = [60_000, 120_000] as const;
/** After a throttle: 1 s after the first, doubling, at most 5 minutes (AWS's). */
export const FIRST_THROTTLE_RETRY_MS = 1000;
export const MAX_THROTTLE_RETRY_MS = 300_000;

export interface AsyncInvocationsParts {
  readonly sim: Simulation;
  /** the function's asynchronous-invocation queue */
  readonly queue: MessageQueue;
  readonly config: Pick<AsyncInvokeConfig, 'maximumRetryAttempts' | 'maximumEventAge'>;
  readonly target: CallTarget;
  readonly startBackground: (request: Request, target: CallTarget) => void;
  readonly warmupMs: number;
  /** the on-failure destination; undefined: a dropped event is discarded */
  readonly onFailure: DeadLetterTarget | undefined;
}

/**
 * Lambda's asynchronous invocation (docs/serverless.md, "Event sources"): an accepted event
 * waits in the function's own queue and is invoked as soon as it is there (Lambda's internal
 * pollers are not limited here; the function's concurrency is, by throttling). A function
 * error is retried up to maximumRetryAttempts times, after one minute then two; a throttle
 * is retried after 1 s, doubling to at most 5 minutes, for as long as the event is younger
 * than maximumEventAge. An event whose retries are spent, or that grew too old, is dropped
 * (AsyncEventsDropped) and goes to the on-failure destination if there is one.
 */
export class AsyncInvocations {
  private readonly poller: CoalescedPoll;

  constructor(private readonly parts: AsyncInvocationsParts) {
    this.poller = new CoalescedPoll(parts.sim, this.pump);
    parts.queue.onVisible = this.poller.wake;
  }

  private readonly pump = (): void => {
    const { queue, sim, config, warmupMs, target } = this.parts;
    for (const event of queue.receive(Number.POSITIVE_INFINITY)) {
      const age = sim.now - event.sentAt;
      if (age >= config.maximumEventAge) {
        this.drop(event, true);
        continue;
      }
      queue.stats.eventAge(sim.now, age);
      const request = new Request(sim.now, sim.now >= warmupMs, undefined);
      request.onEnd = (failure) => this.ended(event, failure);
      this.parts.startBackground(request, target);
    }
  };

  private ended(event: Message, failure: FailureCause | undefined): void {
    const { queue, sim, config } = this.parts;
    if (failure === undefined) {
      event.throttles = 0;
      queue.delete(event);
      return;
    }
    let delayMs: number;
    if (failure === 'throttled') {
      // A throttle is no attempt: it does not use up a retry.
      event.receives--;
      delayMs = Math.min(MAX_THROTTLE_RETRY_MS, FIRST_THROTTLE_RETRY_MS * 2 ** event.throttles);
      event.throttles++;
    } else {
      event.throttles = 0;
      const retry = event.receives - 1;
      if (retry >= config.maximumRetryAttempts) {
        this.drop(event, false);
        return;
      }
      delayMs = ERROR_RETRY_DELAYS_MS[retry]!;
    }
    // Its retry would come too late: it is dropped when it reaches the maximum age.
    const tooOldAt = event.sentAt + config.maximumEventAge;
    if (sim.now + delayMs >= tooOldAt) sim.schedule(tooOldAt - sim.now, this.tooOld, event);
    else sim.schedule(delayMs, this.retry, event);
  }

  private readonly tooOld = (event: Message): void => {
    this.drop(event, true);
  };

  private readonly retry = (event: Message): void => {
    this.parts.queue.release(event, undefined);
  };

  /** AsyncEventsDropped; `expired` counts those too old, dead-lettered those sent on. */
  private drop(event: Message, tooOld: boolean): void {
    const { queue, sim, onFailure } = this.parts;
    queue.stats.count(sim.now, 'dropped');
    if (tooOld) queue.stats.expired++;
    if (onFailure === undefined) queue.discard(event);
    else queue.moveOut(event, onFailure);
  }
}
