/**
 * Envoy's fully jittered exponential back-off between tries (JitteredBackOffStrategy in
 * source/common/common/backoff_strategy.cc, Envoy 1.16 and later): the n-th retry waits a
 * whole number of milliseconds drawn uniformly from [0, min(base × 2^(n−1), max)), i.e.
 * `random() % interval`, the interval doubling from `base` until it reaches `max`.
 * With Envoy's defaults (base 25 ms, max 250 ms): up to 24, 49, 99, 199, then 249 ms.
 * Envoy's router docs still give the older rule, intervals of (2^n − 1) × base (0–24 ms,
 * 0–74 ms, 0–174 ms), which the code replaced; docs/mesh/resilience.md has both.
 */
export function backOffIntervalMs(retry: number, baseMs: number, maxMs: number): number {
  let interval = baseMs;
  for (let n = 1; n < retry && interval < maxMs; n++) {
    interval = interval < maxMs / 2 ? interval * 2 : maxMs;
  }
  return Math.min(interval, maxMs);
}

/** The n-th retry's wait: a uniform whole number of ms below its interval (at least 1 ms wide). */
export function backOffMs(retry: number, baseMs: number, maxMs: number, uniform: number): number {
  const interval = Math.max(1, Math.floor(backOffIntervalMs(retry, baseMs, maxMs)));
  return Math.min(Math.floor(uniform * interval), maxMs);
}

/**
 * An AWS SDK's wait before its n-th retry in `standard` mode (smithy-typescript
 * packages/util-retry/src/defaultRetryBackoffStrategy.ts, computeNextBackoffDelay with the
 * retry count n − 1): `floor(min(max, random × 2^(n−1) × base))`. The same full jitter as
 * Envoy's above, capped after the draw rather than before it: past the cap most waits are
 * the cap itself. The SDK's bases: 100 ms, 500 ms after a throttling error; its cap 20 s.
 */
export function sdkBackOffMs(
  retry: number,
  baseMs: number,
  maxMs: number,
  uniform: number,
): number {
  return Math.floor(Math.min(maxMs, uniform * 2 ** (retry - 1) * baseMs));
}
