import { RingQueue } from '../ring-queue.js';

/**
 * A shared pool of CI runners (docs/cicd.md): a job takes one runner for as long as it runs;
 * when all are busy, jobs wait in one FIFO queue, as GitHub Actions' self-hosted runners and
 * a GitLab runner with `concurrent: N` hand out queued jobs oldest first. With Poisson
 * commits and exponential jobs this is M/M/c (test/model/pipeline/runner-pool-mmc.test.ts).
 */
export class RunnerPool {
  private busy = 0;
  private readonly waiting = new RingQueue<() => void>();
  /** busy runner-milliseconds inside the measured window, and the window */
  private busyArea = 0;
  private lastChangeMs = 0;
  private windowStartMs = 0;
  private windowEndMs = Number.POSITIVE_INFINITY;

  constructor(
    readonly size: number,
    private readonly now: () => number,
  ) {}

  /** Measure the busy runners over [startMs, endMs). */
  measure(startMs: number, endMs: number): void {
    this.windowStartMs = startMs;
    this.windowEndMs = endMs;
  }

  /** Runs `start` on a free runner now, or when one is released and the jobs before it started. */
  take(start: () => void): void {
    if (this.busy < this.size) {
      this.change(+1);
      start();
    } else this.waiting.push(start);
  }

  /** The job ended: its runner goes to the oldest waiting job, or becomes free. */
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.change(-1);
  }

  get idle(): boolean {
    return this.busy === 0 && this.waiting.length === 0;
  }

  /** Busy runner time over size × the window's length; null for an empty window. */
  utilization(): number | null {
    this.accumulate(this.now());
    const length = this.windowEndMs - this.windowStartMs;
    if (!(length > 0 && Number.isFinite(length))) return null;
    return this.busyArea / (this.size * length);
  }

  private change(delta: number): void {
    this.accumulate(this.now());
    this.busy += delta;
  }

  private accumulate(nowMs: number): void {
    const from = Math.max(this.lastChangeMs, this.windowStartMs);
    const to = Math.min(nowMs, this.windowEndMs);
    if (to > from) this.busyArea += this.busy * (to - from);
    this.lastChangeMs = nowMs;
  }
}
