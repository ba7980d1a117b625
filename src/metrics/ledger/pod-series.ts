import type { PodCount } from './pod-census.js';

/**
 * The scope's pods by version and phase at the end of the window that starts at startMs,
 * stored only when they differ from the scope's window before: they change on lifecycle
 * events only, so a static run stores one entry per scope, at window 0.
 */
export interface PodSeriesChange {
  startMs: number;
  /** "total" or a service, as in the time series */
  scope: string;
  /** non-zero counts, by version (in order of first appearance), then phase */
  pods: PodCount[];
}

/** Keeps a scope's census only when it changed (the census hands back the same list otherwise). */
export class PodSeriesRecorder {
  readonly changes: PodSeriesChange[] = [];
  private readonly last = new Map<string, readonly PodCount[]>();

  add(startMs: number, scope: string, pods: readonly PodCount[]): void {
    const before = this.last.get(scope);
    if (before !== undefined && samePods(before, pods)) return;
    this.last.set(scope, pods);
    this.changes.push({ startMs, scope, pods: [...pods] });
  }
}

function samePods(a: readonly PodCount[], b: readonly PodCount[]): boolean {
  if (a === b) return true;
  return (
    a.length === b.length &&
    a.every(
      (x, i) => x.version === b[i]!.version && x.phase === b[i]!.phase && x.pods === b[i]!.pods,
    )
  );
}

/** One row per (window, scope, version, phase) with pods, every window written. */
export interface PodSeriesRow extends PodCount {
  startMs: number;
  scope: string;
}

/**
 * Every window's pods, from the windows of the time series (start and scope, in order) and
 * the stored changes: a scope's pods hold from their change until its next.
 */
export function* podSeriesRows(
  windows: Iterable<{ startMs: number; scope: string }>,
  changes: readonly PodSeriesChange[],
): Generator<PodSeriesRow> {
  const current = new Map<string, readonly PodCount[]>();
  let next = 0;
  for (const { startMs, scope } of windows) {
    while (next < changes.length && changes[next]!.startMs <= startMs) {
      current.set(changes[next]!.scope, changes[next]!.pods);
      next++;
    }
    for (const count of current.get(scope) ?? []) yield { ...count, startMs, scope };
  }
}
