import { TimeIntegral } from '../../src/metrics/time-integral.js';

/** A pod as the ledgers see it, using `cores` from its creation at `createdMs` on. */
export function fakePod(name: string, service: string, cpuRequest: number, cores = 0) {
  return { name, serviceName: service, cpuRequest, busyCores: new TimeIntegral(), cores };
}

/** A node as the ledgers see it. */
export function fakeNode(name: string, pricePerHourUsd: number, allocatableMilliCpu = 2000) {
  return { name, pool: 'pool', zone: 'a', pricePerHourUsd, allocatableMilliCpu };
}
