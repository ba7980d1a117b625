import type { RunResult, Statistic } from '../metrics/run-result.js';
import type { RunRecord } from './run-record.js';

/**
 * Issue 14 (docs/cicd.md): runs.csv gains the pipelines' headline answers, after every other
 * column, only when one of its runs has `pipelines:`: every other sweep's runs.csv keeps its
 * bytes. Crossovers may name them too. A statistic with no sample is an empty cell.
 */
export const PIPELINE_COLUMNS = [
  'pipeline_lead_time_p50_s',
  'pipeline_lead_time_p95_s',
  'deployment_frequency_per_day',
  'change_failure_rate',
  'time_to_restore_mean_s',
  'runner_utilization',
  'runner_queue_wait_p95_s',
] as const;

/** The run's pipeline columns, from its DORA row for the whole system; null without pipelines. */
export function pipelineColumns(result: RunResult): Record<string, Statistic> {
  const pipelines = result.pipelines;
  const all = pipelines?.dora.find((row) => row.service === 'all');
  return {
    pipeline_lead_time_p50_s: all?.leadTimeP50S ?? null,
    pipeline_lead_time_p95_s: all?.leadTimeP95S ?? null,
    deployment_frequency_per_day: all?.deploysPerDay ?? null,
    change_failure_rate: all?.changeFailureRate ?? null,
    time_to_restore_mean_s: all?.timeToRestoreMeanS ?? null,
    runner_utilization: pipelines?.runnerUtilization ?? null,
    runner_queue_wait_p95_s: pipelines?.jobWaitP95S ?? null,
  };
}

/** The columns runs.csv appends for these records: none unless one has pipelines. */
export function pipelineColumnsOf(records: readonly RunRecord[]): readonly string[] {
  return records.some((record) => record.result.pipelines !== undefined) ? PIPELINE_COLUMNS : [];
}
