import type { BrokenWindow, SteadyStateVerdict } from '../../metrics/fault-result.js';
import type { SteadyStateConfig } from '../../scenario/fault-schema.js';

/**
 * A steady-state hypothesis as a chaos experiment states one (Chaos Toolkit's
 * `steady-state-hypothesis`: probes with tolerances, https://chaostoolkit.org/reference/api/experiment/#steady-state-hypothesis),
 * checked in every window of the measured period rather than before and after: per window of
 * `window` length from the warmup on, the requests that arrived in it (measured ones) must
 * succeed at `availability` or more, and its successful requests' p99 latency (nearest rank)
 * must be `p99` or less. A window no request arrived in is not judged; the last window may
 * be shorter than the others. Held: no judged window broke it.
 */
export class SteadyStateCheck {
  private readonly succeeded: number[] = [];
  private readonly failed: number[] = [];
  private readonly latencies: number[][] = [];

  constructor(
    private readonly config: SteadyStateConfig,
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  /** A measured request ended: arrived at `startedAtMs`, after `latencyMs`. */
  requestEnded(startedAtMs: number, latencyMs: number, ok: boolean): void {
    const index = Math.floor((startedAtMs - this.startMs) / this.config.window);
    if (index < 0) return;
    if (ok) {
      this.succeeded[index] = (this.succeeded[index] ?? 0) + 1;
      if (this.config.p99 !== undefined) this.latencyList(index).push(latencyMs);
    } else this.failed[index] = (this.failed[index] ?? 0) + 1;
  }

  private latencyList(index: number): number[] {
    let list = this.latencies[index];
    if (list === undefined) {
      list = [];
      this.latencies[index] = list;
    }
    return list;
  }

  verdict(): SteadyStateVerdict {
    const count = Math.ceil((this.endMs - this.startMs) / this.config.window);
    const broken: BrokenWindow[] = [];
    let windows = 0;
    for (let i = 0; i < count; i++) {
      const ok = this.succeeded[i] ?? 0;
      const total = ok + (this.failed[i] ?? 0);
      if (total === 0) continue;
      windows++;
      const window = this.judge(i, ok, total);
      if (window !== undefined) broken.push(window);
    }
    return { held: broken.length === 0, windows, broken };
  }

  private judge(i: number, ok: number, total: number): BrokenWindow | undefined {
    const { availability: least, p99: most, window } = this.config;
    const availability = ok / total;
    const p99Ms = ok === 0 ? undefined : nearestRank(this.latencies[i] ?? [], 0.99);
    const badAvailability = least !== undefined && availability < least;
    const slow = most !== undefined && (p99Ms === undefined || p99Ms > most);
    if (!badAvailability && !slow) return undefined;
    const startMs = this.startMs + i * window;
    const endMs = Math.min(startMs + window, this.endMs);
    return p99Ms === undefined || most === undefined
      ? { startMs, endMs, availability }
      : { startMs, endMs, availability, p99Ms };
  }
}

/** The q-quantile by nearest rank: the ceil(q × n)-th smallest; undefined for no values. */
export function nearestRank(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}
