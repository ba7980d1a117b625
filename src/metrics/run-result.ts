/**
 * What one simulation run returns: plain data, no I/O. The report layer turns it into CSV,
 * JSON and tables; sweeps collect one per run. Every number carries its unit in its name.
 */

import type { AutoscalingResult } from './autoscaling-result.js';
import type { FailureCause } from './failure-causes.js';
import type { FaultsResult } from './fault-result.js';
import type { FunctionsResult } from './function-result.js';
import type { AlivePhase } from './ledger/alive-phases.js';
import type { PodSeriesChange } from './ledger/pod-series.js';
import type { MeshTelemetryResult } from './mesh-telemetry-result.js';
import type { PipelinesResult } from './pipeline-result.js';
import type { QueuesResult } from './queue-result.js';
import type { RolloutResult } from './rollout-result.js';
import type { TimeSeries } from './time-series.js';

// The open set of failure causes: one registry (failure-causes.ts), the type and ids from it.
export { FAILURE_CAUSES, type FailureCause } from './failure-causes.js';

/**
 * A statistic over no samples has no value: null, never 0 (0 ms would read as "instant"
 * and win every comparison). CSV writes it as an empty cell, JSON as null, tables as "–".
 */
export type Statistic = number | null;

/** Latency of `count` samples; every statistic is null when count is 0. */
export interface LatencySummary {
  count: number;
  meanMs: Statistic;
  p50Ms: Statistic;
  p90Ms: Statistic;
  p99Ms: Statistic;
  p999Ms: Statistic;
  maxMs: Statistic;
}

/** The latency of no samples: every statistic absent. */
export const NO_LATENCY: Readonly<LatencySummary> = {
  count: 0,
  meanMs: null,
  p50Ms: null,
  p90Ms: null,
  p99Ms: null,
  p999Ms: null,
  maxMs: null,
};

export interface RequestOutcomes {
  total: number;
  succeeded: number;
  failed: number;
  byCause: Record<FailureCause, number>;
}

/**
 * Time calls spent waiting for one resource (a worker slot or a core) before using it, over
 * the calls that got it. meanMs averages over all of them, zeros included (queueing
 * theory's Wq); waitedFraction is the share that waited at all (Erlang C's P(wait)).
 */
export interface WaitSummary {
  calls: number;
  waitedFraction: Statistic;
  meanMs: Statistic;
  p99Ms: Statistic;
}

/** What a service or endpoint served and how its calls failed. */
export interface CallCounts {
  /** calls served by its pods (a request that reaches it twice counts twice) */
  requests: number;
  /** calls that failed, whatever the cause: errorsOriginated + errorsPassedOn */
  errors: number;
  /** failures that began here: its queue was full (503) or its own application error (500) */
  errorsOriginated: number;
  /** a downstream call failed (or had no ready pod) and this call failed with it */
  errorsPassedOn: number;
  ratePerSec: number;
  /** from arrival at the pod to the response leaving it, successful calls */
  latency: LatencySummary;
  /** from arrival at the pod to a worker slot, calls that got one */
  workerWait: WaitSummary;
  /** from asking for a core to running on one, calls that ran */
  cpuWait: WaitSummary;
}

/**
 * CPU use under its named definitions, each with its own denominator. coresUsed is in
 * cores (at full speed); the others are fractions that can exceed 1 where the denominator
 * is not a cap (a pod using more than it requested reads above 100%, as the HPA sees it).
 */
export interface CpuUse {
  /** cores used on average over the measured period */
  coresUsed: number;
  /** coresUsed / the pods' CPU requests: what the HPA's CPU target compares */
  requestUtilization: Statistic;
  /** coresUsed / the pods' CPU limits; null unless every pod has a limit */
  limitUtilization: Statistic;
}

export interface ServiceMetrics extends CallCounts, CpuUse {
  service: string;
  /**
   * Issue 13: only in a run with functions, on every entry: a function is a service of kind
   * `function` (its pods are its instances, on no node). Absent otherwise, so other runs'
   * outputs are unchanged.
   */
  kind?: ServiceKind;
  /** its pods' ledgers summed over the measured window (src/metrics/ledger/) */
  ledger: ServiceLedger;
  /** its pods' CFS counters summed; null when none of them has a quota */
  cfs: CfsCounters | null;
  readyPods: number;
  pendingPods: number;
  /** busy worker-time / (worker slots × measured time); null without a running pod */
  workerUtilization: Statistic;
}

/**
 * One endpoint's measured failures of one cause: those that began in its own pods
 * (originated) and those where a downstream call failed and this call failed with it
 * (propagated). Only pairs with a failure are listed, endpoints in run order and causes in
 * registry order; a service's figures are the sum of its endpoints'.
 */
