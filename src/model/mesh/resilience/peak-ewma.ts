import type { Simulation } from '../../../engine/simulation.js';
import type { Pod } from '../../pod.js';

/** Linkerd's proxy (linkerd2-proxy, outbound balancer): EWMA_DEFAULT_RTT and EWMA_DECAY. */
export const LINKERD_DEFAULT_RTT_MS = 30;
export const LINKERD_DECAY_MS = 10_000;

interface RttEstimate {
  rttMs: number;
  updatedAt: number;
}

/**
 * Peak-EWMA latency per pod, as one caller's balancer sees it: Finagle's, in the form
 * Linkerd runs it (tower::load::PeakEwma). A response slower than the estimate replaces it
 * at once (the peak); a faster one moves it by the weight 1 − e^(−Δt/τ), Δt the time since
 * the last update, τ the decay (10 s); reading the estimate decays it towards 0 the same way
 * (tower updates with a zero RTT), so a pod not heard from for a while is tried again. A pod
 * never measured starts at the default RTT (30 ms). Its cost is estimate × (pending + 1):
 * the balancer's power of two choices takes the cheaper of two random pods.
 */
export class PeakEwma {
  private readonly estimates = new Map<Pod, RttEstimate>();

  constructor(
    private readonly sim: Simulation,
    private readonly defaultRttMs = LINKERD_DEFAULT_RTT_MS,
    private readonly decayMs = LINKERD_DECAY_MS,
  ) {}

  cost(pod: Pod, pending: number): number {
    return this.update(this.estimateOf(pod), 0) * (pending + 1);
  }

  observe(pod: Pod, rttMs: number): void {
    this.update(this.estimateOf(pod), rttMs);
  }

  private estimateOf(pod: Pod): RttEstimate {
    let estimate = this.estimates.get(pod);
    if (estimate === undefined) {
      estimate = { rttMs: this.defaultRttMs, updatedAt: this.sim.now };
      this.estimates.set(pod, estimate);
    }
    return estimate;
  }

  private update(estimate: RttEstimate, rttMs: number): number {
    const now = this.sim.now;
    if (estimate.rttMs < rttMs) {
      estimate.rttMs = rttMs;
    } else {
      const decay = Math.exp(-(now - estimate.updatedAt) / this.decayMs);
      estimate.rttMs = estimate.rttMs * decay + rttMs * (1 - decay);
    }
    estimate.updatedAt = now;
    return estimate.rttMs;
  }
}
