import { ISTIO_DURATION_BUCKETS_MS, type IstioSeries } from '../metrics/mesh-telemetry-result.js';
import { formatNumber } from './csv-format.js';
import { ISTIO_LABELS, istioLabelValues } from './istio-labels.js';
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
  return `${lines.join('\n')}\n`;
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
    `msasim_run_id="${record.runId}"`,
    `msasim_variant="${escapeLabel(record.variant)}"`,
    `msasim_replication="${record.replication}"`,
    ...ISTIO_LABELS.map((label) => `${label}="${escapeLabel(values[label])}"`),
  ];
  if (le !== undefined) pairs.push(`le="${le}"`);
  return `{${pairs.join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (the format's only escapes). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
