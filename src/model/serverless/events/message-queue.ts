import type { Simulation } from '../../../engine/simulation.js';
import type { QueueKind } from '../../../metrics/queue-result.js';
import { RingQueue } from '../../ring-queue.js';
import { Message } from './message.js';
import { QueueStats } from './queue-stats.js';

/**
 * Pollers look at a queue after every other event of the same instant (a higher priority
 * runs later): a burst sent at one moment is received in full batches, as a long poll
 * returns what is there, not one message per poll.
 */
export const POLL_PRIORITY = 1;

/** Where a message goes when it leaves a queue unprocessed. */
export interface DeadLetterTarget {
  /** the dead-letter queue (or on-failure destination) takes the message */
  take(message: Message): void;
}

export interface MessageQueueOptions {
  readonly name: string;
  readonly kind: QueueKind;
  /** retention (sqs) or maximum event age (async): older messages are deleted unread */
  readonly retentionMs: number;
}

/**
 * A standard queue's messages (docs/serverless.md, "Event sources"): visible ones wait in
 * the order they became visible; a received one is in flight (not visible) until it is
 * deleted or released (its visibility timeout passed, or its retry is due). Every message
 * not deleted is in `stored`, in the order it entered: the first is the oldest (exactly so
 * for a source queue; in a dead-letter queue, the first moved there). Consumers are woken
 * through `onVisible` when a message becomes visible.
 */
export class MessageQueue {
  readonly stats: QueueStats;
  /** the consumer's wake-up: a message became visible */
  onVisible: (() => void) | undefined = undefined;
  private readonly stored = new Map<number, Message>();
  private readonly visible = new RingQueue<Message>();
  private visibleCount = 0;
  private inFlight = 0;

  constructor(
    private readonly sim: Simulation,
    readonly options: MessageQueueOptions,
    private readonly nextId: () => number,
  ) {
    this.stats = new QueueStats(options.name, options.kind);
  }

  get visibleMessages(): number {
    return this.visibleCount;
  }

  /** Messages not deleted: visible and in flight. */
  get backlog(): number {
    return this.stored.size;
  }

  /** A producer's message (SendMessage, or an accepted asynchronous invocation). */
  send(): void {
    const now = this.sim.now;
    this.stats.count(now, 'sent');
    this.enter(new Message(this.nextId(), now));
  }

  /** A message moved here from another queue, keeping its first send time. */
  readonly take = (from: Message): void => {
    this.enter(new Message(this.nextId(), from.sentAt));
  };

  private enter(message: Message): void {
    this.stored.set(message.id, message);
    this.makeVisible(message);
  }

  private makeVisible(message: Message): void {
    message.inFlight = false;
    this.visible.push(message);
    this.visibleCount++;
    this.levels();
    this.onVisible?.();
  }

  /** Receives up to `max` visible messages, oldest-visible first: they are now in flight. */
  receive(max: number): Message[] {
    const now = this.sim.now;
    const batch: Message[] = [];
    while (batch.length < max && this.visibleCount > 0) {
      const message = this.visible.shift()!;
      if (message.gone) continue;
      this.visibleCount--;
      if (this.expired(message, now)) {
        this.remove(message);
        this.stats.expired++;
        continue;
      }
      message.inFlight = true;
      message.receives++;
      this.inFlight++;
      this.stats.count(now, 'received');
      batch.push(message);
    }
    this.levels();
    return batch;
  }

  /** Processed: deleted from the queue. */
  delete(message: Message): void {
    if (message.gone) return;
    this.inFlight--;
    this.remove(message);
    this.stats.count(this.sim.now, 'deleted');
    this.levels();
  }

  /**
   * An in-flight message's visibility timeout passed (or its retry is due) without a
   * delete: visible again, unless it is past its retention (deleted) or `deadLetter` says
   * where it goes instead (the redrive policy, the retries spent).
   */
  release(message: Message, deadLetter: DeadLetterTarget | undefined): void {
    if (message.gone) return;
    if (this.expired(message, this.sim.now)) {
      this.inFlight--;
      this.remove(message);
      this.stats.expired++;
      this.levels();
    } else if (deadLetter !== undefined) this.moveOut(message, deadLetter);
    else {
      this.inFlight--;
      this.makeVisible(message);
    }
  }

  /** Moves an in-flight message to its dead-letter target (or on-failure destination). */
  moveOut(message: Message, deadLetter: DeadLetterTarget): void {
    if (message.gone) return;
    this.inFlight--;
    this.remove(message);
    this.stats.deadLettered++;
    this.levels();
    deadLetter.take(message);
  }

  /** An in-flight message leaves unprocessed with nowhere to go (counted by its caller). */
  discard(message: Message): void {
    if (message.gone) return;
    this.inFlight--;
    this.remove(message);
    this.levels();
  }

  /**
   * Deletes the visible messages past their retention at the head of the queue (a queue
   * nobody reads, a dead-letter queue, keeps them until then); called once a minute.
   */
  expireOld(): void {
    const now = this.sim.now;
    let changed = false;
    for (const message of this.stored.values()) {
      if (!this.expired(message, now)) break;
      if (message.inFlight) continue;
      this.visibleCount--;
      this.remove(message);
      this.stats.expired++;
      changed = true;
    }
    if (changed) this.levels();
  }

  /** A minute ends at `now`: the oldest message's age then belongs to the minute before. */
  minuteEnded(): void {
    const oldest = this.oldest();
    if (oldest !== undefined)
      this.stats.oldestAge(this.sim.now - 1e-9, this.sim.now - oldest.sentAt);
  }

  /** The run ends: the oldest message's age now. */
  runEnded(): void {
    const oldest = this.oldest();
    if (oldest !== undefined) this.stats.oldestAge(this.sim.now, this.sim.now - oldest.sentAt);
  }

  private expired(message: Message, now: number): boolean {
    return now - message.sentAt >= this.options.retentionMs;
  }

  private oldest(): Message | undefined {
    return this.stored.values().next().value;
  }

  /** It leaves the queue; if it was the oldest, its age now is a maximum of the oldest age. */
  private remove(message: Message): void {
    if (this.oldest() === message)
      this.stats.oldestAge(this.sim.now, this.sim.now - message.sentAt);
    message.gone = true;
    this.stored.delete(message.id);
  }

  private levels(): void {
    this.stats.levels(this.sim.now, this.visibleCount, this.inFlight);
  }
}
