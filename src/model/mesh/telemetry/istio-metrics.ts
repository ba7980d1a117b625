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
  /**
   * Per call site (the caller's step that makes the call) and reporter, the series its
   * reports went to lately, and its edge: most reports of a site go to one or two series, so
   * a few field comparisons find it without building and hashing its key (a sidecar run
   * reports every call twice: the key was a fifth of its time). Only a shortcut: a series is
   * still made, in the order it first appears, by `seriesOf`.
   */
  private readonly recentSeries = new Map<object, IstioSeries[]>();
  private readonly recentEdge = new Map<object, MeshEdgeReports>();

  /** `site`: any object that stands for the call's site (its CallTarget), for the shortcut. */
  report(
    reporter: IstioReporter,
    labels: ReportLabels,
    response: ResponseLabels,
    edge: { from: string; to: string },
    durationMs: number,
    site: object,
  ): void {
    const series = this.recentSeriesOf(site, reporter, labels, response);
    series.requests++;
    series.durationSumMs += durationMs;
    series.durationBuckets[bucketIndex(durationMs)]!++;
    // mesh_edges.csv compares the two ends of an edge; a waypoint is in between.
    if (reporter === 'waypoint') return;
    const reports = this.recentEdgeOf(site, edge.from, edge.to);
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

  private recentSeriesOf(
    site: object,
    reporter: IstioReporter,
    labels: ReportLabels,
    response: ResponseLabels,
  ): IstioSeries {
    let recent = this.recentSeries.get(site);
    if (recent === undefined) {
      recent = [];
      this.recentSeries.set(site, recent);
    }
    for (const series of recent) if (sameLabels(series, reporter, labels, response)) return series;
    const series = this.seriesOf(reporter, labels, response);
    if (recent.length < RECENT_PER_SITE) recent.push(series);
    return series;
  }

  private recentEdgeOf(site: object, from: string, to: string): MeshEdgeReports {
    const recent = this.recentEdge.get(site);
    if (recent !== undefined && recent.from === from && recent.to === to) return recent;
    const reports = this.edgeOf(from, to);
    this.recentEdge.set(site, reports);
    return reports;
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

/** Series a call site remembers (its reporters' usual responses and versions). */
const RECENT_PER_SITE = 8;

/** Whether a report with these labels counts in `series` (every label, as its key has them). */
function sameLabels(
  series: IstioSeries,
  reporter: IstioReporter,
  labels: ReportLabels,
  response: ResponseLabels,
): boolean {
  return (
    series.reporter === reporter &&
    series.sourceWorkload === labels.sourceWorkload &&
    series.sourceVersion === labels.sourceVersion &&
    series.destinationWorkload === labels.destinationWorkload &&
    series.destinationVersion === labels.destinationVersion &&
    series.destinationService === labels.destinationService &&
    series.requestProtocol === labels.requestProtocol &&
    series.responseCode === response.responseCode &&
    series.responseFlags === response.responseFlags
  );
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
