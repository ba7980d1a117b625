import type { Simulation } from '../../../engine/simulation.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import { MAX_MAXIMUM_CONCURRENCY, type TriggerConfig } from '../../../scenario/queue-schema.js';
import { Request } from '../../request.js';
import type { CallTarget } from '../../service.js';
import { CoalescedPoll } from './coalesced-poll.js';
import type { Message } from './message.js';
import type { DeadLetterTarget, MessageQueue } from './message-queue.js';

/** Lambda starts polling an SQS queue with five concurrent batches... */
export const INITIAL_BATCHES = 5;
/** ...and adds up to 300 a minute while messages remain (docs/serverless.md cites both). */
export const BATCHES_ADDED_PER_MINUTE = 300;
/**
 * A poller whose invocation was throttled waits this long before it polls again. Lambda
 * backs off on throttles but publishes no figure: an assumption (docs/serverless.md).
 */
export const THROTTLE_BACKOFF_MS = 1000;

export interface EventSourceMappingParts {
  readonly sim: Simulation;
  readonly queue: MessageQueue;
  readonly config: TriggerConfig;
  readonly visibilityTimeoutMs: number;
  /** the redrive policy: receives after which a message goes to `deadLetter` */
  readonly maxReceiveCount: number | undefined;
  readonly deadLetter: DeadLetterTarget | undefined;
  /** the call to the function, from the queue (its edge in edges.csv) */
  readonly target: CallTarget;
  readonly startBackground: (request: Request, target: CallTarget) => void;
  readonly warmupMs: number;
  /** uniforms for the trigger's messageErrorRate: `queue:<name>:message` */
  readonly messageNext: () => number;
}

/**
 * Lambda's event source mapping for a standard queue (docs/serverless.md, "Event sources"):
 * pollers receive up to batchSize messages and invoke the function with them, synchronously,
 * as many batches at once as the mapping's concurrency allows (5 to start, 300 more each
 * minute messages are still waiting, at most maximumConcurrency or 1,000). With a batching
 * window a poller that got fewer than batchSize keeps gathering until the batch is full or
 * the window is over. A batch that succeeds is deleted; a failed one (function error,
 * timeout, throttle) becomes visible again when its visibility timeout ends, and a message
 * received maxReceiveCount times goes to the dead-letter queue instead. With
 * reportBatchItemFailures only the failed messages return.
 */
export class EventSourceMapping {
  private readonly cap: number;
  private limit: number;
  /** batches gathering, invoking, or backing off after a throttle */
  private active = 0;
  private gathering: Message[] | undefined = undefined;
  private windowEvent = -1;
  private readonly poller: CoalescedPoll;

  constructor(private readonly parts: EventSourceMappingParts) {
    this.cap = parts.config.maximumConcurrency ?? MAX_MAXIMUM_CONCURRENCY;
    this.limit = Math.min(INITIAL_BATCHES, this.cap);
    this.poller = new CoalescedPoll(parts.sim, this.pump);
    parts.queue.onVisible = this.poller.wake;
  }

  private readonly pump = (): void => {
    const { queue, config } = this.parts;
    if (this.gathering !== undefined) {
      this.gathering.push(...queue.receive(config.batchSize - this.gathering.length));
      if (this.gathering.length < config.batchSize) return;
      this.parts.sim.cancel(this.windowEvent);
      this.windowEvent = -1;
      this.invoke(this.gathering);
      this.gathering = undefined;
    }
    while (this.active < this.limit && queue.visibleMessages > 0) {
      const batch = queue.receive(config.batchSize);
      if (batch.length === 0) return;
      this.active++;
      if (config.maximumBatchingWindow === 0 || batch.length === config.batchSize) {
        this.invoke(batch);
        continue;
      }
      this.gathering = batch;
      this.windowEvent = this.parts.sim.schedule(
        config.maximumBatchingWindow,
        this.windowOver,
        undefined,
      );
      return;
    }
  };

  private readonly windowOver = (): void => {
    this.windowEvent = -1;
    const batch = this.gathering!;
    this.gathering = undefined;
    this.invoke(batch);
    this.poller.wake();
  };

  private invoke(batch: Message[]): void {
    const { sim, warmupMs, target } = this.parts;
    const request = new Request(sim.now, sim.now >= warmupMs, undefined);
    const receivedAt = sim.now;
    request.onEnd = (failure) => this.ended(batch, receivedAt, failure);
    this.parts.startBackground(request, target);
  }

  private ended(batch: Message[], receivedAt: number, failure: FailureCause | undefined): void {
    const { config, queue, sim } = this.parts;
    const failed = failure === undefined ? this.failedMessages(batch) : batch;
    // Without partial batch responses, one failed message fails the whole batch.
    const returned =
      failed.length === 0 || config.reportBatchItemFailures || failure !== undefined
        ? failed
        : batch;
    const kept = new Set(returned);
    for (const message of batch) if (!kept.has(message)) queue.delete(message);
    if (returned.length > 0) {
      const visibleAt = receivedAt + this.parts.visibilityTimeoutMs;
      sim.schedule(Math.max(0, visibleAt - sim.now), this.visibleAgain, returned);
    }
    if (failure === 'throttled') sim.schedule(THROTTLE_BACKOFF_MS, this.slotFreed, undefined);
    else this.slotFreed();
  }

  /** The messages the handler failed, each with the trigger's messageErrorRate. */
  private failedMessages(batch: Message[]): Message[] {
    const { messageErrorRate } = this.parts.config;
    if (messageErrorRate <= 0) return [];
    return batch.filter(() => this.parts.messageNext() < messageErrorRate);
  }

  private readonly visibleAgain = (messages: Message[]): void => {
    const { queue, maxReceiveCount, deadLetter } = this.parts;
    for (const message of messages) {
      const redrive =
        deadLetter !== undefined &&
        maxReceiveCount !== undefined &&
        message.receives >= maxReceiveCount;
      queue.release(message, redrive ? deadLetter : undefined);
    }
  };

  private readonly slotFreed = (): void => {
    this.active--;
    this.poller.wake();
  };

  /**
   * Once a minute: more concurrent batches while messages wait (300 a minute, up to the
   * cap), back to the initial five once the queue is empty and nothing runs.
   */
  minuteTick(): void {
    const { queue } = this.parts;
    if (queue.visibleMessages > 0) {
      this.limit = Math.min(this.cap, this.limit + BATCHES_ADDED_PER_MINUTE);
      this.poller.wake();
    } else if (queue.backlog === 0 && this.active === 0)
      this.limit = Math.min(INITIAL_BATCHES, this.cap);
  }
}
