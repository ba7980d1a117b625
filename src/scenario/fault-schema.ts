import { z } from 'zod';
import { duration, fraction, positiveDuration } from './fields.js';
import { injectedFaultKinds } from './injected-fault-schema.js';

/**
 * Faults (issue 14, docs/faults.md): a top-level `faults:` list of failures injected while
 * the run goes on, in the shapes chaos tools give them, and a `steadyState:` hypothesis
 * checked over the run, as Chaos Toolkit's steady-state-hypothesis states one.
 */

/** Most faults a scenario may hold (docs/limits.md). */
export const MAX_FAULTS = 1000;
/** The shortest mean time between failures: shorter would be a crash per start. */
export const MIN_MTBF_MS = 1000;

const FAULT_KINDS = [
  'podCrashes',
  'nodeFailure',
  'zoneOutage',
  'networkDelay',
  'networkLoss',
  'httpAbort',
  'functionDelay',
  'functionError',
] as const;

const fault = z
  .strictObject({
    at: duration
      .prefault('0')
      .describe('when the fault starts, from the start of the run (before duration)'),
    duration: positiveDuration
      .optional()
      .describe(
        'how long it lasts (default: to the end of the run); a failed node or zone then returns',
      ),
    podCrashes: z
      .strictObject({
        service: z.string().describe('a service of the scenario'),
        mtbf: positiveDuration
          .refine((ms) => ms >= MIN_MTBF_MS, 'must be at least 1s')
          .describe(
            "mean time between failures of one pod's container while it runs (exponential, at least 1s)",
          ),
      })
      .optional()
      .describe(
        "each pod's container crashes at random and the kubelet restarts it in place, with CrashLoopBackOff",
      ),
    nodeFailure: z
      .strictObject({
        node: z.string().describe('a node of the cluster as it starts, <pool>-<i>'),
      })
      .optional()
      .describe(
        'the node stops: its pods are lost, NotReady after 50 s, evicted 300 s later and rescheduled',
      ),
    zoneOutage: z
      .strictObject({ zone: z.string().describe('an availability zone of the cluster') })
      .optional()
      .describe("every node of the zone fails at once (a zone's power or network)"),
    ...injectedFaultKinds,
  })
  .superRefine((item, ctx) => {
    const given = FAULT_KINDS.filter((kind) => item[kind] !== undefined);
    if (given.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message:
        given.length === 0
          ? `give one fault: ${FAULT_KINDS.join(', ')}`
          : `give one fault per item, not ${given.join(' and ')}`,
    });
  });

export const faultsSchema = z
  .array(fault)
  .max(MAX_FAULTS)
  .optional()
  .describe(
    `failures injected while the run goes on: ${FAULT_KINDS.join(', ')} (docs/faults.md); at most ${MAX_FAULTS}`,
  );

export const steadyStateSchema = z
  .strictObject({
    window: positiveDuration
      .prefault('1m')
      .describe('the length of each window the hypothesis is checked over (default 1m)'),
    availability: fraction
      .optional()
      .describe('the least share of requests (by arrival) that succeed in each window, e.g. 99.9%'),
    p99: positiveDuration
      .optional()
      .describe("the longest p99 latency of each window's successful requests, e.g. 300ms"),
  })
  .refine((s) => s.availability !== undefined || s.p99 !== undefined, {
    message: 'give availability, p99 or both',
  })
  .optional()
  .describe(
    'a steady-state hypothesis (Chaos Toolkit): per window, availability at least and p99 at most; reported held or not, with the windows that broke it',
  );

export type FaultConfig = NonNullable<z.output<typeof faultsSchema>>[number];
export type SteadyStateConfig = NonNullable<z.output<typeof steadyStateSchema>>;
