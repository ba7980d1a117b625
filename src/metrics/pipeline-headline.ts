import type { OptionalHeadlines } from './optional-headlines.js';

/**
 * Issue 14 (docs/cicd.md): the pipelines' answers as headline metrics, only in runs with
 * `pipelines:` (optional-headlines.ts): the DORA figures of the whole system's row, the
 * runners' utilization and the p95 of a job's wait for a runner. A statistic with no sample
 * is empty.
 */
export const PIPELINE_HEADLINES: OptionalHeadlines = {
  names: [
    'pipeline_lead_time_p50_s',
    'pipeline_lead_time_p95_s',
    'deployment_frequency_per_day',
    'change_failure_rate',
    'time_to_restore_mean_s',
    'runner_utilization',
    'runner_queue_wait_p95_s',
  ],
  has: (result) => result.pipelines !== undefined,
  metrics: (result) => {
    const pipelines = result.pipelines!;
    const all = pipelines.dora.find((row) => row.service === 'all');
    return {
      pipeline_lead_time_p50_s: all?.leadTimeP50S ?? null,
      pipeline_lead_time_p95_s: all?.leadTimeP95S ?? null,
      deployment_frequency_per_day: all?.deploysPerDay ?? null,
      change_failure_rate: all?.changeFailureRate ?? null,
      time_to_restore_mean_s: all?.timeToRestoreMeanS ?? null,
      runner_utilization: pipelines.runnerUtilization,
      runner_queue_wait_p95_s: pipelines.jobWaitP95S ?? null,
    };
  },
  directions: {
    pipeline_lead_time_p50_s: 'lower',
    pipeline_lead_time_p95_s: 'lower',
    deployment_frequency_per_day: 'higher',
    change_failure_rate: 'lower',
    time_to_restore_mean_s: 'lower',
    runner_queue_wait_p95_s: 'lower',
  },
  compared: [
    'pipeline_lead_time_p50_s',
    'pipeline_lead_time_p95_s',
    'deployment_frequency_per_day',
    'runner_utilization',
    'runner_queue_wait_p95_s',
  ],
};
