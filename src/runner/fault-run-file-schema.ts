import { z } from 'zod';
import type { FaultsResult } from '../metrics/fault-result.js';

/**
 * RunResult.faults in a run file (docs/faults.md, "Outputs"): checked like the rest of the
 * file, so that --resume and merge write the same faults.csv and runs.csv as the sweep.
 */
const count = z.number().nonnegative();

const fault = z.object({
  kind: z.string(),
  target: z.string(),
  startMs: count,
  endMs: count,
  podsAffected: count,
  crashes: count,
  requestsFailed: count,
  callsFaulted: count.optional(),
});

const brokenWindow = z.object({
  startMs: count,
  endMs: count,
  availability: z.number().min(0).max(1),
  p99Ms: count.optional(),
});

export const faultsResultSchema: z.ZodType<FaultsResult, unknown> = z.object({
  faults: z.array(fault),
  steadyState: z
    .object({ held: z.boolean(), windows: count, broken: z.array(brokenWindow) })
    .optional(),
});
