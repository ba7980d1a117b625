import { ALIVE_PHASES, type AlivePhase } from '../../metrics/ledger/alive-phases.js';
import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';

/**
 * A pod's phase as msasim tracks it: Kubernetes' phases (Pending, Running, Succeeded/Failed
 * folded into Gone) refined by the steps a user sees in `kubectl get pods` (docs/lifecycle.md).
 * 'Running' means started but not (yet, or any more) ready; 'Ready' means ready. The phases
 * a pod is alive in are listed once, in src/metrics/ledger/alive-phases.ts (the ledgers and
 * the output columns derive from them); 'Gone' ends every life.
 */
export type PodPhase = AlivePhase | 'Gone';

export const POD_PHASES: readonly PodPhase[] = [...ALIVE_PHASES, 'Gone'];

/**
 * Told of every change in the cluster's population, at the simulated time it happens: the
 * ledgers, the cost and the time series of pods by phase and version listen
 * (src/metrics/ledger/). A pod enters with podCreated (phase Pending, or Ready for a pod of
 * the initial cluster), then one podPhaseChanged per transition, ending with 'Gone'.
 */
export interface LifecycleListener {
  podCreated(pod: Pod, phase: PodPhase, version: string, nowMs: number): void;
  podPhaseChanged(pod: Pod, phase: PodPhase, nowMs: number): void;
  /** the pod is bound to `node` (its requests count against the node from now) */
  podBound(pod: Pod, node: ClusterNode, nowMs: number): void;
  /** the node exists (billing starts), after its provisioning delay */
  nodeAdded(node: ClusterNode, nowMs: number): void;
  /** the node is gone (billing stops) */
  nodeRemoved(node: ClusterNode, nowMs: number): void;
}
