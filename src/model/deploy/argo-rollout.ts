import type { Simulation } from '../../engine/simulation.js';
import type { ReplicaSet } from '../cluster/replica-set.js';
import type { MetricVerdict } from './analysis-run.js';
import type { RevisionMeter } from './revision-meter.js';
import type { RolloutOutcome } from './rollout-record.js';

/**
 * What an Argo Rollouts strategy (canary-rollout.ts, blue-green.ts) needs from the
 * Deployment controller and the cluster.
 */
export interface ArgoHost {
  readonly sim: Simulation;
  readonly service: string;
  readonly replicas: number;
  /** the ReplicaSet traffic goes to now (the Rollout's status.stableRS) */
  readonly stable: ReplicaSet;
  /** the new revision's (the canary, or green) */
  readonly canary: ReplicaSet;
  /** the service's other ReplicaSets, which go to 0 */
  others(): ReplicaSet[];
  scale(rs: ReplicaSet, replicas: number): void;
  /** pods of the ReplicaSet ready for minReadySeconds */
  available(rs: ReplicaSet): number;
  /** shares of calls by version (each caller's proxy gets it after the control plane's push) */
  route(split: Record<string, number>): void;
  /** the new revision's calls, for its analysis runs */
  readonly meter: RevisionMeter;
  /** the rollout ends (its record); the strategy goes on scaling down what it must */
  finish(outcome: RolloutOutcome): void;
  /** sync again at once (a timer ended, a step advanced) */
  requeue(): void;
}

/** One rollout under an Argo Rollouts strategy, driven by the controller's syncs. */
export interface ArgoRollout {
  /** One pass: scales ReplicaSets; true if it scaled any (the controller syncs again). */
  sync(): boolean;
  /** kubectl argo rollouts promote: the current indefinite pause ends. */
  promote(): void;
  /**
   * kubectl argo rollouts abort (no verdict), or an analysis run Failed or Error (the metric
   * that ended it): traffic back to stable, the new revision scaled down.
   */
  abort(failed?: MetricVerdict): void;
  /** the rollout ended (superseded or rolled back): its analyses stop, nothing more is done */
  stop(): void;
  /** for rollouts.csv */
  readonly progress: ArgoProgress;
}

/** What rollouts.csv reports of an Argo rollout. */
export interface ArgoProgress {
  stepsReached: number;
  readonly steps: number;
  analysisRuns: number;
  failedMeasurements: number;
  /** when an analysis failed (the bad version detected); undefined if none did */
  detectedAtMs: number | undefined;
  /** the metric that ended that analysis, and why; undefined if none did */
  failedMetric: MetricVerdict | undefined;
}

/** Scales a ReplicaSet if it is not at `replicas`; whether it did. */
export function scaleTo(host: ArgoHost, rs: ReplicaSet, replicas: number): boolean {
  if (rs.desired === replicas) return false;
  host.scale(rs, replicas);
  return true;
}

/** Older ReplicaSets to 0 (Argo scales down old ReplicaSets other than stable and canary). */
export function scaleDownOthers(host: ArgoHost): boolean {
  let scaled = false;
  for (const rs of host.others()) scaled = scaleTo(host, rs, 0) || scaled;
  return scaled;
}
