/**
 * What the autoscalers did (autoscaling.csv, docs/autoscaling.md): each HPA sync, and each
 * cluster autoscaler scale-up or node removal. Times in ms; absent values undefined.
 */
export interface AutoscalingDecision {
  readonly timeMs: number;
  readonly controller: 'hpa' | 'cluster-autoscaler';
  /** the service (hpa) or node pool (cluster-autoscaler) */
  readonly target: string;
  /** the metric that decided: cpu (percent of request), requests_per_second, pending_pods, node_utilization */
  readonly metric: string | undefined;
  /** its value as the controller saw it */
  readonly observed: number | undefined;
  /** replicas (nodes) before */
  readonly current: number;
  /** what the metrics asked for */
  readonly desired: number;
  /** after the stabilization window (hpa) */
  readonly stabilized: number | undefined;
  /** replicas (nodes) set */
  readonly replicas: number;
  /** the HPA's ScalingLimited reason, or the cluster autoscaler's action */
  readonly reason: string;
  /** the node a scale-down removed */
  readonly node?: string | undefined;
}

/**
 * A scale-up of a service until its ready pods caught up with the replicas the HPA set,
 * split along the last pod to become ready: from the start of the metric window that first
 * showed the load to the sync that saw it (metric lag), to that pod's creation (HPA
 * decision: sync waits and behavior limits), to its binding (scheduling, or a node's
 * provisioning), to its container running (image pull and start), to ready (readiness).
 */
export interface CatchUp {
  readonly service: string;
  readonly startMs: number;
  readonly caughtUpMs: number | undefined;
  readonly replicasFrom: number;
  readonly replicasTo: number;
  readonly metricLagMs: number;
  readonly hpaDecisionMs: number | undefined;
  readonly schedulingMs: number | undefined;
  readonly imagePullAndStartMs: number | undefined;
  readonly readinessMs: number | undefined;
}

export interface AutoscalingResult {
  readonly decisions: readonly AutoscalingDecision[];
  readonly catchUps: readonly CatchUp[];
}
