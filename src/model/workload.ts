import type { RandomStreams } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { WorkloadConfig } from '../scenario/schema.js';
import type { StartRequest } from './arrivals/arrival-sink.js';
import { ClientLoop } from './arrivals/closed-loop.js';
import { ConstantArrivals, PoissonArrivals } from './arrivals/open-loop.js';
import { createRateProfile } from './arrivals/rate-profile.js';
import { perSecondRatesProfile, TimestampReplay } from './arrivals/trace-replay.js';
import type { DistributionCache } from './distribution-cache.js';
import type { CallTarget } from './service.js';

/** Picks the entry endpoint of each new request from the workload's weighted mix. */
export function createEntryPicker(
  entries: readonly { target: CallTarget; weight: number }[],
  next: () => number,
): () => CallTarget {
  if (entries.length === 1) {
    const only = entries[0]!.target;
    return () => only;
  }
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  let sum = 0;
  const cumulative = entries.map((e) => {
    sum += e.weight / total;
    return sum;
  });
  return () => {
    const u = next();
    for (let i = 0; i < cumulative.length - 1; i++)
      if (u < cumulative[i]!) return entries[i]!.target;
    return entries[entries.length - 1]!.target;
  };
}

export interface ArrivalProcess {
  start(): void;
}

/** Builds the arrival processes of one workload; they stop creating requests at stopAtMs. */
export function createArrivals(
  config: WorkloadConfig,
  sim: Simulation,
  streams: RandomStreams,
  distributions: DistributionCache,
  stopAtMs: number,
  startRequest: StartRequest,
): ArrivalProcess[] {
  const stream = (purpose: string) => streams.stream(`workload:${config.name}:${purpose}`).next;
  switch (config.arrivals) {
    case 'poisson': {
      const profile = createRateProfile(config.profile, stream('profile'));
      return [
        new PoissonArrivals(sim, config.rate, profile, stream('arrivals'), stopAtMs, startRequest),
      ];
    }
    case 'constant': {
      const profile = createRateProfile(config.profile, stream('profile'));
      return [new ConstantArrivals(sim, config.rate, profile, stopAtMs, startRequest)];
    }
    case 'closed': {
      const thinkTime = distributions.get(config.thinkTime);
      const clients: ArrivalProcess[] = [];
      for (let i = 0; i < config.users; i++) {
        clients.push(
          new ClientLoop(sim, thinkTime, stream(`user:${i}:think`), stopAtMs, startRequest),
        );
      }
      return clients;
    }
    case 'trace': {
      const values = config.trace.values ?? [];
      if (config.trace.format === 'timestamps')
        return [new TimestampReplay(sim, values, stopAtMs, startRequest)];
      return [
        new PoissonArrivals(
          sim,
          1,
          perSecondRatesProfile(values),
          stream('arrivals'),
          stopAtMs,
          startRequest,
        ),
      ];
    }
  }
}
