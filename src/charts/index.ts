// Every chart of the report and of `msasim plot`, in the order the report shows them.
import { availabilityOverTimeChart } from './availability-over-time.js';
import type { Chart } from './chart.js';
import { costAndP99Chart } from './cost-and-p99.js';
import { costBreakdownChart } from './cost-breakdown.js';
import { costVsLoadChart } from './cost-vs-load.js';
import { errorRateOverTimeChart } from './error-rate-over-time.js';
import { functionInstancesChart } from './function-instances.js';
import { latencyCdfChart } from './latency-cdf.js';
import { percentilesChart } from './percentiles-vs-parameter.js';
import { podsOverTimeChart } from './pods-over-time.js';
import { scaleUpPhasesChart } from './scale-up-phases.js';
import { serviceGraphChart } from './service-graph-chart.js';

export type { Chart } from './chart.js';
export { type ChartOptions, PAPER_FIGURE, SCREEN_FIGURE } from './chart-style.js';
export type { OutputFiles } from './output-files.js';

// biome-ignore lint/suspicious/noExplicitAny: each chart is typed where it is written; the list holds any
export const CHARTS: readonly Chart<any>[] = [
  serviceGraphChart,
  latencyCdfChart,
  percentilesChart,
  costAndP99Chart,
  costVsLoadChart,
  costBreakdownChart,
  availabilityOverTimeChart,
  errorRateOverTimeChart,
  podsOverTimeChart,
  functionInstancesChart,
  scaleUpPhasesChart,
];
