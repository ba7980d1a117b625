import { headlineMetrics } from '../metrics/headline.js';
import type { ZonePairMetrics } from '../metrics/run-result.js';
import { timeSeriesRows } from '../metrics/time-series.js';
import { autoscalingFields, catchUpFields } from './autoscaling-csv.js';
import { edgeFields } from './edges-csv.js';
import { endpointFields } from './endpoints-csv.js';
import { failureFields } from './failures-csv.js';
import { faultsJson } from './faults-csv.js';
import { functionFields, functionMinuteFields, functionRows } from './functions-csv.js';
import { nodeFields } from './nodes-csv.js';
import { podFields, podTaskFields } from './pods-csv.js';
import { proxyFields } from './proxies-csv.js';
import { queueFields, queueMinuteFields } from './queues-csv.js';
import { rolloutFields } from './rollouts-csv.js';
import { paramNamesOf, type RunRecord, sortByRunId } from './run-record.js';
import { serviceFields } from './services-csv.js';
import { type SummaryRow, summarize } from './summary.js';
import { thinQuantiles } from './thin-quantiles.js';
import { windowFields } from './timeseries-csv.js';
import { versionFields } from './versions-csv.js';

/** Bumped when the shape of results.json changes incompatibly. */
export const RESULTS_FORMAT_VERSION = 2;

export interface ResultsJsonInput {
  /** the resolved scenario, defaults filled */
  scenario: unknown;
  records: readonly RunRecord[];
  /** defaults to summarize(records) */
  summary?: readonly SummaryRow[];
  /** param column order; defaults to first appearance by run id, as in the CSVs */
  paramNames?: readonly string[];
}

/**
 * results.json: the scenario and the same numbers as the CSVs, under the same names, in one
 * document. Stable text: 2-space indent, keys in code order for our records and sorted for
 * the scenario. A statistic with no samples is null (an empty cell in the CSVs); non-finite
 * numbers are written "NaN", "Inf", "-Inf" as in the CSVs, so they stay distinct from null.
 * Each run lists its thin_quantiles: quantile columns read from too few samples.
 */
export function resultsJson(input: ResultsJsonInput): string {
  const records = sortByRunId(input.records);
  const paramNames = input.paramNames ?? paramNamesOf(records);
  const summary = input.summary ?? summarize(records);
  const document = {
    format_version: RESULTS_FORMAT_VERSION,
    scenario: sortKeysDeep(input.scenario),
    runs: records.map((record) => runEntry(record, paramNames)),
    summary: summary.map((row) => summaryEntry(row, paramNames)),
  };
  return `${JSON.stringify(document, spellNonFinite, 2)}\n`;
}

function runEntry(record: RunRecord, paramNames: readonly string[]) {
  return {
    run_id: record.runId,
    variant: record.variant,
    params: paramsInOrder(record.params, paramNames),
    replication: record.replication,
    seed: record.seed,
    metrics: headlineMetrics(record.result),
    thin_quantiles: thinQuantiles(record.result),
    services: record.result.services.map(serviceFields),
    endpoints: record.result.endpoints.map(endpointFields),
    failures: record.result.failures.map(failureFields),
    edges: record.result.edges.map(edgeFields),
    ...(record.result.versions === undefined
      ? {}
      : { versions: record.result.versions.map(versionFields) }),
    zone_pairs: record.result.network.zonePairs.map(zonePairFields),
    timeseries: Array.from(timeSeriesRows(record.result.timeseries), windowFields),
    pods: record.result.ledger.pods.map((pod) =>
      pod.task === undefined ? podFields(pod) : podTaskFields(pod),
    ),
    nodes: record.result.ledger.nodes.map(nodeFields),
    // Only the windows whose pods changed: a scope's pods hold until its next entry
    // (timeseries_pods.csv writes every window; this keeps results.json one string).
    pod_changes: record.result.podSeries.map((change) => ({
      window_start_ms: change.startMs,
      scope: change.scope,
      pods: change.pods.map(({ version, phase, pods }) => ({ version, phase, pods })),
    })),
    // Issue 12, M1: only a run with a mesh's proxies has them.
    ...(record.result.proxies === undefined
      ? {}
      : { proxies: record.result.proxies.map(proxyFields) }),
    // Issue 13: only a run with functions has them (the REPORT lines are lambda_report.log's).
    ...(record.result.functions === undefined
      ? {}
      : {
          functions: functionRows(record.result).map(functionFields),
          function_metrics: record.result.functions.minutes.map(functionMinuteFields),
        }),
    // Issue 13: only a run with queues or asynchronous invocations has them.
    ...(record.result.queues === undefined
      ? {}
      : {
          queues: record.result.queues.queues.map(queueFields),
          queue_metrics: record.result.queues.minutes.map(queueMinuteFields),
        }),
    // Issue 14: only a run that rolls a Deployment has them.
    ...(record.result.rollouts === undefined
      ? {}
      : { rollouts: record.result.rollouts.map(rolloutFields) }),
    // Issue 14: only a run with an HPA or an autoscaled node pool has them.
    ...(record.result.autoscaling === undefined
      ? {}
      : {
          autoscaling: record.result.autoscaling.decisions.map(autoscalingFields),
          autoscaling_catch_ups: record.result.autoscaling.catchUps.map(catchUpFields),
        }),
    // Issue 14: only a run with faults or a steady state has them (docs/faults.md).
    ...(record.result.faults === undefined ? {} : faultsJson(record.result.faults)),
  };
}

/** One row of the zone-pair table: what went from one zone to another, and its cost. */
function zonePairFields(pair: ZonePairMetrics) {
  return {
    from_zone: pair.fromZone,
    to_zone: pair.toZone,
    calls: pair.calls,
    bytes: pair.bytes,
    cost_usd: pair.costUsd,
  };
}

function summaryEntry(row: SummaryRow, paramNames: readonly string[]) {
  return {
    variant: row.variant,
    params: paramsInOrder(row.params, paramNames),
    replications: row.replications,
    baseline: row.baseline ?? null,
    metrics: Object.fromEntries(
      Object.entries(row.metrics).map(([name, { n, mean, sd, ci95 }]) => [
        name,
        { n, mean, sd, ci95 },
      ]),
    ),
    differences: Object.fromEntries(
      Object.entries(row.differences).map(([name, { n, mean, ci95 }]) => [name, { n, mean, ci95 }]),
    ),
  };
}

function paramsInOrder(params: Record<string, unknown>, paramNames: readonly string[]) {
  const ordered: Record<string, unknown> = {};
  for (const name of paramNames) if (name in params) ordered[name] = params[name];
  return ordered;
}

/** Plain objects get their keys sorted (code-unit order, not locale), at every depth. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  }
  return sorted;
}

function spellNonFinite(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Inf' : '-Inf';
}
