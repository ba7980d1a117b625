import type { CallStats } from '../metrics/call-stats.js';
import type { AlivePhase } from '../metrics/ledger/alive-phases.js';
import type { Statistic, WindowMetrics } from '../metrics/run-result.js';
import { type TimeSeries, timeSeriesRows } from '../metrics/time-series.js';
import type { Scenario } from '../scenario/schema.js';
import type { Topology } from './topology.js';

/**
 * What a run looks like while it runs, for the interactive player (viz/): plain data, read
 * from the model between two events, never changing it. The counters are the measured
 * period's (after warm-up), as the CLI's edges and services count them, so the last view of a
 * run agrees with its result; the time-series windows are the run's own (timeseries.csv's
 * rows), whole windows only.
 */
export interface LiveView {
  timeMs: number;
  events: number;
  /** where the run is: warm-up (not measured), arrivals, drain, ended */
  stage: 'warmup' | 'arrivals' | 'drain' | 'ended';
  /** measured requests that ended, and of them the failed ones (the run's headline counts) */
  requests: number;
  failed: number;
  services: LiveService[];
  edges: LiveEdge[];
  /**
   * windows of the time series' "total" scope that closed since the previous view that
   * asked for them (none when this one did not)
   */
  newWindows: WindowMetrics[];
}

export interface LiveService {
  name: string;
  kind: 'service' | 'function' | 'queue';
  /** measured calls that ended, and of them the failed ones */
  requests: number;
  errors: number;
  /** pods alive now (not Gone), in creation order: name, phase, version */
  pods: { name: string; phase: AlivePhase; version: string }[];
  /** a function's instances alive now, and its measured cold starts; absent for the rest */
  instances?: number;
  coldStarts?: number;
  /** the scenario's faults that name this service and have begun */
  faults: string[];
}

export interface LiveEdge {
  from: string;
  to: string;
  requests: number;
  errors: number;
  /** p95 of the measured calls that succeeded; null while none has */
  p95Ms: Statistic;
  /** Envoy's upstream_rq_pending_overflow (503 UO) so far: the circuit breaker refused calls */
  breakerOverflows: number;
  /** outlier_detection.ejections_enforced so far */
  ejectionsEnforced: number;
}

export interface LiveViewParts {
  scenario: Scenario;
  topology: Topology;
  totals: CallStats;
  timeSeries: () => TimeSeries;
  functionLive: ((name: string) => { instances: number; coldStarts: number }) | undefined;
}

/** Builds views of one run; it remembers how many windows it has already handed out. */
export function liveViews(parts: LiveViewParts) {
  let windowsGiven = 0;
  return (timeMs: number, events: number, ended: boolean, withWindows: boolean): LiveView => {
    const { scenario, topology } = parts;
    const newWindows: WindowMetrics[] = [];
    if (withWindows) {
      let seen = 0;
      for (const row of timeSeriesRows(parts.timeSeries())) {
        if (row.scope !== 'total') continue;
        if (seen++ >= windowsGiven) newWindows.push(row);
      }
      windowsGiven = seen;
    }
    return {
      timeMs,
      events,
      stage: ended
        ? 'ended'
        : timeMs < scenario.warmup
          ? 'warmup'
          : timeMs < scenario.duration
            ? 'arrivals'
            : 'drain',
      requests: parts.totals.requests,
      failed: parts.totals.errors,
      services: [
        ...[...topology.services.values()].map((s) => liveService(s, 'service', scenario, timeMs)),
        ...[...topology.functions.values()].map((s) => ({
          ...liveService(s, 'function', scenario, timeMs),
          pods: [],
          ...parts.functionLive?.(s.name),
        })),
        ...[...topology.queues.values()].map((s) => ({
          ...liveService(s, 'queue', scenario, timeMs),
          pods: [],
        })),
      ],
      edges: [...topology.edges.values()].map((edge) => ({
        from: edge.from,
        to: edge.to,
        requests: edge.stats.requests,
        errors: edge.stats.errors,
        p95Ms: edge.stats.latency.quantileMs(95),
        breakerOverflows: edge.attempts.resilience.breakerOverflows,
        ejectionsEnforced: edge.attempts.resilience.ejectionsEnforced,
      })),
      newWindows,
    };
  };
}

type ServiceLike = Topology['services'] extends Map<string, infer S> ? S : never;

function liveService(
  service: ServiceLike,
  kind: LiveService['kind'],
  scenario: Scenario,
  timeMs: number,
): LiveService {
  return {
    name: service.name,
    kind,
    requests: service.stats.requests,
    errors: service.stats.errors,
    pods: service.pods
      .filter((pod) => pod.phase !== 'Gone')
      .map((pod) => ({
        name: pod.name,
        phase: pod.phase as AlivePhase,
        version: pod.versionName,
      })),
    faults: faultsOn(scenario, service.name, timeMs),
  };
}

/** The kinds of the scenario's faults that name the service and whose `at` has passed. */
function faultsOn(scenario: Scenario, serviceName: string, timeMs: number): string[] {
  const kinds: string[] = [];
  for (const fault of scenario.faults ?? []) {
    if (fault.at > timeMs) continue;
    for (const [kind, spec] of Object.entries(fault)) {
      const named = spec as { service?: unknown } | null;
      if (typeof named === 'object' && named?.service === serviceName) kinds.push(kind);
    }
  }
  return kinds;
}
