import { z } from 'zod';
import { FAILURE_CAUSES, type FailureCause } from '../metrics/failure-causes.js';
import { ALIVE_PHASES } from '../metrics/ledger/alive-phases.js';
import type { RunResult } from '../metrics/run-result.js';
import { timeSeriesOf } from '../metrics/time-series.js';
import type { RunRecord } from '../report/run-record.js';
import { autoscalingResultSchema } from './autoscaling-run-file-schema.js';
import { faultsResultSchema } from './fault-run-file-schema.js';
import { functionsResultSchema } from './function-run-file-schema.js';
import { meshTelemetryResultSchema } from './mesh-run-file-schema.js';
import { pipelinesResultSchema } from './pipeline-run-file-schema.js';
import { queuesResultSchema } from './queue-run-file-schema.js';
import { rolloutsResultSchema } from './rollout-run-file-schema.js';

/**
 * A run file (runs/<id>.json): one RunRecord, read back by --resume and merge. A file can be
 * truncated, edited or copied by hand, so it is validated before any report reads it; the
 * annotation `z.ZodType<RunRecord>` makes the compiler fail when RunResult gains a field
 * this schema does not check.
 */

/** Any number: run files encode NaN and ±Infinity (see encodeRunRecord). */
const number = z.custom<number>((value) => typeof value === 'number', {
  message: 'expected number',
});
const statistic = number.nullable();
const count = number;

const wholeNumber = (min: number) =>
  z.number().refine((value) => Number.isSafeInteger(value) && value >= min, {
    message: `expected a whole number >= ${min}`,
  });

const latency = z.object({
  count,
  meanMs: statistic,
  p50Ms: statistic,
  p90Ms: statistic,
  p99Ms: statistic,
  p999Ms: statistic,
  maxMs: statistic,
});

const waits = z.object({
  calls: count,
  waitedFraction: statistic,
  meanMs: statistic,
  p99Ms: statistic,
});

const callCounts = {
  requests: count,
  errors: count,
  errorsOriginated: count,
  errorsPassedOn: count,
  ratePerSec: number,
  latency,
  workerWait: waits,
  cpuWait: waits,
};

const cpuUse = {
  coresUsed: number,
  requestUtilization: statistic,
  limitUtilization: statistic,
};

const cfs = z.object({ periods: count, throttledPeriods: count, throttledMs: number }).nullable();

const phaseSeconds = z.object(
  Object.fromEntries(ALIVE_PHASES.map((phase) => [phase, number])) as Record<
    (typeof ALIVE_PHASES)[number],
    typeof number
  >,
);

const serviceLedger = z.object({
  podPhaseSeconds: phaseSeconds,
  cpuCoreSecondsUsed: number,
  cpuCoreSecondsRequested: number,
});

/** Issue 13: only in a run with functions (RunResult's ServiceMetrics.kind). */
const kind = z.enum(['service', 'function']).optional();

const service = z.object({
  ...callCounts,
  ...cpuUse,
  service: z.string(),
  kind,
  cfs,
  readyPods: count,
  pendingPods: count,
  workerUtilization: statistic,
  ledger: serviceLedger,
});

const endpoint = z.object({ ...callCounts, service: z.string(), kind, endpoint: z.string() });

const failureCause = z.enum(FAILURE_CAUSES as [FailureCause, ...FailureCause[]]);

const endpointFailures = z.object({
  service: z.string(),
  kind,
  endpoint: z.string(),
  cause: failureCause,
  originated: count,
  propagated: count,
});

/**
 * A count per registry cause. A cause missing from the file is 0: the msasim that wrote it
 * knew no such cause, so none of its requests could fail with it (docs/outputs.md). This is
 * what lets a cause be added later without refusing the run files written before it.
 */
const countsByCause = z.object(
  Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause, count.default(0)])) as Record<
    FailureCause,
    z.ZodDefault<typeof count>
  >,
);

const edge = z.object({
  from: z.string(),
  to: z.string(),
  requests: count,
  errors: count,
  ratePerSec: number,
  latency,
  requestBytes: count,
  responseBytes: count,
  crossZoneCalls: count,
  crossZoneBytes: count,
  attempts: count,
  attemptsFailed: count,
  retries: count,
  retryOverflows: count,
  retryBudgetRefusals: count,
  circuitBreakerOverflows: count,
  ejectionsDetected: count,
  ejectionsEnforced: count,
});

/** M3: one version of a service (docs/mesh/routing.md) */
const version = z.object({
  service: z.string(),
  version: z.string(),
  readyPods: count,
  requests: count,
  errors: count,
  errorsOriginated: count,
  ratePerSec: number,
  latency,
});

const zonePair = z.object({
  fromZone: z.string(),
  toZone: z.string(),
  calls: count,
  bytes: count,
  costUsd: number,
});

const network = z.object({
  crossZoneCalls: count,
  crossZoneCallsPerRequest: statistic,
  crossZoneBytes: count,
  zonePairs: z.array(zonePair),
});

const pod = z.object({
  ...cpuUse,
  pod: z.string(),
  service: z.string(),
  node: z.string(),
  zone: z.string(),
  phase: z.enum(['Running', 'Pending']),
  requests: count,
  workerUtilization: statistic,
  cfs,
});