export interface EndpointFailures {
  service: string;
  /** as ServiceMetrics.kind */
  kind?: ServiceKind;
  endpoint: string;
  cause: FailureCause;
  originated: number;
  propagated: number;
}

/** One endpoint of one service: which page or operation is slow or failing. */
export interface EndpointMetrics extends CallCounts {
  service: string;
  /** as ServiceMetrics.kind */
  kind?: ServiceKind;
  endpoint: string;
}

/** What a service entry is, in a run with functions (docs/serverless.md, "Metrics"). */
export type ServiceKind = 'service' | 'function';

/**
 * M3: the calls one version of a service served, and its ready pods at the end, for services
 * that declare versions (docs/mesh/routing.md): what a canary is judged by.
 */
export interface VersionMetrics {
  service: string;
  version: string;
  readyPods: number;
  requests: number;
  errors: number;
  errorsOriginated: number;
  ratePerSec: number;
  /** successful calls, at the service (from arrival to response) */
  latency: LatencySummary;
}

export interface EdgeMetrics {
  /** the calling service, or "client" for the workload's own requests */
  from: string;
  to: string;
  requests: number;
  errors: number;
  ratePerSec: number;
  /** as seen by the caller: network both ways plus the callee's time, successful calls */
  latency: LatencySummary;
  /** bytes of its calls' requests, and of their successful responses */
  requestBytes: number;
  responseBytes: number;
  /** calls whose caller's pod and callee's pod were in different zones, and their bytes */
  crossZoneCalls: number;
  crossZoneBytes: number;
  /**
   * Its attempts (each try of a call, to one pod) and the failed ones; the fields above
   * count logical calls. Equal to requests and errors when no call is sent again.
   */
  attempts: number;
  attemptsFailed: number;
  /**
   * What its callers' resilience policies did (docs/mesh/resilience.md), measured requests':
   * retries sent, retries refused by max retries and by the retry budget, calls refused
   * by the circuit breaker (503 UO), and outlier ejections detected and enforced.
   */
  retries: number;
  retryOverflows: number;
  retryBudgetRefusals: number;
  circuitBreakerOverflows: number;
  ejectionsDetected: number;
  ejectionsEnforced: number;
}

/** What went from one zone to another (from = to: within a zone), measured requests' calls. */
export interface ZonePairMetrics {
  fromZone: string;
  toZone: string;
  /** calls sent from fromZone to toZone */
  calls: number;
  /** their request bytes and the response bytes sent from fromZone to toZone */
  bytes: number;
  /** what those bytes cost: out + in per GB across zones, 0 within one */
  costUsd: number;
}

/** The network's bytes between pods (the client's hop, ingress, is not in it). */
export interface NetworkMetrics {
  /** calls between pods in different zones */
  crossZoneCalls: number;
  /** crossZoneCalls / requests that arrived; null without requests */
  crossZoneCallsPerRequest: Statistic;
  /** bytes that crossed zones, both directions */
  crossZoneBytes: number;
  zonePairs: ZonePairMetrics[];
}

/**
 * CFS bandwidth control over the measured period, as the kernel counts it per cgroup
 * (cpu.stat) and cAdvisor exports it: container_cpu_cfs_periods_total (periods in which
 * the container had runnable work), container_cpu_cfs_throttled_periods_total (periods in
 * which its quota ran out) and container_cpu_cfs_throttled_seconds_total (here in ms).
 */
export interface CfsCounters {
  periods: number;
  throttledPeriods: number;
  throttledMs: number;
}

export interface PodMetrics extends CpuUse {
  pod: string;
  service: string;
  /** empty when the pod is Pending (fits on no node) */
  node: string;
  zone: string;
  phase: 'Running' | 'Pending';
  requests: number;
  workerUtilization: Statistic;
  /** null without a CPU quota (no limit, or the fifo CPU rule) */
  cfs: CfsCounters | null;
}

export interface NodeMetrics {
  node: string;
  pool: string;
  zone: string;
  cpuCores: number;
  /** what pods may request: capacity less reservations and the eviction threshold */
  allocatableCpuCores: number;
  allocatableMemoryBytes: number;
  maxPods: number;
  /** requests of its pods, DaemonSet pods included */
  cpuRequested: number;
  pods: number;
  /** the CPU its DaemonSets' agents use, in cores (a constant background load) */
  daemonCpuCores: number;
  /** cores its pods used */
  cpuCoresUsed: number;
  /** cpuCoresUsed / cpuCores */
  cpuUtilization: number;
}

/**
 * Seconds in each phase a pod is alive in, inside the measured window [warmup, duration):
 * a pod alive across a boundary counts its part inside (src/metrics/ledger/measured-window.ts).
 */
