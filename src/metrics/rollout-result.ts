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
}
