import { z } from 'zod';

/**
 * Resilience for calls to a service, applied in each caller's proxy (or client library):
 * Envoy's route and per-try timeouts, retries, circuit breaking and outlier detection.
 */
export const trafficPolicySchema = z.strictObject({});