export type PhaseSeconds = Record<AlivePhase, number>;

/**
 * One pod's ledger over the measured window: what an HPA (used / requested), a cluster
 * autoscaler (requests held on nodes) and OpenCost (usage and requests over time) read.
 */
export interface PodLedgerMetrics {
  pod: string;
  service: string;
  version: string;
  /** the node it was bound to last; empty if it never was */
  node: string;
  createdMs: number;
  /** when it was gone; null when it was still alive at the end of the run */
  goneMs: number | null;
  phaseSeconds: PhaseSeconds;
  /** CPU its work used, in core-seconds at full speed */
  cpuCoreSecondsUsed: number;
  /** its CPU request × the seconds it held its node */
  cpuCoreSecondsRequested: number;
  /** used / requested, as the HPA compares them; null when it requested nothing */
  cpuRequestUtilization: Statistic;
  /** a Fargate pod (compute: fargate): the task size it ran on; absent for a pod on a node */
  task?: { vcpu: number; memoryGb: number };
}

/** A service's pods' ledgers summed. */
export interface ServiceLedger {
  /** pod-seconds in each phase */
  podPhaseSeconds: PhaseSeconds;
  cpuCoreSecondsUsed: number;
  cpuCoreSecondsRequested: number;
}

/** One node's ledger and bill over the measured window. */
export interface NodeLedgerMetrics {
  node: string;
  pool: string;
  zone: string;
  addedMs: number;
  /** when it was removed; null when it was still there at the end of the run */
  removedMs: number | null;
  /** seconds it existed inside the window */
  nodeSeconds: number;
  /** seconds billed inside the window: its life rounded up and at least the provider's minimum */
  billedSeconds: number;
  pricePerHourUsd: number;
  /** pricePerHourUsd × billedSeconds / 3600 */
  costUsd: number;
  /** pod-seconds in each phase of the pods bound to it, from binding (Pending counts on no node) */
  podPhaseSeconds: PhaseSeconds;
  /** allocatable CPU × nodeSeconds */
  cpuCoreSecondsAllocatable: number;
  /** its pods' requests × the seconds they held it (DaemonSets not included) */
  cpuCoreSecondsRequested: number;
  /** CPU its pods' work used (DaemonSets not included) */
  cpuCoreSecondsUsed: number;
}

/** The cost of the measured period [warmup, duration), like every headline metric. */
export interface CostSummary {
  /** what the figures cover: duration − warmup */
  periodMs: number;
  /** the nodes' bills, the sum of their ledgers' costUsd */
  nodeUsd: number;
  controlPlaneUsd: number;
  /** bytes that crossed zones, billed out and in (docs/nodes.md) */
  crossZoneUsd: number;
  /** nodeUsd + controlPlaneUsd + crossZoneUsd */
  totalUsd: number;
  /** totalUsd / requests that arrived in the measured period × 1e6; null without requests */
  perMillionRequestsUsd: Statistic;
  /** totalUsd / those that succeeded × 1e6: what useful work costs; null without successes */
  perMillionSucceededUsd: Statistic;
  /**
   * Issue 13: the functions' bill (requests, duration, provisioned concurrency, storage,
   * SnapStart, gateway; docs/cost.md), included in totalUsd; absent when the run has no
   * functions, so such a run's record is as it was.
   */
  functionUsd?: number;
  /** per-task containers' bill (Fargate-like), included in totalUsd; absent without any */
  fargateUsd?: number;
  /** the lines functionUsd and fargateUsd add up from (cost.csv); absent without either */
  lines?: CostLine[];
  /**
   * the nodes' bills allocated to services as OpenCost does (max of request and use per
   * resource) and the idle rest (cost.csv); present when the scenario has `pricing:`
   */
  allocation?: CostLine[];
}

/** One line of a bill: what was charged, for whom, how much of it, at what price. */
export interface CostLine {
  /** what is charged: function-requests, function-duration, gateway-requests, fargate-vcpu, ... */
  item: string;
  /** whom: a function, a gateway API type (http, rest), a service */
  subject: string;
  quantity: number;
  /** the quantity's unit: requests, GB-s, GB, vCPU-h, GB-h */
  unit: string;
  /** USD per unit (a tiered line: the tier's price) */
  unitPriceUsd: number;
  /** negative for a credit (the free tier) */
  costUsd: number;
}

/** One window of the time series; `scope` is "total" or a service name (tidy, long form). */
export interface WindowMetrics {
  startMs: number;
  scope: string;
  requests: number;
  succeeded: number;
  failed: number;
  /** of the successful requests that ended in the window; null when none did */
  meanMs: Statistic;
  p99Ms: Statistic;
  readyPods: number;
  /** cores the scope's pods used in the window, on average */
  cpuCoresUsed: number;
  /** cpuCoresUsed / the CPU requests of the scope's ready pods */
  cpuRequestUtilization: Statistic;
}

