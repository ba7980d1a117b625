import type { QueueKind, QueueMinute, QueueSummary } from '../../../metrics/queue-result.js';

const MINUTE_MS = 60_000;

/** One minute's counters of one queue, CloudWatch-style. */
interface Minute {
  sent: number;
  received: number;
  deleted: number;
  dropped: number;
  visibleMax: number;
  notVisibleMax: number;
  /** -1: no message was in the queue during the minute */
  oldestAgeMaxMs: number;
  eventAges: number;
  eventAgeSumMs: number;
  eventAgeMaxMs: number;
}

/**
 * One queue's statistics over the whole run: counters per minute (queue_metrics.csv), the
 * levels (visible, in flight) with their peaks, the oldest message's age, and the drain
 * time: from the last moment the backlog (the visible messages, those waiting) rose to its
 * peak to the first moment after it that no message waited.
 */
export class QueueStats {
  sent = 0;
  received = 0;
  deleted = 0;
  deadLettered = 0;
  expired = 0;
  private readonly minutes: Minute[] = [];
  private visible = 0;
  private notVisible = 0;
  private backlog = 0;
  private peak = 0;
  private peakAt = 0;
  private emptyAt = -1;
  private oldestAgeMaxMs = -1;

  constructor(
    readonly name: string,
    readonly kind: QueueKind,
  ) {}

  minute(now: number): Minute {
    const index = Math.floor(now / MINUTE_MS);
    while (this.minutes.length <= index)
      this.minutes.push({
        sent: 0,
        received: 0,
        deleted: 0,
        dropped: 0,
        visibleMax: this.visible,
        notVisibleMax: this.notVisible,
        oldestAgeMaxMs: -1,
        eventAges: 0,
        eventAgeSumMs: 0,
        eventAgeMaxMs: 0,
      });
    return this.minutes[index]!;
  }

  /** The queue's levels changed. */
  levels(now: number, visible: number, notVisible: number): void {
    this.visible = visible;
    this.notVisible = notVisible;
    const minute = this.minute(now);
    minute.visibleMax = Math.max(minute.visibleMax, visible);
    minute.notVisibleMax = Math.max(minute.notVisibleMax, notVisible);
    // The backlog is what waits: ApproximateNumberOfMessagesVisible (in-flight messages are
    // being worked on). Under steady load the queue is seldom empty, its visible part often.
    const backlog = visible;
    const changed = backlog !== this.backlog;
    this.backlog = backlog;
    if (!changed) return;
    if (backlog > 0 && backlog >= this.peak) {
      this.peak = backlog;
      this.peakAt = now;
      this.emptyAt = -1;
    } else if (backlog === 0 && this.peak > 0 && this.emptyAt < 0) this.emptyAt = now;
  }

  /**
   * The age of the oldest message now (it is about to leave, or a minute ends): the age
   * grows until the oldest leaves, so its maxima are at these moments. `at` is the moment
   * the age belongs to (a minute's end belongs to the minute before).
   */
  oldestAge(at: number, ageMs: number): void {
    const minute = this.minute(at);
    minute.oldestAgeMaxMs = Math.max(minute.oldestAgeMaxMs, ageMs);
    this.oldestAgeMaxMs = Math.max(this.oldestAgeMaxMs, ageMs);
  }

  eventAge(now: number, ageMs: number): void {
    const minute = this.minute(now);
    minute.eventAges++;
    minute.eventAgeSumMs += ageMs;
    minute.eventAgeMaxMs = Math.max(minute.eventAgeMaxMs, ageMs);
  }

  count(now: number, what: 'sent' | 'received' | 'deleted' | 'dropped'): void {
    this.minute(now)[what]++;
    if (what !== 'dropped') this[what]++;
  }

  summary(): QueueSummary {
    return {
      queue: this.name,
      kind: this.kind,
      messagesSent: this.sent,
      messagesReceived: this.received,
      messagesDeleted: this.deleted,
      deadLettered: this.deadLettered,
      expired: this.expired,
      peakBacklog: this.peak,
      oldestAgeMaxS: this.oldestAgeMaxMs < 0 ? null : toSeconds(this.oldestAgeMaxMs),
      // Drained: no message waited after the peak, and none is left as the run ends, waiting
      // or in flight (a backlog that left Visible for in flight, then came back, did not drain).
      drainTimeS:
        this.emptyAt < 0 || this.visible + this.notVisible > 0
          ? null
          : toSeconds(this.emptyAt - this.peakAt),
      backlogAtEnd: this.visible + this.notVisible,
    };
  }

  /** Every minute from the run's start to `endMs` (the last one partial). */
  perMinute(endMs: number): QueueMinute[] {
    if (endMs > 0) this.minute(Math.max(0, endMs - 1e-9));
    const async = this.kind === 'lambda-async';
    return this.minutes.map((m, index) => ({
      queue: this.name,
      kind: this.kind,
      startS: index * 60,
      sent: m.sent,
      received: m.received,
      deleted: m.deleted,
      visibleMax: m.visibleMax,
      notVisibleMax: m.notVisibleMax,
      oldestAgeMaxS: m.oldestAgeMaxMs < 0 ? null : toSeconds(m.oldestAgeMaxMs),
      eventAgeAvgMs: async && m.eventAges > 0 ? m.eventAgeSumMs / m.eventAges : null,
      eventAgeMaxMs: async && m.eventAges > 0 ? m.eventAgeMaxMs : null,
      dropped: m.dropped,
    }));
  }
}

/** Seconds to the microsecond: the float noise of sums of milliseconds is not a result. */
function toSeconds(ms: number): number {
  return Math.round(ms * 1000) / 1_000_000;
}
