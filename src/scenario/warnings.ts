import { formatCount, formatEstimate } from './count-text.js';
import type { Problem } from './errors.js';
import { meshWarnings } from './mesh-warnings.js';
import { queueConsumerWarnings } from './queue-warnings.js';
import { rightSizingWarnings } from './right-sizing.js';
import { previewAnalysisWarnings } from './rollout-warnings.js';
import type { Scenario } from './schema.js';
import { callSites } from './semantic.js';
import { timeSeriesWindows } from './time-series-size.js';
import { formatDuration } from './units.js';
import { MAX_WRITTEN_TIME_SERIES_ROWS } from './work-limits.js';

/**
 * What a scenario may say but almost surely does not mean: legal, so it runs, but worth a
 * line before it does. Each warning has the path of the field to look at. Pure, like the
 * semantic checks; the CLI prints them (validate, run and sweep) and keeps its exit code.
 */
export function scenarioWarnings(scenario: Scenario): Problem[] {
  return [
    ...calledServicesWithoutPods(scenario),
    ...emptyNodePools(scenario),
    ...tracesAfterTheEnd(scenario),
    ...timeSeriesTooLongToWrite(scenario),
    ...meshWarnings(scenario),
    ...rightSizingWarnings(scenario),
    ...queueConsumerWarnings(scenario),
    ...previewAnalysisWarnings(scenario),
  ];
}

/** Every request to a service of 0 replicas fails as unavailable: no pod to serve it. */
function calledServicesWithoutPods(scenario: Scenario): Problem[] {
  const callers = new Map<string, string[]>();
  const add = (service: string, caller: string) => {
    const list = callers.get(service) ?? [];
    if (!list.includes(caller)) list.push(caller);
    callers.set(service, list);
  };
  for (const { from, call } of callSites(scenario)) add(call.service, from);
  for (const workload of scenario.workload) {
    const entries = workload.mix === undefined ? [workload.target] : Object.keys(workload.mix);
    for (const entry of entries) {
      if (entry !== undefined) add(entry.split('.')[0]!, `workload ${workload.name}`);
    }
  }
  return Object.entries(scenario.services).flatMap(([service, config]) => {
    const calledBy = callers.get(service);
    if (config.replicas > 0 || calledBy === undefined) return [];
    return [
      {
        path: ['services', service, 'replicas'],
        message: `0 replicas, yet ${listed(calledBy)} call${calledBy.length === 1 ? 's' : ''} it: every such request fails as unavailable (no ready pod)`,
      },
    ];
  });
}

function emptyNodePools({ cluster, services }: Scenario): Problem[] {
  // A cluster whose every pod runs on Fargate needs no node (an EKS cluster with Fargate profiles only).
  const all = Object.values(services);
  if (all.length > 0 && all.every((service) => service.compute === 'fargate')) return [];
  return cluster.nodePools.flatMap((pool, index) =>
    pool.count > 0
      ? []
      : [
          {
            path: ['cluster', 'nodePools', index, 'count'],
            message: `node pool "${pool.name}" has 0 nodes, so it adds nothing to the cluster: give it nodes, or remove it`,
          },
        ],
  );
}

/** Arrivals are replayed only before `duration`; a trace that starts later sends nothing. */
function tracesAfterTheEnd({ workload, duration }: Scenario): Problem[] {
  return workload.flatMap((item, index) => {
    if (item.arrivals !== 'trace' || item.trace.format !== 'timestamps') return [];
    const values = item.trace.values ?? [];
    if (values.length === 0) return [];
    // A loop, not Math.min(...values): a trace can hold millions of values.
    let firstMs = Number.POSITIVE_INFINITY;
    for (const seconds of values) firstMs = Math.min(firstMs, seconds * 1000);
    if (firstMs < duration) return [];
    return [
      {
        path: ['workload', index, 'trace'],
        message: `every timestamp of the trace is at or after duration (${formatDuration(duration)}), the first at ${formatDuration(firstMs)}: workload ${item.name} sends no request (timestamps are seconds from the start)`,
      },
    ];
  });
}

/**
 * A run holds only the windows in which something happens, so 30 days at 1 s windows runs;
 * but every window is a row in the files, and no command writes that many.
 */
function timeSeriesTooLongToWrite(scenario: Scenario): Problem[] {
  const { windows, series } = timeSeriesWindows(scenario);
  if (windows * series <= MAX_WRITTEN_TIME_SERIES_ROWS) return [];
  return [
    {
      path: ['outputs', 'window'],
      message: `the time series has up to ${formatEstimate(windows * series)} rows (${formatCount(windows)} windows until the drain ends × ${series} series), more than the limit of ${formatCount(MAX_WRITTEN_TIME_SERIES_ROWS)} rows msasim writes: run shows its tables, but run --json, run --out and sweep refuse it; use a longer outputs.window`,
    },
  ];
}

/** "a", "a and b", "a, b and c", "a, b, c and 2 more" */
function listed(names: readonly string[]): string {
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
