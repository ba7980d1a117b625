import {
  ISTIO_DURATION_BUCKETS_MS,
  type IstioReporter,
  type IstioSeries,
  type MeshEdgeReports,
} from '../../../metrics/mesh-telemetry-result.js';
import type { ResponseLabels } from './istio-labels.js';

/** The labels of one report, less its response (ResponseLabels): the series' own. */
export type ReportLabels = Pick<
  IstioSeries,
  | 'sourceWorkload'
  | 'sourceVersion'
  | 'destinationWorkload'
  | 'destinationVersion'
  | 'destinationService'
  | 'requestProtocol'
>;

/**
 * istio_requests_total and istio_request_duration_milliseconds as the proxies count them:
 * one series per label set, a counter and a histogram over Envoy's default buckets. Memory
 * grows with label sets (edges × versions × response codes), never with requests. Series
 * are kept in the order they first appeared, which the run's events fix.
 */
export class IstioMetrics {
  private readonly series = new Map<string, IstioSeries>();
  private readonly edges = new Map<string, MeshEdgeReports>();

  report(
    reporter: IstioReporter,
    labels: ReportLabels,
    response: ResponseLabels,
    edge: { from: string; to: string },
    durationMs: number,
  ): void {
    const series = this.seriesOf(reporter, labels, response);
    series.requests++;
    series.durationSumMs += durationMs;
    series.durationBuckets[bucketIndex(durationMs)]!++;
    // mesh_edges.csv compares the two ends of an edge; a waypoint is in between.
    if (reporter === 'waypoint') return;
    const reports = this.edgeOf(edge.from, edge.to);
    if (reporter === 'source') {
      reports.sourceRequests++;
      reports.sourceDurationSumMs += durationMs;
    } else {
      reports.destinationRequests++;
      reports.destinationDurationSumMs += durationMs;
    }
  }

  seriesList(): IstioSeries[] {
    return [...this.series.values()];
  }

  edgeList(): MeshEdgeReports[] {
    return [...this.edges.values()];
  }

  private seriesOf(
    reporter: IstioReporter,
    labels: ReportLabels,
    response: ResponseLabels,
  ): IstioSeries {
    const key = seriesKey(
      reporter,
      labels,
      labels.requestProtocol,
      response.responseCode,
      response.responseFlags,
    );
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        reporter,
        ...labels,
        ...response,
        requests: 0,
        durationSumMs: 0,
        durationBuckets: new Array<number>(ISTIO_DURATION_BUCKETS_MS.length + 1).fill(0),
      };
      this.series.set(key, series);
    }
    return series;
  }

  private edgeOf(from: string, to: string): MeshEdgeReports {
    const key = `${from}>${to}`;
    let reports = this.edges.get(key);
    if (reports === undefined) {
      reports = {
        from,
        to,
        sourceRequests: 0,
        sourceDurationSumMs: 0,
        destinationRequests: 0,
        destinationDurationSumMs: 0,
      };
      this.edges.set(key, reports);
    }
    return reports;
  }
}

/** The bucket a duration falls in: the first upper bound it does not exceed (Prometheus' `le`). */
export function bucketIndex(durationMs: number): number {
  for (let i = 0; i < ISTIO_DURATION_BUCKETS_MS.length; i++) {
    if (durationMs <= ISTIO_DURATION_BUCKETS_MS[i]!) return i;
  }
  return ISTIO_DURATION_BUCKETS_MS.length;
}

/**
 * One series' key in a map of series: its reporter and workload labels, then the labels its
 * kind adds (the HTTP report's protocol and response; the L4 report adds none).
 */
export function seriesKey(
  reporter: string,
  labels: Omit<ReportLabels, 'requestProtocol'>,
  ...more: (string | number)[]
): string {
  return [
    reporter,
    labels.sourceWorkload,
    labels.sourceVersion,
    labels.destinationWorkload,
    labels.destinationVersion,
    labels.destinationService,
    ...more,
  ].join('\u0000');
}