export interface RunResult {
  scenario: string;
  seed: number;
  /** arrival period (the scenario's duration) */
  durationMs: number;
  warmupMs: number;
  /** the period the headline metrics cover: duration - warmup */
  measuredMs: number;
  events: number;
  /** requests that arrived after warm-up */
  requests: RequestOutcomes;
  /** succeeded / total, after warm-up; null when no request arrived */
  availability: Statistic;
  /** successful requests per second of measured time */
  throughputPerSec: number;
  /** end to end, successful requests after warm-up */
  latency: LatencySummary;
  /**
   * End to end, every measured request that ended, failures included at the moment the
   * client learned of them (a timeout at its timeout, a 503 when it arrived); unfinished
   * requests never ended and are not in it. A variant that sheds load as fast 503s looks
   * fast on `latency` alone; this is the figure that does not flatter it.
   */
  latencyAll: LatencySummary;
  /** cores used by every pod, on average over the measured period */
  cpuCoresUsed: number;
  /** cpuCoresUsed / every node's cores; null without nodes */
  nodeCpuUtilization: Statistic;
  services: ServiceMetrics[];
  endpoints: EndpointMetrics[];
  /** failures by endpoint and cause, originated and propagated (failures.csv) */
  failures: EndpointFailures[];
  edges: EdgeMetrics[];
  /** M3: per version of each service that declares versions; absent when none does */
  versions?: VersionMetrics[];
  pods: PodMetrics[];
  nodes: NodeMetrics[];
  network: NetworkMetrics;
  cost: CostSummary;
  /** every pod and node the run had, each with its ledger over the measured window */
  ledger: { pods: PodLedgerMetrics[]; nodes: NodeLedgerMetrics[] };
  /**
   * every window from time 0, warm-up included (researchers want to see the transient);
   * quiet stretches are stored once and counted: read every row with timeSeriesRows
   */
  timeseries: TimeSeries;
  /**
   * pods by version and phase per scope at each window's end, stored when they change:
   * read every window's with podSeriesRows(timeSeriesRows(result.timeseries), podSeries)
   */
  podSeries: PodSeriesChange[];
  /** Issue 12, M1: the mesh's proxies by group (proxies.csv); absent when the run had none. */
  proxies?: ProxyGroupMetrics[];
  /**
   * What the mesh's proxies reported (docs/mesh/telemetry.md): absent when the run has no
   * mesh (every strategy `none`), so such a run's record is as it was.
   */
  mesh?: MeshTelemetryResult;
  /** Issue 13: what the functions did (docs/serverless.md); absent when the run has none. */
  functions?: FunctionsResult;
  /** Issue 13: the queues and asynchronous invocations (docs/serverless.md); absent without */
  queues?: QueuesResult;
  /** Issue 14: the run's rollouts (docs/deployments.md); absent without rollout or rollback events */
  rollouts?: RolloutResult[];
  /** Issue 14: what the HPA and the cluster autoscaler did (docs/autoscaling.md); absent without */
  autoscaling?: AutoscalingResult;
  /** Issue 14: the faults and the steady-state verdict (docs/faults.md); absent without */
  faults?: FaultsResult;
  /** Issue 14: the CI/CD pipelines and DORA metrics (docs/cicd.md); absent without `pipelines:` */
  pipelines?: PipelinesResult;
  /**
   * The retries the workloads' clients sent after warm-up (`workload[].retry`): attempts
   * beyond each request's first. Absent when no workload retries, so such a run is as it was.
   */
  clientRetries?: number;
}

/**
 * One group of a mesh's proxy containers over the measured window: a service's sidecars,
 * the ztunnels of every node, a service's waypoint pods, or the ingress gateway.
 */
export interface ProxyGroupMetrics {
  /** `<service>/istio-proxy`, `<service>/linkerd-proxy`, `ztunnel`, `<service>-waypoint`, `ingress-gateway` */
  group: string;
  kind: string;
  containers: number;
  /** requests they forwarded, and TLS handshakes they took part in (measured or not) */
  requests: number;
  handshakes: number;
  cpuCoreSecondsUsed: number;
  /** their CPU requests × the seconds they held a node (the gateway holds none) */
  cpuCoreSecondsRequested: number;
  /** summed over the containers */
  memoryRequestedBytes: number;
  memoryUsedBytes: number;
  /** their share of the node bills: max(requested, used) / allocatable core-seconds × each node's cost */
  costUsd: number;
}
