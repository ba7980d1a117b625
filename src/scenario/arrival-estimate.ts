import { createDistribution } from '../engine/distributions/create.js';
import type { DistributionSpec } from '../engine/distributions/spec.js';
import { createStream } from '../engine/random.js';
import type { PathSegment } from './errors.js';
import type { ProfileConfig, Scenario, WorkloadConfig } from './schema.js';

/**
 * How many requests a workload sends over a run, and the work its arrival process does
 * beyond them: the expectations work-estimate.ts builds on, from the scenario alone.
 */

export interface Arrivals {
  /** expected requests in [0, duration) */
  requests: number;
  /** candidate arrivals drawn and thrown away (thinning), or zero-rate checks */
  extraDraws: number;
  /** MMPP state changes: loop steps of the profile, not events, but work all the same */
  profileSteps: number;
  path: PathSegment[];
  remedy: string;
}

export function arrivalsOf(
  scenario: Scenario,
  workload: WorkloadConfig,
  path: PathSegment[],
): Arrivals {
  const durationMs = scenario.duration;
  switch (workload.arrivals) {
    case 'poisson':
    case 'constant': {
      const profile = profileWork(workload.profile, durationMs);
      const perMs = workload.rate / 1000;
      const requests = times(perMs, profile.integralMs);
      // Poisson thins candidates drawn at the peak rate; constant arrivals look again one
      // peak-rate gap later while the profile is at zero. Either way: peak rate × duration.
      const draws = times(perMs, times(profile.maxFactor, durationMs));
      return {
        requests,
        extraDraws: beyond(draws, requests),
        profileSteps: profile.steps,
        path: [...path, 'rate'],
        remedy: 'lower the rate or the duration',
      };
    }
    case 'closed': {
      const thinkMs = meanThinkWithin(workload.thinkTime, durationMs);
      // Each user sends at most once per think time (responses only lengthen the cycle),
      // plus its first request, sent at a random offset.
      return {
        requests: workload.users * (durationMs / thinkMs + 1),
        extraDraws: 0,
        profileSteps: 0,
        path,
        remedy: 'simulate fewer users, a longer think time or a shorter duration',
      };
    }
    case 'trace':
      return traceArrivals(workload.trace, durationMs, [...path, 'trace']);
  }
}

/** Draws of the think time averaged: enough for two digits, a fixed stream for one answer. */
const THINK_DRAWS = 4096;

/**
 * The mean think time as a run of `horizonMs` sees it: E[min(think, horizon)]. Requests per
 * user are about horizon / this (a renewal count, by Wald's identity on the truncated
 * gaps). The plain mean would be wrong for heavy tails: pareto(shape=1.01, scale=1us) has a
 * mean of 101us, yet within a second its gaps average 14us, so a user sends 7 times more.
 * No closed form covers every distribution (a mixture, a histogram), so it is measured on a
 * fixed random stream: the same scenario always gets the same estimate.
 */
function meanThinkWithin(thinkTime: DistributionSpec, horizonMs: number): number {
  const distribution = createDistribution(thinkTime);
  const { next } = createStream(0, 'work-estimate:think-time');
  let total = 0;
  for (let i = 0; i < THINK_DRAWS; i++) total += Math.min(distribution.sample(next), horizonMs);
  return total / THINK_DRAWS;
}

function traceArrivals(
  trace: Extract<WorkloadConfig, { arrivals: 'trace' }>['trace'],
  durationMs: number,
  path: PathSegment[],
): Arrivals {
  const values = trace.values ?? [];
  const remedy = 'replay a shorter trace or a shorter duration';
  if (trace.format === 'timestamps') {
    let requests = 0;
    for (const seconds of values) if (seconds * 1000 < durationMs) requests++;
    return { requests, extraDraws: 0, profileSteps: 0, path, remedy };
  }
  // Second k holds rate values[k] over [k s, k+1 s); the run stops arriving at duration.
  let requests = 0;
  let peak = 0;
  for (const [second, rate] of values.entries()) {
    const overlapMs = Math.min(1000, durationMs - second * 1000);
    if (overlapMs <= 0) break;
    requests += (rate * overlapMs) / 1000;
    peak = Math.max(peak, rate);
  }
  const draws = times(peak, durationMs) / 1000;
  return { requests, extraDraws: beyond(draws, requests), profileSteps: 0, path, remedy };
}

interface ProfileWork {
  /** ∫ factor(t) dt over [0, duration), in ms: expected arrivals are rate × this */
  integralMs: number;
  maxFactor: number;
  steps: number;
}

/** The rate profile's integral over the run, its peak, and its own loop steps (MMPP). */
function profileWork(profile: ProfileConfig | undefined, durationMs: number): ProfileWork {
  if (profile === undefined) return { integralMs: durationMs, maxFactor: 1, steps: 0 };
  switch (profile.type) {
    case 'ramp':
      return {
        integralMs: rampIntegral(profile, durationMs),
        maxFactor: Math.max(profile.from, profile.to),
        steps: 0,
      };
    case 'diurnal': {
      // ∫ 1 - a·cos(2πt/P) dt = D - a·P/(2π)·sin(2πD/P)
      const { amplitude: a, period } = profile;
      const integralMs =
        durationMs - ((a * period) / (2 * Math.PI)) * Math.sin((2 * Math.PI * durationMs) / period);
      return { integralMs, maxFactor: 1 + a, steps: 0 };
    }
    case 'onoff': {
      const cycle = profile.on + profile.off;
      const full = Math.floor(durationMs / cycle);
      const rest = durationMs - full * cycle;
      const perCycle = profile.on + profile.off * profile.offFactor;
      const partial =
        Math.min(rest, profile.on) + Math.max(0, rest - profile.on) * profile.offFactor;
      return {
        integralMs: full * perCycle + partial,
        maxFactor: Math.max(1, profile.offFactor),
        steps: 0,
      };
    }
    case 'mmpp': {
      // States are visited in turn: in the long run each holds its share of the mean cycle.
      const cycleMs = sum(profile.states.map((s) => s.meanDuration));
      const weighted = sum(profile.states.map((s) => s.factor * s.meanDuration));
      return {
        integralMs: (weighted / cycleMs) * durationMs,
        maxFactor: Math.max(...profile.states.map((s) => s.factor)),
        steps: (durationMs / cycleMs) * profile.states.length,
      };
    }
  }
}

/** `from` until start, linear to `to` over `over`, then `to`: its integral over [0, D). */
function rampIntegral(ramp: Extract<ProfileConfig, { type: 'ramp' }>, durationMs: number): number {
  const { from, to, start, over } = ramp;
  const before = Math.min(start, durationMs);
  const rampEnd = Math.min(start + over, durationMs);
  const during = Math.max(0, rampEnd - start);
  // The ramp reaches from + (to - from)·during/over at rampEnd: a trapezoid.
  const reached = from + ((to - from) * during) / over;
  const after = Math.max(0, durationMs - (start + over));
  return from * before + ((from + reached) / 2) * during + to * after;
}

/**
 * a × b where 0 × Infinity is 0, not NaN: a rate of 0 sends nothing whatever its profile,
 * and a request that never comes makes no calls, however many it would make.
 */
export function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

/** How much `total` exceeds `part` (Infinity beyond Infinity is nothing more). */
function beyond(total: number, part: number): number {
  if (!(total > part)) return 0;
  return Number.isFinite(total) ? total - part : total;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
