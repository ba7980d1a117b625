import type { RoutingConfig } from '../../../scenario/routing-schema.js';
import type { Request } from '../../request.js';

/** A call routed to no version in particular: any ready pod of the service (no subset). */
export const ANY_VERSION = '';

/**
 * What the proxy does to a call before it leaves: holds it `delayMs` (0: not), then answers
 * it itself with `abortStatus` (0: forwards it). Envoy's fault filter applies the delay
 * first, then the abort, so a call drawn for both is held, then aborted.
 */
export interface Fault {
  readonly delayMs: number;
  readonly abortStatus: number;
}

export const NO_FAULT: Fault = { delayMs: 0, abortStatus: 0 };

/**
 * A service's routing as one proxy holds it (Istio's VirtualService for that host, compiled):
 * match rules, a weighted split, a mirror and faults. Every roll takes a uniform from the
 * proxy's own stream, and only where the outcome is not certain, so a table without a
 * feature draws nothing for it.
 */
export class RouteTable {
  private readonly matches: readonly { cohort: string; version: string }[];
  private readonly splitVersions: readonly string[];
  /** the split's cumulative weights, the last exactly 1 */
  private readonly cumulative: readonly number[];
  readonly mirror: { readonly version: string; readonly share: number } | undefined;
  private readonly delay: { readonly share: number; readonly ms: number } | undefined;
  private readonly abort: { readonly share: number; readonly httpStatus: number } | undefined;

  constructor(config: RoutingConfig) {
    this.matches = config.match ?? [];
    const split = Object.entries(config.split ?? {}).filter(([, weight]) => weight > 0);
    const total = split.reduce((sum, [, weight]) => sum + weight, 0);
    this.splitVersions = split.map(([version]) => version);
    let running = 0;
    this.cumulative = split.map(([, weight], i) => {
      running += weight / total;
      return i === split.length - 1 ? 1 : running;
    });
    this.mirror =
      config.mirror === undefined
        ? undefined
        : { version: config.mirror.version, share: config.mirror.percentage };
    const { delay, abort } = config.fault ?? {};
    this.delay =
      delay === undefined ? undefined : { share: delay.percentage, ms: delay.fixedDelay };
    this.abort =
      abort === undefined ? undefined : { share: abort.percentage, httpStatus: abort.httpStatus };
  }

  /** Whether the proxy must look at a call before it leaves: faults or a mirror. */
  get intercepts(): boolean {
    return this.delay !== undefined || this.abort !== undefined || this.mirror !== undefined;
  }

  /** The version a call of this request goes to: the first matching rule's, else the split's. */
  versionFor(request: Request, next: () => number): string {
    const cohort = request.cohort;
    if (cohort !== undefined)
      for (const rule of this.matches) if (rule.cohort === cohort) return rule.version;
    const versions = this.splitVersions;
    if (versions.length === 0) return ANY_VERSION;
    if (versions.length === 1) return versions[0]!;
    const u = next();
    const cumulative = this.cumulative;
    for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return versions[i]!;
    return versions[versions.length - 1]!;
  }

  /** The fault for one call: delay and abort rolled independently (Istio's HTTPFaultInjection). */
  faultFor(next: () => number): Fault {
    const { delay, abort } = this;
    const delayMs = delay !== undefined && roll(delay.share, next) ? delay.ms : 0;
    const abortStatus = abort !== undefined && roll(abort.share, next) ? abort.httpStatus : 0;
    return delayMs === 0 && abortStatus === 0 ? NO_FAULT : { delayMs, abortStatus };
  }

  /** Whether this call is copied to the mirror's version. */
  mirrors(next: () => number): boolean {
    const mirror = this.mirror;
    return mirror !== undefined && roll(mirror.share, next);
  }
}

/** True with probability `share`; no draw when it is 0 or 1. */
export function roll(share: number, next: () => number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  return next() < share;
}
