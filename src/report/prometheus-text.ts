import {
  ISTIO_DURATION_BUCKETS_MS,
  type IstioSeries,
  type IstioTcpSeries,
} from '../metrics/mesh-telemetry-result.js';
import { formatNumber } from './cell-format.js';
import {
  ISTIO_LABELS,
  ISTIO_TCP_LABELS,
  istioLabelValues,
  istioTcpLabelValues,
} from './istio-labels.js';
import type { RunRecord } from './run-record.js';
import { sortByRunId } from './run-record.js';
import { unixMillis } from './simulated-epoch.js';

/**
 * metrics.prom: the runs' Istio metrics in the Prometheus text exposition format (version
 * 0.0.4, prometheus.io/docs/instrumenting/exposition_formats/), as one scrape of every
 * proxy at the end of each run: a counter (istio_requests_total) and a histogram
 * (istio_request_duration_milliseconds, _bucket with `le`, _sum, _count), each sample
 * stamped with the run's end. Runs are told apart by an `msasim_run_id` label (with
 * `msasim_variant` and `msasim_replication`), as Prometheus tells scrape targets apart by
 * theirs. Counts are the same as istio_metrics.csv's.
 */
export function prometheusText(records: readonly RunRecord[]): string {
  const sorted = sortByRunId(records).filter((record) => record.result.mesh !== undefined);
  const lines = [
    '# HELP istio_requests_total Requests handled by an Istio proxy (msasim: measured requests).',
    '# TYPE istio_requests_total counter',
  ];
  for (const record of sorted) {
    const at = unixMillis(record.result.mesh!.endMs);
    for (const series of record.result.mesh!.istio) {
      lines.push(`istio_requests_total${labelText(record, series)} ${series.requests} ${at}`);
    }
  }
  lines.push(
    '# HELP istio_request_duration_milliseconds Duration of requests as an Istio proxy saw them.',
    '# TYPE istio_request_duration_milliseconds histogram',
  );
  for (const record of sorted) {
    const at = unixMillis(record.result.mesh!.endMs);
    for (const series of record.result.mesh!.istio)
      lines.push(...histogramLines(record, series, at));
  }
  lines.push(...tcpFamilies(sorted));
  return `${lines.join('\n')}\n`;
}

/** The ztunnels' L4 counters (ambient), each family only when some run has its series. */
const TCP_FAMILIES = [
  {
    name: 'istio_tcp_connections_opened_total',
    help: 'Connections opened, as a ztunnel counts them (msasim: for measured requests).',
    value: (series: IstioTcpSeries) => series.connectionsOpened,
  },
  {
    name: 'istio_tcp_received_bytes_total',
    help: 'Bytes received during requests, as a ztunnel counts them.',
    value: (series: IstioTcpSeries) => series.receivedBytes,
  },
  {
    name: 'istio_tcp_sent_bytes_total',
    help: 'Bytes sent during responses, as a ztunnel counts them.',
    value: (series: IstioTcpSeries) => series.sentBytes,
  },
] as const;

function tcpFamilies(sorted: readonly RunRecord[]): string[] {
  if (!sorted.some((record) => record.result.mesh!.tcp.length > 0)) return [];
  const lines: string[] = [];
  for (const family of TCP_FAMILIES) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} counter`);
    for (const record of sorted) {
      const at = unixMillis(record.result.mesh!.endMs);
      for (const series of record.result.mesh!.tcp) {
        const labels = tcpLabelText(record, series);
        lines.push(`${family.name}${labels} ${family.value(series)} ${at}`);
      }
    }
  }
  return lines;
}

function tcpLabelText(record: RunRecord, series: IstioTcpSeries): string {
  const values = istioTcpLabelValues(series);
  const pairs = [
    ...runLabels(record),
    ...ISTIO_TCP_LABELS.map((label) => `${label}="${escapeLabel(values[label])}"`),
  ];
  return `{${pairs.join(',')}}`;
}

function runLabels(record: RunRecord): string[] {
  return [
    `msasim_run_id="${record.runId}"`,
    `msasim_variant="${escapeLabel(record.variant)}"`,
    `msasim_replication="${record.replication}"`,
  ];
}

function histogramLines(record: RunRecord, series: IstioSeries, at: number): string[] {
  const name = 'istio_request_duration_milliseconds';
  const lines: string[] = [];
  let cumulative = 0;
  series.durationBuckets.forEach((count, index) => {
    cumulative += count;
    const bound = ISTIO_DURATION_BUCKETS_MS[index];
    const le = bound === undefined ? '+Inf' : formatNumber(bound);
    lines.push(`${name}_bucket${labelText(record, series, le)} ${cumulative} ${at}`);
  });
  lines.push(`${name}_sum${labelText(record, series)} ${formatNumber(series.durationSumMs)} ${at}`);
  lines.push(`${name}_count${labelText(record, series)} ${series.requests} ${at}`);
  return lines;
}

function labelText(record: RunRecord, series: IstioSeries, le?: string): string {
  const values = istioLabelValues(series);
  const pairs = [
    ...runLabels(record),
    ...ISTIO_LABELS.map((label) => `${label}="${escapeLabel(values[label])}"`),
  ];
  if (le !== undefined) pairs.push(`le="${le}"`);
  return `{${pairs.join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (the format's only escapes). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
