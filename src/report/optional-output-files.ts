import type { RunResult } from '../metrics/run-result.js';
import { autoscalingCsv } from './autoscaling-csv.js';
import { costCsv, hasCostLedger } from './cost-csv.js';
import { faultsCsv } from './faults-csv.js';
import { functionMetricsCsv, functionsCsv, lambdaReportLog } from './functions-csv.js';
import { istioMetricsCsv } from './istio-metrics-csv.js';
import { meshEdgesCsv } from './mesh-edges-csv.js';
import { otlpTraces } from './otlp-traces.js';
import { doraCsv, pipelinesCsv } from './pipelines-csv.js';
import { prometheusText } from './prometheus-text.js';
import { queueMetricsCsv, queuesCsv } from './queues-csv.js';
import { rolloutsCsv } from './rollouts-csv.js';
import type { RunRecord } from './run-record.js';

/**
 * Files that only runs with a feature write: a sweep (or `run --out`) writes a group when
 * one of its runs has the feature, and a sweep with none writes none of them, so its outputs
 * are what they were before the feature existed.
 */
export interface OptionalOutputFiles {
  /** the group's file names, in the order they are written */
  readonly names: readonly string[];
  has(result: RunResult): boolean;
  /** the group's files of these records (a sweep's, or one run's), by name */
  files(records: readonly RunRecord[]): Record<string, string>;
}

/** The files a sweep writes when some run has a mesh (docs/mesh/telemetry.md). */
export const MESH_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['mesh_edges.csv', 'istio_metrics.csv', 'metrics.prom', 'traces.otlp.json'],
  has: (result) => result.mesh !== undefined,
  files: (records) => ({
    'mesh_edges.csv': meshEdgesCsv(records),
    'istio_metrics.csv': istioMetricsCsv(records),
    'metrics.prom': prometheusText(records),
    'traces.otlp.json': otlpTraces(records),
  }),
};

/** When some run has functions (docs/serverless.md). */
const FUNCTION_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['functions.csv', 'function_metrics.csv', 'lambda_report.log'],
  has: (result) => result.functions !== undefined,
  files: (records) => ({
    'functions.csv': functionsCsv(records),
    'function_metrics.csv': functionMetricsCsv(records),
    'lambda_report.log': lambdaReportLog(records),
  }),
};

/** When some run has queues or asynchronous invocations (docs/serverless.md, "Event sources"). */
const QUEUE_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['queues.csv', 'queue_metrics.csv'],
  has: (result) => result.queues !== undefined,
  files: (records) => ({
    'queues.csv': queuesCsv(records),
    'queue_metrics.csv': queueMetricsCsv(records),
  }),
};

/**
 * When some run has a cost ledger beyond its nodes (`pricing:`, functions, per-task
 * containers, nodes: docs/cost.md).
 */
export const COST_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['cost.csv'],
  has: hasCostLedger,
  files: (records) => ({ 'cost.csv': costCsv(records) }),
};

/** When some run rolls a Deployment (docs/deployments.md). */
const ROLLOUT_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['rollouts.csv'],
  has: (result) => result.rollouts !== undefined,
  files: (records) => ({ 'rollouts.csv': rolloutsCsv(records) }),
};

/** When some run has an HPA or an autoscaled node pool (docs/autoscaling.md). */
const AUTOSCALING_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['autoscaling.csv'],
  has: (result) => result.autoscaling !== undefined,
  files: (records) => ({ 'autoscaling.csv': autoscalingCsv(records) }),
};

/** When some run has faults (docs/faults.md); a steady-state check alone writes none. */
const FAULT_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['faults.csv'],
  has: (result) => (result.faults?.faults.length ?? 0) > 0,
  files: (records) => ({ 'faults.csv': faultsCsv(records) }),
};

/** When some run has CI/CD pipelines (docs/cicd.md). */
const PIPELINE_OUTPUT_FILES: OptionalOutputFiles = {
  names: ['pipelines.csv', 'dora.csv'],
  has: (result) => result.pipelines !== undefined,
  files: (records) => ({ 'pipelines.csv': pipelinesCsv(records), 'dora.csv': doraCsv(records) }),
};

/** Every group, in the order their files are written. */
export const OPTIONAL_OUTPUT_FILES: readonly OptionalOutputFiles[] = [
  MESH_OUTPUT_FILES,
  FUNCTION_OUTPUT_FILES,
  QUEUE_OUTPUT_FILES,
  COST_OUTPUT_FILES,
  ROLLOUT_OUTPUT_FILES,
  AUTOSCALING_OUTPUT_FILES,
  FAULT_OUTPUT_FILES,
  PIPELINE_OUTPUT_FILES,
];

/** The groups some of these records have. */
export function optionalGroupsOf(records: readonly RunRecord[]): OptionalOutputFiles[] {
  return OPTIONAL_OUTPUT_FILES.filter((group) => records.some((r) => group.has(r.result)));
}

/** The optional files of these records, by name, in the order they are written. */
export function optionalOutputFiles(records: readonly RunRecord[]): Record<string, string> {
  return Object.assign({}, ...optionalGroupsOf(records).map((group) => group.files(records)));
}
