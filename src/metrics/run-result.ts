/**
 * What one simulation run returns: plain data, no I/O. The report layer turns it into CSV,
 * JSON and tables; sweeps collect one per run. Every number carries its unit in its name.
 */

/** Why a request failed; every request ends exactly once, as a success or with one cause. */
export type FailureCause =
  /** the client gave up: the workload's timeout passed before the response arrived */
  | 'timeout'
  /** a pod's worker queue was full: 503 */
  | 'overflow'
  /** the endpoint's own application error: 500 */
  | 'error'
  /** the service had no ready pod: 503 "no healthy upstream" */
  | 'unavailable'
  /** still in flight when the drain period after the run ended */
  | 'unfinished';

export const FAILURE_CAUSES: readonly FailureCause[] = [
  'timeout',
  'overflow',
  'error',
  'unavailable',
  'unfinished',
];

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface RequestOutcomes {
  total: number;
  succeeded: number;
  failed: number;
  byCause: Record<FailureCause, number>;
}

export interface ServiceMetrics {
  service: string;
  /** calls served by the service's pods (each hop counts once) */
  requests: number;
  errors: number;
  ratePerSec: number;
  /** time from arrival at the pod to the response leaving it, successful calls */
  latency: LatencySummary;
  readyPods: number;
  pendingPods: number;
  /** busy core-time / (cores × measured time), over the service's pods */
  cpuUtilization: number;
  /** busy worker-time / (worker slots × measured time) */
  workerUtilization: number;
}

/** One endpoint of one service: which page or operation is slow or failing. */
export interface EndpointMetrics {
  service: string;
  endpoint: string;
  /** calls the endpoint served (a request that reaches it twice counts twice) */
  requests: number;
  errors: number;
  ratePerSec: number;
  /** from arrival at the pod to the response leaving it, successful calls */
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
}

export interface PodMetrics {
  pod: string;
  service: string;
  /** empty when the pod is Pending (fits on no node) */
  node: string;
  zone: string;
  phase: 'Running' | 'Pending';
  requests: number;
  cpuUtilization: number;
  workerUtilization: number;
}

export interface NodeMetrics {
  node: string;
  pool: string;
  zone: string;
  cpuCores: number;
  cpuRequested: number;
  pods: number;
  cpuUtilization: number;
}

/** The cost of the measured period [warmup, duration), like every headline metric. */
export interface CostSummary {
  nodeUsd: number;
  controlPlaneUsd: number;
  totalUsd: number;
  /** totalUsd / requests that arrived in the measured period × 1e6 */
  perMillionRequestsUsd: number;
}

/** One window of the time series; `scope` is "total" or a service name (tidy, long form). */
export interface WindowMetrics {
  startMs: number;
  scope: string;
  requests: number;
  succeeded: number;
  failed: number;
  meanMs: number;
  p99Ms: number;
  readyPods: number;
  cpuUtilization: number;
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
  /** succeeded / total, after warm-up */
  availability: number;
  /** successful requests per second of measured time */
  throughputPerSec: number;
  /** end to end, successful requests after warm-up */
  latency: LatencySummary;
  services: ServiceMetrics[];
  endpoints: EndpointMetrics[];
  edges: EdgeMetrics[];
  pods: PodMetrics[];
  nodes: NodeMetrics[];
  cost: CostSummary;
  /** every window from time 0, warm-up included (researchers want to see the transient) */
  timeseries: WindowMetrics[];
}
