/**
 * The report layer: turns run results into the files researchers read (runs.csv,
 * summary.csv, timeseries.csv, edges.csv, services.csv, endpoints.csv, failures.csv,
 * results.json), the terminal comparison table and the threshold verdicts. Everything is
 * a pure function of the records except the atomic file writer.
 */
export { writeFileAtomic, writeOutputs } from './atomic-write.js';
export {
  type ComparisonTableOptions,
  comparisonTable,
  DEFAULT_COMPARISON_METRICS,
  type Direction,
  formatEstimate,
  METRIC_DIRECTIONS,
} from './comparison-table.js';
export { type Cell, formatCell, formatNumber, toCsv } from './csv-format.js';
export { EDGE_COLUMNS, type EdgeColumn, edgeFields, edgesCsv } from './edges-csv.js';
export {
  ENDPOINT_COLUMNS,
  type EndpointColumn,
  endpointFields,
  endpointsCsv,
} from './endpoints-csv.js';
export {
  FAILURE_COLUMNS,
  type FailureColumn,
  failureFields,
  failuresCsv,
} from './failures-csv.js';
export { closestName, unknownMetricMessage } from './metric-names.js';
export { PROXY_COLUMNS, type ProxyColumn, proxiesCsv, proxyFields } from './proxies-csv.js';
export { RESULTS_FORMAT_VERSION, type ResultsJsonInput, resultsJson } from './results-json.js';
export {
  BASE_VARIANT,
  type ParamValue,
  paramNamesOf,
  type RunRecord,
  runKeyColumns,
  sortByRunId,
} from './run-record.js';
export { runsCsv, runsCsvColumns } from './runs-csv.js';
export { SERVICE_COLUMNS, type ServiceColumn, serviceFields, servicesCsv } from './services-csv.js';
export { studentTCdf, studentTQuantile, tCritical95 } from './student-t.js';
export { describeSample, type MetricSummary, type SummaryRow, summarize } from './summary.js';
export { summaryCsv, summaryCsvColumns } from './summary-csv.js';
export {
  conditionsFor,
  evaluateThresholds,
  parseCondition,
  type ThresholdCondition,
  ThresholdError,
  type ThresholdOperator,
  type ThresholdResult,
  type Thresholds,
  thresholdReport,
  thresholdsPassed,
  thresholdsSchema,
  thresholdVariantErrors,
} from './thresholds.js';
export {
  TIMESERIES_COLUMNS,
  type TimeseriesColumn,
  timeseriesCsv,
  windowFields,
} from './timeseries-csv.js';
