import { LATENCY_QUANTILES } from '../metrics/headline.js';
import { quantileSupported, samplesToSupport } from '../metrics/quantile-support.js';
import { ratio } from '../metrics/ratio.js';
import {
  FAILURE_CAUSES,
  type LatencySummary,
  type RunResult,
  type ServiceMetrics,
  type Statistic,
  type VersionMetrics,
} from '../metrics/run-result.js';
import { NO_VALUE } from '../report/comparison-table.js';
import { costBreakdown } from '../report/cost-breakdown.js';
import { functionRows } from '../report/functions-csv.js';
import { autoscalingSection } from './autoscaling-section.js';
import { faultsSection } from './faults-section.js';
import { pipelinesSection } from './pipelines-section.js';
import { queuesSection } from './queues-section.js';
import { rolloutsSection } from './rollouts-section.js';

/**
 * The human summary of one RunResult: what `msasim run` prints. Every number has its unit
 * in its column header or next to it. Formatting is locale-free (no toLocaleString), so the
 * text is the same on every machine and the tests can compare it.
 */
export function summaryTable(result: RunResult): string {
  return [
    heading(result),
    requestsSection(result),
    latencySection(result),
    errorsSection(result),
    servicesSection(result),
    waitsSection(result),
    endpointsSection(result),
    ...optionalSection(result.functions?.functions, () => functionsSection(result)),
    edgesSection(result),
    ...optionalSection(result.versions, versionsSection),
    ...optionalSection(result.queues?.queues, queuesSection),
    ...optionalSection(result.rollouts, rolloutsSection),
    ...(result.autoscaling === undefined ? [] : [autoscalingSection(result.autoscaling)]),
    ...(result.faults === undefined ? [] : [faultsSection(result.faults)]),
    ...(result.pipelines === undefined ? [] : [pipelinesSection(result.pipelines)]),
    zonesSection(result),
    nodesSection(result),
    costSection(result),
    ...breakdownSection(result),
  ].join('\n\n');
}

function heading(r: RunResult): string {
  return (
    `${r.scenario}  seed ${r.seed}  measured ${seconds(r.measuredMs)} ` +
    `(after ${seconds(r.warmupMs)} warm-up)  ${count(r.events)} events`
  );
}

function requestsSection(r: RunResult): string {
  return renderTable(
    ['requests', 'succeeded', 'failed', 'availability', 'throughput req/s'],
    [
      [
        count(r.requests.total),
        count(r.requests.succeeded),
        count(r.requests.failed),
        percent(r.availability, 3),
        fixed(r.throughputPerSec, 1),
      ],
    ],
    0,
  );
}

