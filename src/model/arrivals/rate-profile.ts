import type { ProfileConfig } from '../../scenario/schema.js';

/**
 * A time-varying factor on a workload's base rate: rate(t) = rate × factorAt(t).
 * Open-loop Poisson arrivals follow it by thinning (Lewis & Shedler), which needs the
 * largest factor the profile can reach. factorAt is only ever asked for increasing times,
 * which lets the MMPP profile draw its state changes lazily from its own stream.
 */
export interface RateProfile {
  readonly maxFactor: number;
  factorAt(timeMs: number): number;
}

export const FLAT_PROFILE: RateProfile = { maxFactor: 1, factorAt: () => 1 };

export function createRateProfile(
  config: ProfileConfig | undefined,
  next: () => number,
): RateProfile {
  if (config === undefined) return FLAT_PROFILE;
  switch (config.type) {
    case 'ramp':
      return rampProfile(config.from, config.to, config.start, config.over);
    case 'diurnal':
      return diurnalProfile(config.amplitude, config.period);
    case 'onoff':
      return onOffProfile(config.on, config.off, config.offFactor);
    case 'mmpp':
      return new MarkovModulatedProfile(config.states, next);
  }
}

/** Linear from `from` to `to` between start and start + over; flat outside. */
function rampProfile(from: number, to: number, startMs: number, overMs: number): RateProfile {
  return {
    maxFactor: Math.max(from, to),
    factorAt: (t) => from + (to - from) * Math.min(1, Math.max(0, (t - startMs) / overMs)),
  };
}

/** A sinusoid starting at its trough: 1 - amplitude at t = 0, 1 + amplitude at period / 2. */
function diurnalProfile(amplitude: number, periodMs: number): RateProfile {
  return {
    maxFactor: 1 + amplitude,
    factorAt: (t) => 1 - amplitude * Math.cos((2 * Math.PI * t) / periodMs),
  };
}

/** Bursts: full rate for `on`, then offFactor for `off`, repeating from t = 0. */
function onOffProfile(onMs: number, offMs: number, offFactor: number): RateProfile {
  const cycle = onMs + offMs;
  return { maxFactor: Math.max(1, offFactor), factorAt: (t) => (t % cycle < onMs ? 1 : offFactor) };
}

/** States visited in turn with exponential sojourns: an MMPP (bursty, with random timing). */
class MarkovModulatedProfile implements RateProfile {
  readonly maxFactor: number;
  private state = 0;
  private stateEndsAt: number;

  constructor(
    private readonly states: readonly { factor: number; meanDuration: number }[],
    private readonly next: () => number,
  ) {
    this.maxFactor = Math.max(...states.map((s) => s.factor));
    this.stateEndsAt = this.sojourn(0);
  }

  factorAt(timeMs: number): number {
    while (timeMs >= this.stateEndsAt) {
      this.state = (this.state + 1) % this.states.length;
      this.stateEndsAt += this.sojourn(this.state);
    }
    return this.states[this.state]!.factor;
  }

  private sojourn(state: number): number {
    return -Math.log(1 - this.next()) * this.states[state]!.meanDuration;
  }
}
