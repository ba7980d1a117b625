import type { DoraRow, PipelineRunRow } from '../metrics/pipeline-result.js';
import { type Cell, perRunItemsCsv, perRunTable } from './csv-format.js';
import { paramNamesOf, type RunRecord, sortByRunId } from './run-record.js';

/**
 * pipelines.csv and dora.csv (issue 14, docs/cicd.md): written only when some run has
 * `pipelines:`. pipelines.csv has one row per pipeline run (a commit on a service), a column
 * per stage (`stage_<name>_s`, the stages of every run in order of first appearance: a
 * stage a run does not have, or did not reach, is an empty cell).
 */
const BEFORE_STAGES = [
  'service',
  'commit',
  'kind',
  'commit_s',
  'measured',
  'queue_wait_s',
] as const;
const AFTER_STAGES = [
  'result',
  'failed_stage',
  'deploy_start_s',
  'deploy_end_s',
  'lead_time_s',
  'bad_release',
  'restored_s',
] as const;

/** The stage columns of these records, in order of first appearance. */
function stageNames(records: readonly RunRecord[]): string[] {
  const names = new Set<string>();
  for (const record of records)
    for (const stage of record.result.pipelines?.stages ?? []) names.add(stage);
  return [...names];
}

export function pipelinesCsv(
  records: readonly RunRecord[],
  paramNames?: readonly string[],
): string {
  const sorted = sortByRunId(records);
  const stages = stageNames(sorted);
  const columns = [...BEFORE_STAGES, ...stages.map((s) => `stage_${s}_s`), ...AFTER_STAGES];
  return perRunItemsCsv(
    sorted,
    paramNames ?? paramNamesOf(sorted),
    columns,
    (record) => {
      const own = record.result.pipelines?.stages ?? [];
      return (record.result.pipelines?.runs ?? []).map((row) => ({ row, own }));
    },
    ({ row, own }) => pipelineRunFields(row, own, stages),
  );
}

function pipelineRunFields(
  row: PipelineRunRow,
  own: readonly string[],
  stages: readonly string[],
): Record<string, Cell> {
  const fields: Record<string, Cell> = {
    service: row.service,
    commit: row.commit,
    kind: row.kind,
    commit_s: row.commitS,
    measured: row.measured ? 1 : 0,
    queue_wait_s: row.queueWaitS,
    result: row.result,
    failed_stage: row.failedStage,
    deploy_start_s: row.deployStartS,
    deploy_end_s: row.deployEndS,
    lead_time_s:
      row.deployEndS === null || row.result === 'failed' ? null : row.deployEndS - row.commitS,
    bad_release: row.bad ? 1 : 0,
    restored_s: row.restoredS,
  };
  for (const stage of stages) {
    const at = own.indexOf(stage);
    fields[`stage_${stage}_s`] = at < 0 ? null : (row.stageS[at] ?? null);
  }
  return fields;
}

export const DORA_COLUMNS = [
  'service',
  'commits',
  'deploys',
  'deploys_per_day',
  'lead_time_p50_s',
  'lead_time_p95_s',
  'lead_time_mean_s',
  'failed_deploys',
  'change_failure_rate',
  'time_to_restore_p50_s',
  'time_to_restore_mean_s',
  'pipeline_failures',
] as const;

export type DoraColumn = (typeof DORA_COLUMNS)[number];

export function doraFields(row: DoraRow): Record<DoraColumn, Cell> {
  return {
    service: row.service,
    commits: row.commits,
    deploys: row.deploys,
    deploys_per_day: row.deploysPerDay,
    lead_time_p50_s: row.leadTimeP50S,
    lead_time_p95_s: row.leadTimeP95S,
    lead_time_mean_s: row.leadTimeMeanS,
    failed_deploys: row.failedDeploys,
    change_failure_rate: row.changeFailureRate,
    time_to_restore_p50_s: row.timeToRestoreP50S,
    time_to_restore_mean_s: row.timeToRestoreMeanS,
    pipeline_failures: row.pipelineFailures,
  };
}

/** dora.csv: per run, one row per service with a pipeline, then `all`. */
export const doraCsv = perRunTable(
  DORA_COLUMNS,
  (record) => record.result.pipelines?.dora ?? [],
  doraFields,
);