function latencySection(r: RunResult): string {
  const row = (label: string, l: LatencySummary) => [
    label,
    count(l.count),
    fixed(l.meanMs, 2),
    ...LATENCY_QUANTILES.map(({ field, percentile }) => quantile(l, field, percentile)),
    fixed(l.maxMs, 2),
  ];
  const table = renderTable(
    ['requests', 'samples', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'],
    [row('successful', r.latency), row('all (failures at the time they failed)', r.latencyAll)],
  );
  const thin = [r.latency, r.latencyAll].some((l) =>
    LATENCY_QUANTILES.some(
      ({ percentile }) => l.count > 0 && !quantileSupported(l.count, percentile),
    ),
  );
  return titled(
    'End-to-end latency (ms)',
    thin
      ? `${table}
  ~ too few samples for this quantile (p99 needs ${count(samplesToSupport(99))}, p99.9 ${count(samplesToSupport(99.9))}): a rough figure`
      : table,
  );
}

/** A quantile, with "~" when its samples cannot support it (quantile-support.ts). */
function quantile(
  latency: LatencySummary,
  field: (typeof LATENCY_QUANTILES)[number]['field'],
  percentile: number,
): string {
  const text = fixed(latency[field], 2);
  return latency.count > 0 && !quantileSupported(latency.count, percentile) ? `~${text}` : text;
}

function errorsSection(r: RunResult): string {
  return titled(
    'Failed requests by cause',
    renderTable(
      [...FAILURE_CAUSES],
      [FAILURE_CAUSES.map((cause) => count(r.requests.byCause[cause]))],
      0,
    ),
  );
}

function servicesSection(r: RunResult): string {
  return titled(
    'Services (calls served, each hop counted once; errors: begun here / passed on from a callee)',
    renderTable(
      [
        'service',
        'rate/s',
        'own errors',
        'passed on',
        'p99 ms',
        'cores',
        'cpu/request',
        'cpu/limit',
        'throttled',
        'workers',
        'ready',
        'pending',
      ],
      r.services.map((s) => [
        serviceName(s),
        fixed(s.ratePerSec, 1),
        count(s.errorsOriginated),
        count(s.errorsPassedOn),
        fixed(s.latency.p99Ms, 2),
        // A function's instances use no node's cores (functions.csv has them).
        fixed(s.kind === 'function' ? null : s.coresUsed, 2),
        percent(s.requestUtilization, 1),
        percent(s.limitUtilization, 1),
        percent(
          s.cfs === null ? null : s.cfs.periods > 0 ? s.cfs.throttledPeriods / s.cfs.periods : 0,
          1,
        ),
        percent(s.workerUtilization, 1),
        count(s.readyPods),
        count(s.pendingPods),
      ]),
    ),
  );
}

function waitsSection(r: RunResult): string {
  return titled(
    'Waits before the work ran, per service (share of calls that waited; mean over all calls, p99; ms)',
    renderTable(
      ['service', 'worker waited', 'mean', 'p99', 'core waited', 'mean', 'p99'],
      r.services.map((s) => [
        serviceName(s),
        percent(s.workerWait.waitedFraction, 1),
        fixed(s.workerWait.meanMs, 2),
        fixed(s.workerWait.p99Ms, 2),
        percent(s.cpuWait.waitedFraction, 1),
        fixed(s.cpuWait.meanMs, 2),
        fixed(s.cpuWait.p99Ms, 2),
      ]),
    ),
  );
}

/** A function is a service of kind `function` (docs/serverless.md): marked so. */
function serviceName(s: ServiceMetrics): string {
  return s.kind === 'function' ? `${s.service} (function)` : s.service;
}

/**
 * Issue 13: what a function's user reads (docs/serverless.md, "Metrics"): its invocations
 * and cold starts, the share of its time in init, its throttles, its instances, and its
 * bill per million calls with the parts it is made of (functions.csv has every figure).
 */
function functionsSection(r: RunResult): string {
  return titled(
    'Functions (cold: share of invocations; init share: of their time; instances: peak / mean; USD, then per million calls and its parts)',
    renderTable(
      [
        'function',
        'invocations',
        'cold',
        'init share',
        'throttled',
        'errors',
        'p99 ms',
        'instances',
        'USD',
        'per million',
        'requests',
        'duration',
        'provisioned',
        'gateway',
        'other',
      ],
      functionRows(r).map(({ metrics: f, cost }) => [
        f.function,
        count(f.invocations),
        percent(f.coldShare, 2),
        percent(f.initShareOfLatency, 1),
        count(f.throttles + f.gatewayThrottles),
        count(f.errors),
        fixed(f.durationP99Ms, 2),
        `${count(f.peakInstances)} / ${fixed(f.meanInstances, 1)}`,
        fixed(cost.costUsd, 4),
        ...[
          cost.perMillionUsd,
          cost.perMillionRequestsUsd,
          cost.perMillionDurationUsd,
          cost.perMillionProvisionedUsd,
          cost.perMillionGatewayUsd,
          cost.perMillionOtherUsd,
        ].map((usd) => fixed(usd, 2)),
      ]),
    ),
  );
}

function endpointsSection(r: RunResult): string {
  return titled(
    'Endpoints (time in the service, without the network to it)',
    renderTable(
      ['endpoint', 'rate/s', 'own errors', 'passed on', 'p50 ms', 'p99 ms'],
      r.endpoints.map((e) => [
        `${e.service}.${e.endpoint}`,
        fixed(e.ratePerSec, 1),
        count(e.errorsOriginated),
        count(e.errorsPassedOn),
        fixed(e.latency.p50Ms, 2),
        fixed(e.latency.p99Ms, 2),
      ]),
    ),
  );
}

function edgesSection(r: RunResult): string {
  return titled(
    'Edges (as the caller sees them: network both ways plus the callee)',
    renderTable(
      ['from → to', 'rate/s', 'errors', 'p99 ms', 'KB/call', 'cross-zone'],
      r.edges.map((e) => [
        `${e.from} → ${e.to}`,
        fixed(e.ratePerSec, 1),
        count(e.errors),
        fixed(e.latency.p99Ms, 2),
        fixed(e.requests > 0 ? (e.requestBytes + e.responseBytes) / e.requests / 1000 : null, 1),
        percent(e.requests > 0 ? e.crossZoneCalls / e.requests : null, 1),
      ]),
    ),
  );
}

/** A section only runs that have its data print (a scenario without versions has none). */
function optionalSection<T>(
  rows: readonly T[] | undefined,
  section: (rows: readonly T[]) => string,
) {
  return rows === undefined || rows.length === 0 ? [] : [section(rows)];
}

/** Per version of a service: what a canary is judged by (docs/mesh/routing.md). */
function versionsSection(versions: readonly VersionMetrics[]): string {
  return titled(
    'Versions (calls each version served, at the service)',
    renderTable(
      ['service', 'version', 'pods', 'calls', 'errors', 'error rate', 'p99 ms'],
      versions.map((v) => [
        v.service,
        v.version,
        count(v.readyPods),
        count(v.requests),
        count(v.errors),
        percent(ratio(v.errors, v.requests), 2),
        fixed(v.latency.p99Ms, 2),
      ]),
      2,
    ),
  );
}

/** Bytes between zones: what the node-hour ledger does not show. */
function zonesSection(r: RunResult): string {
  const n = r.network;
  return titled(
    `Zones (calls between pods: ${fixed(n.crossZoneCallsPerRequest, 2)} cross-zone per request, ` +
      `${fixed(n.crossZoneBytes / 1e6, 1)} MB across zones)`,
    renderTable(
      ['from → to', 'calls', 'MB', 'USD'],
      n.zonePairs.map((p) => [
        `${p.fromZone} → ${p.toZone}`,
        count(p.calls),
        fixed(p.bytes / 1e6, 1),
        fixed(p.costUsd, 4),
      ]),
    ),
  );
}

function nodesSection(r: RunResult): string {
  return titled(
    'Nodes (requests include DaemonSet pods; allocatable = cores less reservations)',
    renderTable(
      ['node', 'pool', 'zone', 'cores', 'allocatable', 'requested', 'pods', 'used', 'cpu'],
      r.nodes.map((n) => [
        n.node,
        n.pool,
        n.zone,
        fixed(n.cpuCores, 2),
        fixed(n.allocatableCpuCores, 2),
        fixed(n.cpuRequested, 2),
        count(n.pods),
        fixed(n.cpuCoresUsed, 2),
        percent(n.cpuUtilization, 1),
      ]),
      3,
    ),
  );
}

function costSection(r: RunResult): string {
  const c = r.cost;
  // Issue 13: the functions' bill is in the total; a run with functions shows it beside the rest.
  const functions = c.functionUsd === undefined ? [] : [c.functionUsd];
  return titled(
    `${costTitle(c.periodMs)} (USD)`,
    renderTable(
      [
        'nodes',
        'control plane',
        'cross-zone',
        ...(c.functionUsd === undefined ? [] : ['functions']),
        'total',
        'per million requests',
        'per million successful',
      ],
      [
        [
          c.nodeUsd,
          c.controlPlaneUsd,
          c.crossZoneUsd,
          ...functions,
          c.totalUsd,
          c.perMillionRequestsUsd,
          c.perMillionSucceededUsd,
        ].map((v) => fixed(v, 4)),
      ],
    ),
  );
}

/**
 * The cost split by what paid for it, when the run has more than its nodes' bills to show
 * (docs/cost.md): each service's allocation, idle capacity, functions, Fargate.
 */
function breakdownSection(r: RunResult): string[] {
  if (r.cost.allocation === undefined && r.cost.lines === undefined) return [];
  const parts = costBreakdown(r);
  return [
    titled(
      'Cost by what it paid for (USD; nodes allocated as OpenCost does)',
      renderTable(
        ['part', 'cost', 'per million requests'],
        parts.map((p) => [p.what, fixed(p.usd, 6), fixed(p.perMillionRequestsUsd, 4)]),
      ),
    ),
  ];
}

/** What the cost figures cover: the measured period, as every headline metric does. */
export function costTitle(periodMs: number): string {
  return `Cost of the measured ${seconds(periodMs)}`;
}

function titled(title: string, body: string): string {
  return `${title}\n${body}`;
}

/**
 * A plain-text table: the first `textColumns` columns left-aligned (names), the rest
 * right-aligned (numbers), two spaces between columns, every line indented by two.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  textColumns = 1,
): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A number with fixed decimals; "–" for a statistic with no value. */
export function fixed(value: Statistic, digits: number): string {
  if (value === null) return NO_VALUE;
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

export function percent(fraction: Statistic, digits: number): string {
  return fraction === null ? NO_VALUE : `${fixed(fraction * 100, digits)}%`;
}

/** 1234567 → "1,234,567", whatever the machine's locale. */
export function count(value: number): string {
  const digits = String(Math.round(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
