import type {
  CostSummary,
  LatencySummary,
  PhaseSeconds,
  RequestOutcomes,
  RunResult,
  WaitSummary,
} from '../../src/metrics/run-result.js';
import { timeSeriesOf } from '../../src/metrics/time-series.js';
import type { RunRecord } from '../../src/report/run-record.js';

/** Overrides for a fixture result; the nested summaries merge field by field. */
export type ResultOverrides = Partial<
  Omit<RunResult, 'latency' | 'latencyAll' | 'requests' | 'cost'>
> & {
  latency?: Partial<LatencySummary>;
  latencyAll?: Partial<LatencySummary>;
  requests?: Partial<RequestOutcomes>;
  cost?: Partial<CostSummary>;
};

/** A pod's seconds in no phase at all. */
export const NO_PHASE_SECONDS: PhaseSeconds = {
  Pending: 0,
  Scheduled: 0,
  PullingImage: 0,
  Starting: 0,
  Running: 0,
  Ready: 0,
  Terminating: 0,
};

/** A small, plausible run result: 1000 requests, 990 succeeded, one service, one edge. */
export function makeRunResult(overrides: ResultOverrides = {}): RunResult {
  const latency: LatencySummary = {
    count: 990,
    meanMs: 20,
    p50Ms: 15,
    p90Ms: 40,
    p99Ms: 80,
    p999Ms: 120,
    maxMs: 150,
    ...overrides.latency,
  };
  const latencyAll: LatencySummary = {
    count: 1000,
    meanMs: 25,
    p50Ms: 16,
    p90Ms: 42,
    p99Ms: 90,
    p999Ms: 2000,
    maxMs: 2000,
    ...overrides.latencyAll,
  };
  const waits: WaitSummary = { calls: 1000, waitedFraction: 0.1, meanMs: 0.5, p99Ms: 6 };
  const calls = {
    requests: 1000,
    errors: 10,
    errorsOriginated: 6,
    errorsPassedOn: 4,
    ratePerSec: 111.1,
    latency,
    workerWait: waits,
    cpuWait: { ...waits, waitedFraction: 0.2 },
  };
  const requests: RequestOutcomes = {
    total: 1000,
    succeeded: 990,
    failed: 10,
    byCause: {
      timeout: 4,
      overflow: 3,
      error: 2,
      unavailable: 1,
      unfinished: 0,
      connect_failure: 0,
      reset: 0,
      throttled: 0,
      circuit_open: 0,
      deadline_exceeded: 0,
      fault_abort: 0,
    },
    ...overrides.requests,
  };
  const cost: CostSummary = {
    periodMs: 9000,
    nodeUsd: 0.45,
    controlPlaneUsd: 0.1,
    crossZoneUsd: 0.05,
    totalUsd: 0.6,
    perMillionRequestsUsd: 600,
    perMillionSucceededUsd: 606.06,
    ...overrides.cost,
  };
  return {
    scenario: 'fixture',
    seed: 1,
    durationMs: 10_000,
    warmupMs: 1000,
    measuredMs: 9000,
    events: 5000,
    availability: 0.99,
    throughputPerSec: 110,
    cpuCoresUsed: 2,
    nodeCpuUtilization: 0.5,
    services: [
      {
        service: 'frontend',
        ...calls,
        readyPods: 3,
        pendingPods: 0,
        coresUsed: 2,
        requestUtilization: 1,
        limitUtilization: null,
        workerUtilization: 0.25,
        cfs: null,
        ledger: {
          podPhaseSeconds: { ...NO_PHASE_SECONDS, Ready: 27 },
          cpuCoreSecondsUsed: 18,
          cpuCoreSecondsRequested: 13.5,
        },
      },
    ],
    endpoints: [{ service: 'frontend', endpoint: 'GET /', ...calls }],
    failures: [
      { service: 'frontend', endpoint: 'GET /', cause: 'error', originated: 6, propagated: 0 },
      {
        service: 'frontend',
        endpoint: 'GET /',
        cause: 'unavailable',
        originated: 0,
        propagated: 4,
      },
    ],
    edges: [
      {
        from: 'client',
        to: 'frontend',
        requests: 1000,
        errors: 10,
        ratePerSec: 111.1,
        latency,
        requestBytes: 1_500_000,
        responseBytes: 14_850_000,
        crossZoneCalls: 0,
        crossZoneBytes: 0,
        attempts: 1000,
        attemptsFailed: 10,
        retries: 0,
        retryOverflows: 0,
        retryBudgetRefusals: 0,
        circuitBreakerOverflows: 0,
        ejectionsDetected: 0,
        ejectionsEnforced: 0,
      },
    ],
    pods: [],
    nodes: [
      {
        node: 'n1',
        pool: 'default',
        zone: 'a',
        cpuCores: 4,
        allocatableCpuCores: 3.92,
        allocatableMemoryBytes: 15_521_873_920,
        maxPods: 58,
        cpuRequested: 2,
        pods: 3,
        daemonCpuCores: 0.1,
        cpuCoresUsed: 2,
        cpuUtilization: 0.5,
      },
    ],
    network: {
      crossZoneCalls: 600,
      crossZoneCallsPerRequest: 0.6,
      crossZoneBytes: 2_500_000_000,
      zonePairs: [
        { fromZone: 'a', toZone: 'a', calls: 400, bytes: 1_000_000, costUsd: 0 },
        { fromZone: 'a', toZone: 'b', calls: 600, bytes: 2_500_000_000, costUsd: 0.05 },
      ],
    },
    ledger: {
      pods: [
        {
          pod: 'frontend-0',
          service: 'frontend',
          version: 'v1',
          node: 'n1',
          createdMs: 0,
          goneMs: null,
          phaseSeconds: { ...NO_PHASE_SECONDS, Ready: 9 },
          cpuCoreSecondsUsed: 6,
          cpuCoreSecondsRequested: 4.5,
          cpuRequestUtilization: 6 / 4.5,
        },
      ],
      nodes: [
        {
          node: 'n1',
          pool: 'default',
          zone: 'a',
          addedMs: 0,
          removedMs: null,
          nodeSeconds: 9,
          billedSeconds: 9,
          pricePerHourUsd: 180,
          costUsd: 0.45,
          podPhaseSeconds: { ...NO_PHASE_SECONDS, Ready: 27 },
          cpuCoreSecondsAllocatable: 35.28,
          cpuCoreSecondsRequested: 13.5,
          cpuCoreSecondsUsed: 18,
        },
      ],
    },
    timeseries: timeSeriesOf([
      {
        startMs: 0,
        scope: 'total',
        requests: 100,
        succeeded: 99,
        failed: 1,
        meanMs: 20,
        p99Ms: 80,
        readyPods: 3,
        cpuCoresUsed: 1.5,
        cpuRequestUtilization: 0.75,
      },
      {
        startMs: 1000,
        scope: 'total',
        requests: 110,
        succeeded: 110,
        failed: 0,
        meanMs: 21,
        p99Ms: 81,
        readyPods: 3,
        cpuCoresUsed: 1.65,
        cpuRequestUtilization: 0.825,
      },
    ]),
    podSeries: [
      { startMs: 0, scope: 'total', pods: [{ version: 'v1', phase: 'Ready', pods: 3 }] },
      {
        startMs: 1000,
        scope: 'total',
        pods: [
          { version: 'v1', phase: 'Ready', pods: 2 },
          { version: 'v2', phase: 'Starting', pods: 1 },
        ],
      },
    ],
    ...overrides,
    latency,
    latencyAll,
    requests,
    cost,
  };
}

