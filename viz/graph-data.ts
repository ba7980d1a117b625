import type { PodLook, ServiceGraphSnapshot } from '../src/charts/service-graph.js';
import type { AlivePhase } from '../src/metrics/ledger/alive-phases.js';
import type { LiveView } from '../src/model/live-view.js';

/**
 * The service graph of a live run: rates and error shares over the last TRAILING_MS of
 * simulated time (Kiali's default is the last minute of wall time: a short scenario would
 * show little else than its whole), from the views the worker sent. The latency is the
 * p95 of the measured period so far (a histogram cannot be cut into windows afterwards).
 */
export const TRAILING_MS = 10_000;

const LOOKS: Record<AlivePhase, PodLook> = {
  Pending: 'Pending',
  Scheduled: 'Pending',
  PullingImage: 'Starting',
  Starting: 'Starting',
  Running: 'Starting',
  Ready: 'Ready',
  Terminating: 'Terminating',
};

/** The views of one run, kept long enough to difference the trailing window. */
export class ViewHistory {
  private readonly views: LiveView[] = [];

  add(view: LiveView): void {
    this.views.push(view);
    const latest = view.timeMs;
    // Keep one view at or before the window's start, to difference against.
    while (this.views.length > 2 && this.views[1]!.timeMs <= latest - TRAILING_MS)
      this.views.shift();
  }

  latest(): LiveView | undefined {
    return this.views[this.views.length - 1];
  }

  /** The graph now; `whole`: over the measured period (the run's end), not the trailing window. */
  graph(whole: boolean, period: MeasuredPeriod): ServiceGraphSnapshot | undefined {
    const now = this.latest();
    if (now === undefined) return undefined;
    const then = whole ? undefined : this.views[0] === now ? undefined : this.views[0];
    // The counters count the measured period only: a span starts no earlier than warm-up's end
    // and ends no later than arrivals' (the drain's calls are counted, its time is not).
    const spanStart = Math.max(then?.timeMs ?? 0, period.warmupMs);
    const spanEnd = Math.min(now.timeMs, period.durationMs);
    const spanSec = Math.max(1e-9, (spanEnd - spanStart) / 1000);
    const measuredSec = Math.max(1e-9, measuredSpanMs(now, period) / 1000);
    const before = new Map((then?.edges ?? []).map((e) => [`${e.from}>${e.to}`, e]));
    const servicesBefore = new Map((then?.services ?? []).map((s) => [s.name, s]));
    const edges = now.edges.map((edge) => {
      const old = before.get(`${edge.from}>${edge.to}`);
      const calls = edge.requests - (old?.requests ?? 0);
      const errors = edge.errors - (old?.errors ?? 0);
      return {
        from: edge.from,
        to: edge.to,
        ratePerSec: calls / (then === undefined ? measuredSec : spanSec),
        errorShare: calls > 0 ? errors / calls : null,
        latencyMs: edge.p95Ms,
        breakerOpen: edge.breakerOverflows > (old?.breakerOverflows ?? 0),
        ejectedHosts: edge.ejectionsEnforced - (old?.ejectionsEnforced ?? 0),
      };
    });
    const names = new Set(now.services.map((s) => s.name));
    const outside = [...new Set(now.edges.flatMap((e) => [e.from, e.to]))].filter(
      (n) => !names.has(n),
    );
    return {
      latencyLabel: 'p95',
      edges,
      nodes: [
        ...outside.map((id) => ({ id, kind: 'client' as const, errorShare: null })),
        ...now.services.map((s) => {
          const old = servicesBefore.get(s.name);
          const calls = s.requests - (old?.requests ?? 0);
          return {
            id: s.name,
            kind: s.kind,
            errorShare: calls > 0 ? (s.errors - (old?.errors ?? 0)) / calls : null,
            pods: s.pods.map((p) => ({ look: LOOKS[p.phase], version: p.version })),
            ...(s.instances === undefined ? {} : { instances: s.instances }),
            ...(s.coldStarts === undefined ? {} : { coldStarts: s.coldStarts }),
            faults: s.faults,
          };
        }),
      ],
    };
  }

  clear(): void {
    this.views.length = 0;
  }
}

export interface MeasuredPeriod {
  warmupMs: number;
  durationMs: number;
}

/** How much of the measured period has passed (0 during warm-up): the CLI's ratePerSec divides by it. */
function measuredSpanMs(view: LiveView, period: MeasuredPeriod): number {
  return Math.max(0, Math.min(view.timeMs, period.durationMs) - period.warmupMs);
}