const node = z.object({
  node: z.string(),
  pool: z.string(),
  zone: z.string(),
  cpuCores: number,
  allocatableCpuCores: number,
  allocatableMemoryBytes: number,
  maxPods: count,
  cpuRequested: number,
  pods: count,
  daemonCpuCores: number,
  cpuCoresUsed: number,
  cpuUtilization: number,
});

const costLine = z.object({
  item: z.string(),
  subject: z.string(),
  quantity: number,
  unit: z.string(),
  unitPriceUsd: number,
  costUsd: number,
});

const cost = z.object({
  periodMs: number,
  nodeUsd: number,
  controlPlaneUsd: number,
  crossZoneUsd: number,
  totalUsd: number,
  perMillionRequestsUsd: statistic,
  perMillionSucceededUsd: statistic,
  functionUsd: number.optional(),
  fargateUsd: number.optional(),
  lines: z.array(costLine).optional(),
  allocation: z.array(costLine).optional(),
});

const podLedger = z.object({
  pod: z.string(),
  service: z.string(),
  version: z.string(),
  node: z.string(),
  createdMs: number,
  goneMs: number.nullable(),
  phaseSeconds,
  cpuCoreSecondsUsed: number,
  cpuCoreSecondsRequested: number,
  cpuRequestUtilization: statistic,
  task: z.object({ vcpu: number, memoryGb: number }).optional(),
});

const nodeLedger = z.object({
  node: z.string(),
  pool: z.string(),
  zone: z.string(),
  addedMs: number,
  removedMs: number.nullable(),
  nodeSeconds: number,
  billedSeconds: number,
  pricePerHourUsd: number,
  costUsd: number,
  podPhaseSeconds: phaseSeconds,
  cpuCoreSecondsAllocatable: number,
  cpuCoreSecondsRequested: number,
  cpuCoreSecondsUsed: number,
});

const proxyGroup = z.object({
  group: z.string(),
  kind: z.string(),
  containers: count,
  requests: count,
  handshakes: count,
  cpuCoreSecondsUsed: number,
  cpuCoreSecondsRequested: number,
  memoryRequestedBytes: number,
  memoryUsedBytes: number,
  costUsd: number,
});

const podCount = z.object({ version: z.string(), phase: z.enum(ALIVE_PHASES), pods: count });

const window = z.object({
  startMs: number,
  scope: z.string(),
  requests: count,
  succeeded: count,
  failed: count,
  meanMs: statistic,
  p99Ms: statistic,
  readyPods: count,
  cpuCoresUsed: number,
  cpuRequestUtilization: statistic,
});

const podSeriesChange = z.object({ startMs: number, scope: z.string(), pods: z.array(podCount) });

const requests = z.object({
  total: count,
  succeeded: count,
  failed: count,
  byCause: countsByCause,
});

const result = z.object({
  scenario: z.string(),
  seed: number,
  durationMs: number,
  warmupMs: number,
  measuredMs: number,
  events: count,
  requests,
  availability: statistic,
  throughputPerSec: number,
  latency,
  latencyAll: latency,
  cpuCoresUsed: number,
  nodeCpuUtilization: statistic,
  services: z.array(service),
  endpoints: z.array(endpoint),
  failures: z.array(endpointFailures),
  edges: z.array(edge),
  versions: z.array(version).optional(),
  pods: z.array(pod),
  nodes: z.array(node),
  network,
  cost,
  ledger: z.object({ pods: z.array(podLedger), nodes: z.array(nodeLedger) }),
  // Written as every row (writtenRunResult), read back as a series of stored rows.
  timeseries: z.array(window).transform(timeSeriesOf),
  podSeries: z.array(podSeriesChange),
  proxies: z.array(proxyGroup).optional(),
  mesh: meshTelemetryResultSchema.optional(),
  functions: functionsResultSchema.optional(),
  queues: queuesResultSchema.optional(),
  rollouts: rolloutsResultSchema.optional(),
  autoscaling: autoscalingResultSchema.optional(),
  faults: faultsResultSchema.optional(),
  pipelines: pipelinesResultSchema.optional(),
  clientRetries: z.number().int().nonnegative().optional(),
});

/** result.json of `msasim run --out`: one run's result. */
export const runResultSchema: z.ZodType<RunResult, unknown> = result;

export const runRecordSchema: z.ZodType<RunRecord, unknown> = z.object({
  runId: wholeNumber(0),
  variant: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  replication: wholeNumber(0),
  seed: wholeNumber(0),
  result,
});

/**
 * Why a run file that fails the schema is not damaged but older: it predates the failures
 * by cause (result.failures), which cannot be rebuilt from its totals. Rerunning the run
 * writes it in today's form (the same seed gives the same numbers).
 */
export function olderRunFileProblem(json: unknown): string | undefined {
  const result = (json as { result?: unknown } | null)?.result;
  if (result === null || typeof result !== 'object' || 'failures' in result) return undefined;
  return 'was written by an older msasim, before failures were recorded by cause (it has no result.failures)';
}
