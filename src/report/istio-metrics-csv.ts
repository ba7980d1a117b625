import { ISTIO_DURATION_BUCKETS_MS, type IstioSeries } from '../metrics/mesh-telemetry-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import { ISTIO_LABELS, istioLabelValues } from './istio-labels.js';

/**
 * The cumulative histogram columns, one per Envoy default bucket bound and +Inf, as
 * Prometheus' `le` reads: `duration_le_0.5_ms` counts durations of at most 0.5 ms.
 */
export const DURATION_BUCKET_COLUMNS = [
  ...ISTIO_DURATION_BUCKETS_MS.map((bound) => `duration_le_${bound}_ms`),
  'duration_le_inf_ms',
];

/** After run_id, variant, <param paths...>, replication. */
export const ISTIO_METRICS_COLUMNS: readonly string[] = [
  ...ISTIO_LABELS,
  'requests_total',
  'duration_sum_ms',
  'duration_mean_ms',
  ...DURATION_BUCKET_COLUMNS,
];

/** One label set: its labels, istio_requests_total, and the duration histogram's parts. */
export function istioSeriesFields(series: IstioSeries): Record<string, Cell> {
  const fields: Record<string, Cell> = { ...istioLabelValues(series) };
  fields.response_code = series.responseCode;
  fields.requests_total = series.requests;
  fields.duration_sum_ms = series.durationSumMs;
  fields.duration_mean_ms = series.requests > 0 ? series.durationSumMs / series.requests : null;
  let cumulative = 0;
  series.durationBuckets.forEach((count, index) => {
    cumulative += count;
    fields[DURATION_BUCKET_COLUMNS[index]!] = cumulative;
  });
  return fields;
}

/**
 * istio_metrics.csv: one row per (run, label set) that some proxy reported, in the order
 * the run first saw them: the same numbers as metrics.prom, as a table.
 */
export const istioMetricsCsv = perRunTable(
  ISTIO_METRICS_COLUMNS,
  (record) => record.result.mesh?.istio ?? [],
  istioSeriesFields,
);
