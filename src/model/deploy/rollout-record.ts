import type { ArgoProgress } from './argo-rollout.js';
import type { RevisionMeter } from './revision-meter.js';

/** How a rollout ended (rollouts.csv `outcome`). */
export type RolloutOutcome =
  /** DeploymentComplete: every pod of the new revision available, no old pod left */
  | 'complete'
  /** Progressing=False, reason ProgressDeadlineExceeded (Kubernetes does not undo it) */
  | 'failed-deadline'
  /** kubectl rollout undo while it went on */
  | 'rolled-back'
  /** a newer rollout replaced it before it ended (Kubernetes' "rollover") */
  | 'superseded'
  /** still going when the run ended */
  | 'in-progress'
  /** Argo Rollouts: every step done, the new revision is stable */
  | 'promoted'
  /** Argo Rollouts: an analysis failed (or an `abort`): back to stable, the Rollout Degraded */
  | 'aborted';

/** One rollout of a service's Deployment, as rollouts.csv reports it. */
export interface RolloutRecord {
  readonly service: string;
  readonly fromRevision: number;
  readonly toRevision: number;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly strategy: string;
  readonly replicas: number;
  readonly startMs: number;
  /** undefined while it goes on (and in the output when the run ended first) */
  endMs: number | undefined;
  outcome: RolloutOutcome;
  /** most pods that were not terminating, at any instant of it */
  peakPods: number;
  /** fewest available pods (ready for minReadySeconds) at any instant of it */
  lowestAvailable: number;
  /** requests (all, warm-up included) that ended failed between its start and end */
  failedRequests: number;
  /** calls served by pods of the new revision between its start and its end */
  servedByNew: number;
  /** under an Argo Rollouts strategy: its steps and analyses, and the calls its new revision met */
  argo?: {
    readonly progress: ArgoProgress;
    readonly meter: RevisionMeter;
    /** the meter's counts when a rollout that was not aborted ended (the new revision serves on) */
    frozen?: { served: number; failed: number };
  };
}

/** Told when a rollout ends (C's pipelines wait for it: the lead time ends at `complete`). */
export interface RolloutListener {
  rolloutFinished(service: string, revision: number, outcome: RolloutOutcome, timeMs: number): void;
}
