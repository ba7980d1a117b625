/**
 * msasim's library surface. The engine (event queue, random streams, distributions), the
 * scenario loader, one run as a pure function (simulate) and as a Node convenience that
 * reads a file (runScenario), and the types of what a run returns.
 */
export * from './engine/index.js';
export {
  FAILURE_CAUSE_REGISTRY,
  type FailureCauseInfo,
  type FailureOrigin,
} from './metrics/failure-causes.js';
export type { PodCount } from './metrics/ledger/pod-census.js';
export {
  type PodSeriesChange,
  type PodSeriesRow,
  podSeriesRows,
} from './metrics/ledger/pod-series.js';
export type {
  CostSummary,
  EdgeMetrics,
  EndpointFailures,
  FailureCause,
  LatencySummary,
  NodeLedgerMetrics,
  NodeMetrics,
  PhaseSeconds,
  PodLedgerMetrics,
  PodMetrics,
  RequestOutcomes,
  RunResult,
  ServiceLedger,
  ServiceMetrics,
  WindowMetrics,
} from './metrics/run-result.js';
export { FAILURE_CAUSES } from './metrics/run-result.js';
export {
  type TimeSeries,
  timeSeriesRows,
  type WindowRepeat,
} from './metrics/time-series.js';
export { type SimulateOptions, simulate } from './model/simulate.js';
export type { RunRecord } from './report/run-record.js';
export { type SummaryRow, summarize } from './report/summary.js';
export type { FileLimits } from './runner/file-limits.js';
export {
  loadScenarioFile,
  type RunScenarioOptions,
  runScenario,
  ScenarioFileError,
} from './runner/run-scenario.js';
export {
  runSweep,
  SweepInterruptedError,
  type SweepOptions,
  SweepRunError,
  writeSweepOutputs,
} from './runner/sweep.js';
export {
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioIssue,
} from './scenario/index.js';
export type { WorkEstimate } from './scenario/work-estimate.js';
export { WorkLimitError, type WorkLimits } from './scenario/work-limits.js';
