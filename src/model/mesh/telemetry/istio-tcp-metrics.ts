import type { IstioTcpSeries } from '../../../metrics/mesh-telemetry-result.js';
import { type ReportLabels, seriesKey } from './istio-metrics.js';

/** The labels of an L4 report: the HTTP report's, less the protocol (always tcp). */
export type TcpReportLabels = Omit<ReportLabels, 'requestProtocol'>;

/**
 * A ztunnel's L4 counters (ambient): connections opened and bytes each way, one series per
 * reporter and label set, in the order they first appeared. Memory grows with label sets,
 * never with requests.
 */
export class IstioTcpMetrics {
  private readonly series = new Map<string, IstioTcpSeries>();

  connectionOpened(reporter: IstioTcpSeries['reporter'], labels: TcpReportLabels): void {
    this.seriesOf(reporter, labels).connectionsOpened++;
  }

  /** `received`: bytes of a request; `sent`: bytes of a response (Istio's definitions). */
  bytes(
    reporter: IstioTcpSeries['reporter'],
    labels: TcpReportLabels,
    received: number,
    sent: number,
  ): void {
    const series = this.seriesOf(reporter, labels);
    series.receivedBytes += received;
    series.sentBytes += sent;
  }

  seriesList(): IstioTcpSeries[] {
    return [...this.series.values()];
  }

  private seriesOf(reporter: IstioTcpSeries['reporter'], labels: TcpReportLabels): IstioTcpSeries {
    const key = seriesKey(reporter, labels);
    let series = this.series.get(key);
    if (series === undefined) {
      series = { reporter, ...labels, connectionsOpened: 0, receivedBytes: 0, sentBytes: 0 };
      this.series.set(key, series);
    }
    return series;
  }
}
