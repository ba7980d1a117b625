import type { FailureCause } from '../../../metrics/run-result.js';
import type { MeshStrategy } from '../../../scenario/mesh-schema.js';
import type {
  RetriesConfig,
  TrafficPolicyConfig,
} from '../../../scenario/traffic-policy-schema.js';
import { ISTIO_DEFAULT_RETRY_ON } from '../../../scenario/traffic-policy-schema.js';
import type { OutlierSettings } from './outlier-detector.js';
import { retriableCauses } from './retry-conditions.js';

export interface RetrySettings {
  /** retries after the first try */
  readonly attempts: number;
  readonly perTryTimeoutMs: number | undefined;
  /** the failure causes a try may be retried after (retry-conditions.ts) */
  readonly causes: ReadonlySet<FailureCause>;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly budget: { readonly percent: number; readonly minConcurrency: number } | undefined;
  readonly hostSelectionMaxAttempts: number;
}

export interface BreakerSettings {
  readonly maxConnections: number;
  readonly maxPending: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
}

/** A caller's policies for calls to one service, in engine units. */
export interface PolicySettings {
  readonly routeTimeoutMs: number | undefined;
  readonly retry: RetrySettings | undefined;
  /** undefined: Istio's defaults, 2^32 − 1 for every threshold, i.e. no limit */
  readonly breaker: BreakerSettings | undefined;
  readonly outlier: OutlierSettings | undefined;
}

/**
 * Istio's default retry policy, which every sidecar applies to a route no VirtualService
 * configures (istio.io, reference/config/networking/virtual-service, HTTPRetry; pilot's
 * route/retry DefaultPolicy): 2 retries on connect-failure, refused-stream, unavailable,
 * cancelled and retriable status code 503, Envoy's back-off, and the previous_hosts
 * predicate with host_selection_retry_max_attempts 5.
 */
const ISTIO_DEFAULT_RETRIES: RetriesConfig = {
  attempts: 2,
  retryOn: [...ISTIO_DEFAULT_RETRY_ON],
  retriableStatusCodes: [503],
  backOff: { baseInterval: 25 },
  hostSelectionRetryMaxAttempts: 5,
};

/**
 * The retries a caller applies when the callee's trafficPolicy names none: Istio's default
 * in a `sidecar`; none elsewhere. `library`: a client library retries only as its code is
 * configured to. `sidecar-light`: Linkerd retries only routes marked retryable. `ambient`:
 * ztunnel is an L4 proxy and retries nothing; HTTP retries need a waypoint, which the
 * service's trafficPolicy then configures.
 */
export function defaultRetries(strategy: MeshStrategy): RetriesConfig | undefined {
  return strategy === 'sidecar' ? ISTIO_DEFAULT_RETRIES : undefined;
}

/** The policies a caller with `strategy` applies to calls to a service with `config`. */
export function policySettings(
  strategy: MeshStrategy,
  config: TrafficPolicyConfig | undefined,
): PolicySettings {
  const retries = config?.retries ?? defaultRetries(strategy);
  const breaker = config?.circuitBreaker;
  const outlier = config?.outlierDetection;
  return {
    routeTimeoutMs: config?.timeout,
    retry: retries === undefined || retries.attempts === 0 ? undefined : retrySettings(retries),
    breaker:
      breaker === undefined
        ? undefined
        : {
            maxConnections: breaker.maxConnections,
            maxPending: breaker.maxPendingRequests,
            maxRequests: breaker.maxRequests,
            maxRetries: breaker.maxRetries,
          },
    outlier:
      outlier === undefined
        ? undefined
        : {
            consecutive5xx: outlier.consecutive5xxErrors,
            consecutiveGateway: outlier.consecutiveGatewayErrors,
            intervalMs: outlier.interval,
            baseEjectionMs: outlier.baseEjectionTime,
            maxEjectionMs: Math.max(outlier.maxEjectionTime, outlier.baseEjectionTime),
            maxEjectionPercent: outlier.maxEjectionPercent,
            alwaysEjectOneHost: outlier.alwaysEjectOneHost,
            minHealthPercent: outlier.minHealthPercent,
          },
  };
}

function retrySettings(retries: RetriesConfig): RetrySettings {
  const baseMs = retries.backOff.baseInterval;
  return {
    attempts: retries.attempts,
    perTryTimeoutMs: retries.perTryTimeout,
    causes: retriableCauses(retries.retryOn, retries.retriableStatusCodes),
    baseMs,
    // Envoy: max_interval defaults to 10 × base_interval.
    maxMs: retries.backOff.maxInterval ?? baseMs * 10,
    budget:
      retries.retryBudget === undefined
        ? undefined
        : {
            percent: retries.retryBudget.budgetPercent,
            minConcurrency: retries.retryBudget.minRetryConcurrency,
          },
    hostSelectionMaxAttempts: retries.hostSelectionRetryMaxAttempts,
  };
}

/** Whether the settings do anything at all (else the caller gets no policy object). */
export function hasPolicies(settings: PolicySettings): boolean {
  return (
    settings.routeTimeoutMs !== undefined ||
    settings.retry !== undefined ||
    settings.breaker !== undefined ||
    settings.outlier !== undefined
  );
}
