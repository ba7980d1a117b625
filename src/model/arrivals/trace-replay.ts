import type { Simulation } from '../../engine/simulation.js';
import type { StartRequest } from './arrival-sink.js';
import type { RateProfile } from './rate-profile.js';

/** Replays recorded arrival timestamps (seconds from the start), in time order. */
export class TimestampReplay {
  private readonly timesMs: number[];
  private index = 0;

  constructor(
    private readonly sim: Simulation,
    timestampsSec: readonly number[],
    stopAtMs: number,
    private readonly startRequest: StartRequest,
  ) {
    this.timesMs = timestampsSec
      .map((s) => s * 1000)
      .filter((t) => t < stopAtMs)
      .sort((a, b) => a - b);
  }

  start(): void {
    this.scheduleNext();
  }

  private readonly arrive = (): void => {
    this.startRequest(undefined);
    this.scheduleNext();
  };

  private scheduleNext(): void {
    const at = this.timesMs[this.index++];
    if (at !== undefined) this.sim.scheduleAt(at, this.arrive, undefined);
  }
}

/**
 * Recorded per-second rates as a profile on a base rate of 1/s: second k has rate
 * values[k]; after the recording ends the rate is 0. Used with Poisson arrivals.
 */
export function perSecondRatesProfile(ratesPerSec: readonly number[]): RateProfile {
  let peak = 0;
  for (const rate of ratesPerSec) peak = Math.max(peak, rate);
  return {
    maxFactor: peak,
    factorAt: (t) => ratesPerSec[Math.floor(t / 1000)] ?? 0,
  };
}
