/** One rollout of a run (rollouts.csv; docs/deployments.md): times in seconds from the start. */
export interface RolloutResult {
  service: string;
  fromRevision: number;
  toRevision: number;
  fromVersion: string;
  toVersion: string;
  strategy: string;
  replicas: number;
  startS: number;
  /** null: still going when the run ended */
  endS: number | null;
  durationS: number | null;
  outcome: string;
  peakPods: number;
  lowestAvailable: number;
  failedRequests: number;
  servedByNew: number;
  /** only under an Argo Rollouts strategy (canary or blueGreen): absent for a Deployment's */
  argo?: ArgoRolloutResult;
}

/** What an Argo Rollout adds (docs/deployments.md, "Outputs"). */
export interface ArgoRolloutResult {
  /** canary steps completed (blueGreen: 1 once traffic switched) */
  stepsReached: number;
  steps: number;
  analysisRuns: number;
  /** measurements whose successCondition was not met */
  analysisFailures: number;
  /** when an analysis failed (the bad version detected); null if none did */
  detectedS: number | null;
  /** the metric whose failure (or error) ended that analysis; null if none did */
  failedMetric: string | null;
  /**
   * its last measurement, in its successCondition's unit: "20.51%" (errorRate) or
   * "134.217ms" (a latency percentile); null when that found no call to judge
   */
  failedMetricLastValue: string | null;
  /** why, in Argo's words: "failed (2) > failureLimit (1)", "consecutiveErrors (5) > consecutiveErrorLimit (4)" */
  failedMetricReason: string | null;
  /**
   * calls the new revision's pods served: an aborted rollout's until its last pod stopped
   * (the requests that met the bad version), a promoted one's until promotion
   */
  requestsToNewVersion: number;
  /** of those, the ones that failed */
  failedAtNewVersion: number;
}
