import { z } from 'zod';
import { nonNegativeInt, percent, positiveDuration, positiveInt } from './fields.js';

/**
 * Resilience for calls to a service, applied in each caller's proxy (or client library):
 * Envoy's route and per-try timeouts, retries, circuit breaking and outlier detection
 * (docs/mesh/resilience.md). Names and units follow Istio's DestinationRule and
 * VirtualService where Istio has them, else Envoy's. A block left out takes the caller's
 * mesh strategy's default (sidecar: Istio's 2 retries; nothing else is on by default).
 */

/** Envoy's retry_on conditions (router filter, x-envoy-retry-on and x-envoy-retry-grpc-on). */
export const RETRY_ON = [
  'connect-failure',
  'refused-stream',
  'unavailable',
  'cancelled',
  'reset',
  '5xx',
  'gateway-error',
  'retriable-status-codes',
] as const;
export type RetryOn = (typeof RETRY_ON)[number];

/** Istio's default retry policy (istio.io, VirtualService HTTPRetry; pilot's DefaultPolicy). */
export const ISTIO_DEFAULT_RETRY_ON: readonly RetryOn[] = [
  'connect-failure',
  'refused-stream',
  'unavailable',
  'cancelled',
  'retriable-status-codes',
];

const httpStatus = z.number().int().min(100).max(599);

const retries = z.strictObject({
  attempts: nonNegativeInt
    .max(100)
    .default(2)
    .describe("retries after the first try (Istio's attempts; default 2; 0: no retries)"),
  perTryTimeout: positiveDuration
    .optional()
    .describe(
      'each try is cancelled after this and counts as a 504 (Envoy UT); the next try goes to another pod (default none)',
    ),
  retryOn: z
    .array(z.enum(RETRY_ON))
    .max(RETRY_ON.length, `at most ${RETRY_ON.length} conditions, each once`)
    .default([...ISTIO_DEFAULT_RETRY_ON])
    .describe(
      "Envoy's retry_on conditions (default Istio's: connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes)",
    ),
  retriableStatusCodes: z
    .array(httpStatus)
    .max(500, 'at most 500 statuses (100 to 599), each once')
    .default([503])
    .describe('the HTTP statuses retriable-status-codes retries (default [503], as Istio)'),
  backOff: z
    .strictObject({
      baseInterval: positiveDuration
        .prefault('25ms')
        .describe("Envoy's base_interval: the first retry waits up to it (default 25ms)"),
      maxInterval: positiveDuration
        .optional()
        .describe("Envoy's max_interval: no back-off is longer (default 10 × baseInterval)"),
    })
    .prefault({})
    .refine((b) => b.maxInterval === undefined || b.maxInterval >= b.baseInterval, {
      message: 'maxInterval must be at least baseInterval (Envoy refuses it otherwise)',
      path: ['maxInterval'],
    })
    .describe('fully jittered exponential back-off between tries (Envoy)'),
  retryBudget: z
    .strictObject({
      budgetPercent: percent
        .default(20)
        .describe(
          'retries outstanding at once, as a percent of active and pending requests (default 20)',
        ),
      minRetryConcurrency: nonNegativeInt
        .max(1_000_000)
        .default(3)
        .describe('retries always allowed at once, whatever the percent gives (default 3)'),
    })
    .optional()
    .describe("Envoy's retry_budget: replaces maxRetries as the limit on outstanding retries"),
  hostSelectionRetryMaxAttempts: nonNegativeInt
    .max(100)
    .default(5)
    .describe(
      "picks a retry makes to find a pod its call has not tried (Envoy's previous_hosts predicate; Istio sets 5)",
    ),
});

/**
 * Istio leaves every threshold of a DestinationRule's connectionPool at 2^32 − 1 unless the
 * rule sets it (istio.io, reference/config/networking/destination-rule, ConnectionPoolSettings;
 * pilot's DefaultCircuitBreakerThresholds): no limit. Envoy's own defaults (1024 connections,
 * pending and requests, 3 retries) hold only for an Envoy configured without Istio; a
 * scenario wanting them writes them.
 */
const NO_LIMIT = 4_294_967_295;

const threshold = (base: typeof positiveInt) => base.max(NO_LIMIT).default(NO_LIMIT);

const circuitBreaker = z.strictObject({
  maxConnections: threshold(positiveInt).describe(
    "connections from one caller to all the service's pods (Istio's default 2^32 - 1: no limit; Envoy without Istio: 1024)",
  ),
  maxPendingRequests: threshold(nonNegativeInt).describe(
    "calls waiting for a connection; beyond, 503 UO at once (Istio's http1MaxPendingRequests, default 2^32 - 1; Envoy without Istio: 1024)",
  ),
  maxRequests: threshold(positiveInt).describe(
    "calls in flight from one caller; beyond, 503 UO at once (Istio's http2MaxRequests, default 2^32 - 1; Envoy without Istio: 1024)",
  ),
  maxRetries: threshold(nonNegativeInt).describe(
    "retries outstanding at once from one caller; beyond, no retry (Istio's default 2^32 - 1; Envoy without Istio: 3)",
  ),
});

const outlierDetection = z.strictObject({
  consecutive5xxErrors: nonNegativeInt
    .max(1_000_000)
    .default(5)
    .describe(
      'consecutive 5xx (or connect failures, resets, timeouts) that eject a pod (default 5; 0: off)',
    ),
  consecutiveGatewayErrors: nonNegativeInt
    .max(1_000_000)
    .default(0)
    .describe('consecutive 502, 503, 504 that eject a pod (default 0: off, as Istio)'),
  interval: positiveDuration
    .prefault('10s')
    .describe('between sweeps that return ejected pods (default 10s)'),
  baseEjectionTime: positiveDuration
    .prefault('30s')
    .describe('an ejected pod stays out this long × the times it was ejected (default 30s)'),
  maxEjectionTime: positiveDuration
    .prefault('300s')
    .describe("the longest ejection (Envoy's max_ejection_time, default 300s)"),
  maxEjectionPercent: percent
    .default(10)
    .describe('at most this percent of the pods ejected at once (default 10)'),
  alwaysEjectOneHost: z
    .boolean()
    .default(false)
    .describe(
      "eject one pod even when maxEjectionPercent of the pods is less than one (Envoy's always_eject_one_host, default false)",
    ),
  minHealthPercent: percent
    .default(0)
    .describe(
      "below this percent of a cluster's pods in service, the proxy balances over all of them, ejected ones too (Envoy's healthy_panic_threshold, which Istio sets from it: default 0, never; with every pod ejected, calls fail 503 UH)",
    ),
});

export const trafficPolicySchema = z.strictObject({
  timeout: positiveDuration
    .optional()
    .describe(
      "the route timeout: the whole call, every try and back-off included; past it the call fails with 504 (deadline_exceeded). Default none (Istio's default: off)",
    ),
  retries: retries.optional().describe("retries (default: the caller's mesh strategy's)"),
  circuitBreaker: circuitBreaker
    .optional()
    .describe(
      "Envoy's circuit breaker thresholds, per caller pod and this service (default: none)",
    ),
  outlierDetection: outlierDetection
    .optional()
    .describe("ejects failing pods from each caller's balancing (default: off)"),
});

export type TrafficPolicyConfig = z.infer<typeof trafficPolicySchema>;
export type RetriesConfig = z.infer<typeof retries>;
export type CircuitBreakerConfig = z.infer<typeof circuitBreaker>;
export type OutlierDetectionConfig = z.infer<typeof outlierDetection>;
