import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';
import type { LifecycleListener, PodPhase } from './lifecycle-listener.js';

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

/** Tells `first` and then, if there is one, `second` every transition. */
export function fanOutListener(
  first: LifecycleListener,
  second: LifecycleListener | undefined,
): LifecycleListener {
  if (second === undefined) return first;
  return {
    podCreated(pod, phase, version, nowMs) {
      first.podCreated(pod, phase, version, nowMs);
      second.podCreated(pod, phase, version, nowMs);
    },
    podPhaseChanged(pod, phase, nowMs) {
      first.podPhaseChanged(pod, phase, nowMs);
      second.podPhaseChanged(pod, phase, nowMs);
    },
    podBound(pod, node, nowMs) {
      first.podBound(pod, node, nowMs);
      second.podBound(pod, node, nowMs);
    },
    nodeAdded(node, nowMs) {
      first.nodeAdded(node, nowMs);
      second.nodeAdded(node, nowMs);
    },
    nodeRemoved(node, nowMs) {
      first.nodeRemoved(node, nowMs);
      second.nodeRemoved(node, nowMs);
    },
  };
}
