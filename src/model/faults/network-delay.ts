import type { FaultWindow } from './fault-window.js';
import type { NetemRandom } from './netem-random.js';

export interface NetworkDelayConfig {
  readonly latency: number;
  readonly jitter: number;
}

/**
 * Chaos Mesh NetworkChaos `action: delay` (`delay: {latency, jitter, correlation}`,
 * api/v1alpha1/networkchaos_types.go), which sets a netem qdisc: each packet waits `latency`
 * ± up to `jitter`, uniform as netem draws it without a distribution table (sch_netem.c
 * `tabledist`: (rnd mod 2σ) + μ − σ), never below 0. msasim adds one draw per message on
 * the request's way to the callee (a message's packets leave together, so they are delayed
 * together) and one to a new connection's handshake (its SYN waits too).
 */
export class NetworkDelay {
  constructor(
    readonly window: FaultWindow,
    private readonly config: NetworkDelayConfig,
    private readonly random: NetemRandom,
  ) {}

  /** Its mean: what a connection's smoothed round trip grows by under it, ms. */
  get meanMs(): number {
    return this.config.latency;
  }

  /** The delay added to one message, ms. */
  delayMs(): number {
    const { latency, jitter } = this.config;
    if (jitter === 0) return latency;
    return Math.max(0, latency - jitter + 2 * jitter * this.random.draw());
  }
}
