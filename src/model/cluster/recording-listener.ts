import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';
import type { LifecycleListener, PodPhase } from './lifecycle-listener.js';

/** Listens to nothing: a run's default until the ledgers listen. */
export const NO_LIFECYCLE_LISTENER: LifecycleListener = {
  podCreated() {},
  podPhaseChanged() {},
  podBound() {},
  nodeAdded() {},
  nodeRemoved() {},
};

/** One transition as a RecordingLifecycleListener keeps it. */
export type LifecycleRecord =
  | { at: number; kind: 'podCreated'; pod: string; phase: PodPhase; version: string }
  | { at: number; kind: 'podPhaseChanged'; pod: string; phase: PodPhase }
  | { at: number; kind: 'podBound'; pod: string; node: string }
  | { at: number; kind: 'nodeAdded'; node: string }
  | { at: number; kind: 'nodeRemoved'; node: string };

/** Keeps every transition in order, for tests and for reading a run's history. */
export class RecordingLifecycleListener implements LifecycleListener {
  readonly records: LifecycleRecord[] = [];

  podCreated(pod: Pod, phase: PodPhase, version: string, nowMs: number): void {
    this.records.push({ at: nowMs, kind: 'podCreated', pod: pod.name, phase, version });
  }

  podPhaseChanged(pod: Pod, phase: PodPhase, nowMs: number): void {
    this.records.push({ at: nowMs, kind: 'podPhaseChanged', pod: pod.name, phase });
  }

  podBound(pod: Pod, node: ClusterNode, nowMs: number): void {
    this.records.push({ at: nowMs, kind: 'podBound', pod: pod.name, node: node.name });
  }

  nodeAdded(node: ClusterNode, nowMs: number): void {
    this.records.push({ at: nowMs, kind: 'nodeAdded', node: node.name });
  }

  nodeRemoved(node: ClusterNode, nowMs: number): void {
    this.records.push({ at: nowMs, kind: 'nodeRemoved', node: node.name });
  }

  /** Each pod's phase at `atMs` (after every transition at that time), by pod name. */
  phasesAt(atMs: number): Map<string, PodPhase> {
    const phases = new Map<string, PodPhase>();
    for (const r of this.records) {
      if (r.at > atMs) break;
      if (r.kind === 'podCreated' || r.kind === 'podPhaseChanged') phases.set(r.pod, r.phase);
    }
    return phases;
  }

  /** How many pods are in each phase at `atMs`, Gone left out. */
  countsAt(atMs: number): Partial<Record<PodPhase, number>> {
    const counts: Partial<Record<PodPhase, number>> = {};
    for (const phase of this.phasesAt(atMs).values())
      if (phase !== 'Gone') counts[phase] = (counts[phase] ?? 0) + 1;
    return counts;
  }
}
