import type { Simulation } from '../../engine/simulation.js';
import type { StartRequest } from './arrival-sink.js';
import { FLAT_PROFILE, type RateProfile } from './rate-profile.js';

/**
 * Open-loop Poisson arrivals at rate × profile(t), by thinning: candidates come at the
 * profile's peak rate and each is kept with probability profile(t) / peak. Arrivals stop at
 * `stopAtMs`. Open loop means arrivals do not wait for responses, as real users do not.
 */
export class PoissonArrivals {
  private readonly peakPerMs: number;

  constructor(
    private readonly sim: Simulation,
    ratePerSec: number,
    private readonly profile: RateProfile,
    private readonly next: () => number,
    private readonly stopAtMs: number,
    private readonly startRequest: StartRequest,
  ) {
    this.peakPerMs = (ratePerSec * profile.maxFactor) / 1000;
  }

  start(): void {
    this.scheduleNextAfter(0);
  }

  private readonly arrive = (): void => {
    this.startRequest(undefined);
    this.scheduleNextAfter(this.sim.now);
  };

  private scheduleNextAfter(fromMs: number): void {
    if (!(this.peakPerMs > 0)) return;
    const { profile, next } = this;
    let t = fromMs;
    for (;;) {
      t += -Math.log(1 - next()) / this.peakPerMs;
      if (t >= this.stopAtMs) return;
      if (profile === FLAT_PROFILE || next() * profile.maxFactor < profile.factorAt(t)) break;
    }
    this.sim.scheduleAt(t, this.arrive, undefined);
  }
}

/**
 * Evenly spaced arrivals: the gap is 1 / (rate × profile(t)) evaluated at each arrival.
 * While the profile is at zero it looks again one peak-rate gap later.
 */
export class ConstantArrivals {
  private readonly peakGapMs: number;

  constructor(
    private readonly sim: Simulation,
    private readonly ratePerSec: number,
    private readonly profile: RateProfile,
    private readonly stopAtMs: number,
    private readonly startRequest: StartRequest,
  ) {
    this.peakGapMs = 1000 / (ratePerSec * profile.maxFactor);
  }

  start(): void {
    if (this.ratePerSec > 0 && this.profile.maxFactor > 0)
      this.sim.scheduleAt(0, this.arrive, undefined);
  }

  private readonly arrive = (): void => {
    const factor = this.profile.factorAt(this.sim.now);
    if (factor > 0) this.startRequest(undefined);
    const gap = factor > 0 ? 1000 / (this.ratePerSec * factor) : this.peakGapMs;
    if (this.sim.now + gap < this.stopAtMs) this.sim.schedule(gap, this.arrive, undefined);
  };
}
