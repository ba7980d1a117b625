/**
 * What the autoscalers did in a run (docs/autoscaling.md), as run files, autoscaling.csv and
 * results.json hold it: seconds from the start; a value that does not apply, or a statistic
 * with no sample, is null.
 */
export interface AutoscalingResult {
  /** each HPA sync and each cluster autoscaler action, in time order */
  decisions: AutoscalingDecisionRow[];
  /** each scale-up until the service's ready pods caught up (null times: not by the run's end) */
  catchUps: CatchUpRow[];
}

export interface AutoscalingDecisionRow {
  timeS: number;
  controller: 'hpa' | 'cluster-autoscaler';
  target: string;
  metric: string | null;
  observed: number | null;
  current: number;
  desired: number;
  stabilized: number | null;
  replicas: number;
  reason: string;
  node: string | null;
}

export interface CatchUpRow {
  service: string;
  startS: number;
  caughtUpS: number | null;
  durationS: number | null;
  replicasFrom: number;
  replicasTo: number;
  metricLagS: number;
  hpaDecisionS: number | null;
  schedulingS: number | null;
  imagePullAndStartS: number | null;
  readinessS: number | null;
  /** requests that ended failed in the time-series windows from start to caught up (or the run's end) */
  failedRequests: number;
  /** the highest window p99 of successful requests then, ms */
  peakP99Ms: number | null;
}
