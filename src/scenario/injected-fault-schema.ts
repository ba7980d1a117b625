import { z } from 'zod';
import { duration, fraction, positiveDuration } from './fields.js';

/**
 * Faults injected into calls and invocations (docs/faults.md, "Injected latency, aborts and
 * packet loss", "Function faults"), in the shapes chaos tools give them: Chaos Mesh's
 * NetworkChaos (`delay: {latency, jitter, correlation}`, `loss: {loss, correlation}`,
 * chaos-mesh/chaos-mesh api/v1alpha1/networkchaos_types.go), Istio's abort (`percentage`,
 * `httpStatus`) and AWS FIS's Lambda actions (`aws:lambda:invocation-add-delay`,
 * `aws:lambda:invocation-error`).
 */

/** The longest injected latency or jitter: 10 minutes (far past any caller's timeout). */
export const MAX_INJECTED_DELAY_MS = 600_000;
/** FIS's largest startupDelayMilliseconds: 15 minutes, Lambda's longest timeout. */
export const MAX_STARTUP_DELAY_MS = 900_000;

const boundedDelay = (d: typeof duration) =>
  d.refine((ms) => ms <= MAX_INJECTED_DELAY_MS, 'must be at most 10m');

const target = {
  service: z.string().describe('the service whose incoming calls are hit'),
  from: z
    .string()
    .optional()
    .describe('only calls from this service (source -> target); default: from any caller'),
};

const invocationPercentage = z
  .number()
  .int()
  .min(1)
  .max(100)
  .prefault(100)
  .describe(
    "FIS's invocationPercentage: the share of invocations hit, a whole 1 to 100 (default 100)",
  );

export const injectedFaultKinds = {
  networkDelay: z
    .strictObject({
      ...target,
      latency: boundedDelay(positiveDuration).describe(
        'added to each call (netem delay), at most 10m',
      ),
      jitter: boundedDelay(duration)
        .prefault('0ms')
        .describe(
          'each delay is latency ± up to jitter, uniform (netem without a table); default 0ms',
        ),
      correlation: fraction
        .prefault(0)
        .describe(
          "how much each delay's draw follows the previous one (netem's correlation, 0 to 100%)",
        ),
    })
    .optional()
    .describe(
      'Chaos Mesh NetworkChaos action: delay: every call into the service waits longer on the wire',
    ),
  networkLoss: z
    .strictObject({
      ...target,
      loss: fraction.describe('the share of packets lost, each way (e.g. 2%)'),
      correlation: fraction
        .prefault(0)
        .describe("how much each packet's draw follows the previous one (netem's correlation)"),
    })
    .optional()
    .describe(
      'Chaos Mesh NetworkChaos action: loss: lost segments are sent again after TCP’s retransmission timeout (200 ms, doubling)',
    ),
  httpAbort: z
    .strictObject({
      ...target,
      percentage: fraction.prefault(1).describe('the share of calls aborted (default 100%)'),
      httpStatus: z
        .number()
        .int()
        .min(200)
        .max(599)
        .describe('the status the caller gets, 200-599, as Istio’s abort'),
    })
    .optional()
    .describe(
      'a share of calls into the service are answered with this status (cause fault_abort)',
    ),
  functionDelay: z
    .strictObject({
      function: z.string().describe('a function of the scenario'),
      startupDelayMilliseconds: z
        .number()
        .int()
        .min(0)
        .max(MAX_STARTUP_DELAY_MS)
        .describe('added at the start of each invocation hit, 0 to 900000 (billed)'),
      invocationPercentage,
    })
    .optional()
    .describe('AWS FIS aws:lambda:invocation-add-delay: the handler starts later, billed'),
  functionError: z
    .strictObject({
      function: z.string().describe('a function of the scenario'),
      invocationPercentage,
      preventExecution: z
        .boolean()
        .prefault(false)
        .describe('true: the handler does not run; false: it runs, then the invocation errs'),
    })
    .optional()
    .describe('AWS FIS aws:lambda:invocation-error: invocations end as handler errors'),
};
