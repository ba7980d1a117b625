import type { IstioSeries, IstioTcpSeries } from '../metrics/mesh-telemetry-result.js';

/**
 * The labels Istio's proxies put on istio_requests_total and
 * istio_request_duration_milliseconds ("Istio Standard Metrics",
 * istio.io/latest/docs/reference/config/metrics/), those msasim knows, in one order shared by
 * istio_metrics.csv and metrics.prom. msasim has no namespaces: every workload is in
 * `default`; a workload's app label is its name, as Istio's canonical service is.
 */
export const ISTIO_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_app',
  'source_version',
  'destination_workload',
  'destination_workload_namespace',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'request_protocol',
  'response_code',
  'response_flags',
] as const;

export type IstioLabel = (typeof ISTIO_LABELS)[number];

const NAMESPACE = 'default';
const INGRESS_NAMESPACE = 'istio-system';
const UNKNOWN = 'unknown';

/** One series' labels as the proxies write them (every value a string, as in Prometheus). */
export function istioLabelValues(series: IstioSeries): Record<IstioLabel, string> {
  const source = series.sourceWorkload;
  const destination = series.destinationWorkload;
  return {
    reporter: series.reporter,
    source_workload: source,
    source_workload_namespace: namespaceOf(source),
    source_app: source,
    source_version: series.sourceVersion,
    destination_workload: destination,
    destination_workload_namespace: destination === UNKNOWN ? UNKNOWN : NAMESPACE,
    destination_app: destination,
    destination_version: series.destinationVersion,
    destination_service: `${series.destinationService}.${NAMESPACE}.svc.cluster.local`,
    destination_service_name: series.destinationService,
    destination_service_namespace: NAMESPACE,
    request_protocol: series.requestProtocol,
    response_code: String(series.responseCode),
    response_flags: series.responseFlags,
  };
}

/**
 * The labels of a ztunnel's L4 series (istio/ztunnel, src/proxy/metrics.rs,
 * CommonTrafficLabels): the same, with request_protocol tcp and no response code.
 */
export const ISTIO_TCP_LABELS = ISTIO_LABELS.filter((label) => label !== 'response_code');

export function istioTcpLabelValues(series: IstioTcpSeries): Record<IstioLabel, string> {
  const values = istioLabelValues({
    ...series,
    requestProtocol: 'http',
    responseCode: 0,
    responseFlags: '-',
    requests: 0,
    durationSumMs: 0,
    durationBuckets: [],
  });
  return { ...values, request_protocol: 'tcp' };
}

function namespaceOf(workload: string): string {
  if (workload === UNKNOWN) return UNKNOWN;
  return workload === 'istio-ingressgateway' ? INGRESS_NAMESPACE : NAMESPACE;
}
