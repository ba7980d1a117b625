import { FAILURE_CAUSES, type RunResult } from '../metrics/run-result.js';

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
    endpointsSection(result),
    edgesSection(result),
    nodesSection(result),
    costSection(result),
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
  const l = r.latency;
  return titled(
    'End-to-end latency, successful requests (ms)',
    renderTable(
      ['mean', 'p50', 'p90', 'p99', 'p99.9', 'max'],
      [[l.meanMs, l.p50Ms, l.p90Ms, l.p99Ms, l.p999Ms, l.maxMs].map((v) => fixed(v, 2))],
      0,
    ),
  );
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
    'Services (calls served, each hop counted once)',
    renderTable(
      ['service', 'rate/s', 'errors', 'p99 ms', 'cpu', 'workers', 'ready', 'pending'],
      r.services.map((s) => [
        s.service,
        fixed(s.ratePerSec, 1),
        count(s.errors),
        fixed(s.latency.p99Ms, 2),
        percent(s.cpuUtilization, 1),
        percent(s.workerUtilization, 1),
        count(s.readyPods),
        count(s.pendingPods),
      ]),
    ),
  );
}

function endpointsSection(r: RunResult): string {
  return titled(
    'Endpoints (time in the service, without the network to it)',
    renderTable(
      ['endpoint', 'rate/s', 'errors', 'p50 ms', 'p99 ms'],
      r.endpoints.map((e) => [
        `${e.service}.${e.endpoint}`,
        fixed(e.ratePerSec, 1),
        count(e.errors),
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
      ['from → to', 'rate/s', 'errors', 'p99 ms'],
      r.edges.map((e) => [
        `${e.from} → ${e.to}`,
        fixed(e.ratePerSec, 1),
        count(e.errors),
        fixed(e.latency.p99Ms, 2),
      ]),
    ),
  );
}

function nodesSection(r: RunResult): string {
  return titled(
    'Nodes',
    renderTable(
      ['node', 'pool', 'zone', 'cores', 'requested', 'pods', 'cpu'],
      r.nodes.map((n) => [
        n.node,
        n.pool,
        n.zone,
        fixed(n.cpuCores, 2),
        fixed(n.cpuRequested, 2),
        count(n.pods),
        percent(n.cpuUtilization, 1),
      ]),
      3,
    ),
  );
}

function costSection(r: RunResult): string {
  const c = r.cost;
  return titled(
    `Cost over ${seconds(r.durationMs)} (USD)`,
    renderTable(
      ['nodes', 'control plane', 'total', 'per million requests'],
      [[c.nodeUsd, c.controlPlaneUsd, c.totalUsd, c.perMillionRequestsUsd].map((v) => fixed(v, 4))],
    ),
  );
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

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

export function percent(fraction: number, digits: number): string {
  return `${fixed(fraction * 100, digits)}%`;
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
