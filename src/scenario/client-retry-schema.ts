import { z } from 'zod';
import { duration } from './fields.js';
import { formatDuration } from './units.js';

/**
 * `workload[].retry`: the client outside the system retries a failed request as an AWS SDK
 * does in its `standard` retry mode (docs/serverless.md, "Client retries"). The defaults are
 * the SDK's (smithy-typescript packages/util-retry/src/constants.ts: DEFAULT_MAX_ATTEMPTS 3,
 * DEFAULT_RETRY_DELAY_BASE 100 ms, THROTTLING_RETRY_DELAY_BASE 500 ms, MAXIMUM_RETRY_DELAY
 * 20 s); the SDK's own names are `maxAttempts` and the delays above.
 */
export const MAX_CLIENT_ATTEMPTS = 10;
const MAX_DELAY_MS = 300_000;

const delayField = (fallback: string, what: string) =>
  duration
    .refine(
      (ms) => ms <= MAX_DELAY_MS,
      `must be between 0s and ${formatDuration(MAX_DELAY_MS)} (${what})`,
    )
    .prefault(fallback);

export const clientRetrySchema = z
  .strictObject({
    maxAttempts: z
      .number()
      .int('must be a whole number of attempts')
      .min(1, 'must be at least 1 (1: no retry)')
      .max(MAX_CLIENT_ATTEMPTS, `must be at most ${MAX_CLIENT_ATTEMPTS}`)
      .default(3)
      .describe('attempts in all, the first included: 1 to 10 (default 3, the SDK standard mode)'),
    baseDelay: delayField('100ms', "the SDK's DEFAULT_RETRY_DELAY_BASE").describe(
      'the n-th retry waits a uniform draw below baseDelay × 2^(n−1), at most maxBackoff (default 100ms, 0s to 5m)',
    ),
    throttlingBaseDelay: delayField('500ms', "the SDK's THROTTLING_RETRY_DELAY_BASE").describe(
      'baseDelay after a 429 (throttled) answer (default 500ms, 0s to 5m)',
    ),
    maxBackoff: delayField('20s', "the SDK's MAXIMUM_RETRY_DELAY").describe(
      'the longest wait before a retry (default 20s, 0s to 5m)',
    ),
  })
  .describe(
    'the client retries a failed or timed-out request (every failure: 5xx, 429, its timeout, a reset), as the AWS SDK standard retry mode does; timeout is then per attempt',
  );

export type ClientRetryConfig = z.infer<typeof clientRetrySchema>;