export type RecordFields = Partial<Omit<RunRecord, 'result'>> & { result?: ResultOverrides };

export function makeRecord(fields: RecordFields = {}): RunRecord {
  return {
    runId: fields.runId ?? 0,
    variant: fields.variant ?? 'base',
    params: fields.params ?? {},
    replication: fields.replication ?? 0,
    seed: fields.seed ?? 1000 + (fields.runId ?? 0),
    result: makeRunResult(fields.result),
  };
}

/** Two variants × two grid points × `replications`, in run-id order (variant-major). */
export function makeSweep(replications = 3): RunRecord[] {
  const records: RunRecord[] = [];
  let runId = 0;
  for (const [v, variant] of ['no-mesh', 'istio'].entries()) {
    for (const [g, rate] of ['100/s', '400/s'].entries()) {
      for (let replication = 0; replication < replications; replication++) {
        const p99Ms = 50 + 30 * v + 100 * g + 2 * replication;
        records.push(
          makeRecord({
            runId,
            variant,
            params: { 'workload.shoppers.rate': rate },
            replication,
            result: { latency: { p99Ms }, availability: 0.999 - 0.001 * g + replication * 1e-4 },
          }),
        );
        runId++;
      }
    }
  }
  return records;
}

/** A fixed permutation, so the tests that shuffle are themselves deterministic. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (i * 7 + 3) % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
