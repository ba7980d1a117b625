import { ALIVE_PHASES, type AlivePhase } from './alive-phases.js';

/** How many pods of a version are in a phase: one entry of the time series' census. */
export interface PodCount {
  version: string;
  phase: AlivePhase;
  pods: number;
}

/**
 * Pods by version and phase, per service, as they are now: what the time series reads at
 * each window's end. Counts change only on lifecycle events; a service's list is rebuilt
 * only when its counts changed, so a quiet window costs a lookup and hands back the very
 * same array (the time series then sees an unchanged window).
 */
export class PodCensus {
  /** service → version → count per ALIVE_PHASES index; versions in order of first appearance */
  private readonly counts = new Map<string, Map<string, Int32Array>>();
  private readonly lists = new Map<string, readonly PodCount[]>();
  private readonly changed = new Set<string>();
  private totalList: readonly PodCount[] = [];
  private totalChanged = false;

  add(service: string, version: string, phaseIndex: number, delta: number): void {
    if (phaseIndex < 0) return;
    let versions = this.counts.get(service);
    if (versions === undefined) {
      versions = new Map();
      this.counts.set(service, versions);
    }
    let byPhase = versions.get(version);
    if (byPhase === undefined) {
      byPhase = new Int32Array(ALIVE_PHASES.length);
      versions.set(version, byPhase);
    }
    byPhase[phaseIndex]! += delta;
    this.changed.add(service);
    this.totalChanged = true;
  }

  /** The service's pods by version, then phase; only the non-zero counts. */
  of(service: string): readonly PodCount[] {
    if (this.changed.delete(service) || !this.lists.has(service)) {
      this.lists.set(service, countsOf([this.counts.get(service) ?? new Map()]));
    }
    return this.lists.get(service)!;
  }

  /** Every service's pods by version (a version name counts across services), then phase. */
  total(): readonly PodCount[] {
    if (this.totalChanged) {
      this.totalList = countsOf([...this.counts.values()]);
      this.totalChanged = false;
    }
    return this.totalList;
  }
}

function countsOf(services: readonly Map<string, Int32Array>[]): PodCount[] {
  const byVersion = new Map<string, Int32Array>();
  for (const versions of services) {
    for (const [version, counts] of versions) {
      let sum = byVersion.get(version);
      if (sum === undefined) {
        sum = new Int32Array(ALIVE_PHASES.length);
        byVersion.set(version, sum);
      }
      for (let i = 0; i < counts.length; i++) sum[i]! += counts[i]!;
    }
  }
  const list: PodCount[] = [];
  for (const [version, counts] of byVersion) {
    counts.forEach((pods, i) => {
      if (pods !== 0) list.push({ version, phase: ALIVE_PHASES[i]!, pods });
    });
  }
  return list;
}
