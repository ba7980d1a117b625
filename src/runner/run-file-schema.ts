import { z } from 'zod';
import { timeSeriesOf } from '../metrics/time-series.js';
import type { RunRecord } from '../report/run-record.js';

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

const service = z.object({
  ...callCounts,
  ...cpuUse,
  service: z.string(),
  cfs,
  readyPods: count,
  pendingPods: count,
  workerUtilization: statistic,
});

const endpoint = z.object({ ...callCounts, service: z.string(), endpoint: z.string() });

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

const cost = z.object({
  periodMs: number,
  nodeUsd: number,
  controlPlaneUsd: number,
  crossZoneUsd: number,
  totalUsd: number,
  perMillionRequestsUsd: statistic,
  perMillionSucceededUsd: statistic,
});

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

const requests = z.object({
  total: count,
  succeeded: count,
  failed: count,
  byCause: z.object({
    timeout: count,
    overflow: count,
    error: count,
    unavailable: count,
    unfinished: count,
    deadline_exceeded: count,
  }),
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
  edges: z.array(edge),
  pods: z.array(pod),
  nodes: z.array(node),
  network,
  cost,
  // Written as every row (writtenRunResult), read back as a series of stored rows.
  timeseries: z.array(window).transform(timeSeriesOf),
});

export const runRecordSchema: z.ZodType<RunRecord, unknown> = z.object({
  runId: wholeNumber(0),
  variant: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  replication: wholeNumber(0),
  seed: wholeNumber(0),
  result,
});
