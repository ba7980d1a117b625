import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { runsCsv } from '../../src/report/runs-csv.js';
import { decodeRunRecord, encodeRunRecord } from '../../src/runner/resume.js';
import { runRecordSchema } from '../../src/runner/run-file-schema.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/load.js';
import { webPipelineYaml } from '../support/pipeline-scenario.js';

const yaml = (pipelines: string) => parseScenario(webPipelineYaml(pipelines), 'p.yaml');

const scenario = yaml(`  runners: 1
  commits: { at: [0s, 10s, 590s] }
  stages:
    - { name: build, duration: 60s }
    - { name: deploy, duration: 5s }
`);
const result = simulate(scenario);
const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };
const files = sweepOutputFiles(scenario, [record]);

describe('the files of a run with pipelines', () => {
  it('add pipelines.csv and dora.csv last', () => {
    expect(Object.keys(files).slice(-2)).toEqual(['pipelines.csv', 'dora.csv']);
  });

  it('pipelines.csv has a row per commit with a column per stage', () => {
    const [header, ...rows] = files['pipelines.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,service,commit,kind,commit_s,measured,queue_wait_s,stage_build_s,stage_deploy_s,result,failed_stage,deploy_start_s,deploy_end_s,lead_time_s,bad_release,restored_s',
    );
    // the timeline of test/model/pipeline/pipeline-timeline.test.ts; the third commit
    // arrives at 590 s and is live at 590 + 60 + 5 + 5 = 660 s, in the drain
    expect(rows).toEqual([
      '0,base,0,web,0,commit,0,1,60,60,10,deployed,,125,130,130,0,',
      '0,base,0,web,1,commit,10,1,60,60,10,deployed,,135,140,130,0,',
      '0,base,0,web,2,commit,590,1,0,60,10,deployed,,655,660,70,0,',
    ]);
  });

  it('dora.csv has a row per service and one for all, empty where nothing was measured', () => {
    expect(files['dora.csv']!.trim().split('\n')).toEqual([
      'run_id,variant,replication,service,commits,deploys,deploys_per_day,lead_time_p50_s,lead_time_p95_s,lead_time_mean_s,failed_deploys,change_failure_rate,time_to_restore_p50_s,time_to_restore_mean_s,pipeline_failures',
      '0,base,0,web,3,3,432,130,130,110,0,0,,,0',
      '0,base,0,all,3,3,432,130,130,110,0,0,,,0',
    ]);
  });

  it('runs.csv gains the pipeline columns at its end', () => {
    const [header, row] = runsCsv([record]).trim().split('\n');
    expect(header!.split(',').slice(-7)).toEqual([
      'pipeline_lead_time_p50_s',
      'pipeline_lead_time_p95_s',
      'deployment_frequency_per_day',
      'change_failure_rate',
      'time_to_restore_mean_s',
      'runner_utilization',
      'runner_queue_wait_p95_s',
    ]);
    // busy 0-140 s and 590-660 s (the part after 600 s is outside the window): 150 of 600 s
    expect(row!.split(',').slice(-7)).toEqual(['130', '130', '432', '0', '', '0.25', '60']);
  });

  it('survive a run file (resume and merge write the same outputs)', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(record)));
    const again = sweepOutputFiles(scenario, [parsed]);
    expect(again['pipelines.csv']).toBe(files['pipelines.csv']);
    expect(again['dora.csv']).toBe(files['dora.csv']);
    expect(runsCsv([parsed])).toBe(runsCsv([record]));
  });

  it('rank an unfinished commit last (Inf), and keep it through a run file', () => {
    const busy = yaml(`  runners: 1
  commits: { at: [0s, 1s] }
  stages:
    - { name: build, duration: 15m }
    - { name: deploy, duration: 5s }
`);
    const r = simulate(busy);
    const rec = { ...record, result: r };
    const all = r.pipelines!.dora.find((d) => d.service === 'all')!;
    // c1 builds from 15 m (FIFO: it queued before c0's deploy job) and is still building
    // when the drain ends at 20 m; c0's deploy waits behind it: neither goes live
    expect(all.leadTimeP50S).toBe(Number.POSITIVE_INFINITY);
    expect(all.leadTimeP95S).toBe(Number.POSITIVE_INFINITY);
    expect(all.leadTimeMeanS).toBeNull();
    expect(runsCsv([rec])).toContain(',Inf,Inf,');
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(rec)));
    expect(sweepOutputFiles(busy, [parsed])['pipelines.csv']).toBe(
      sweepOutputFiles(busy, [rec])['pipelines.csv'],
    );
  });

  it('give no lead time to a pipeline without a deploy stage', () => {
    const ci = yaml(`  runners: 1
  commits: { at: [0s, 1s] }
  stages:
    - { name: build, duration: 15m }
`);
    const all = simulate(ci).pipelines!.dora.find((d) => d.service === 'all')!;
    expect(all).toMatchObject({ commits: 2, deploys: 0, leadTimeP50S: null, leadTimeP95S: null });
  });

  it('are absent from a run without pipelines, whose runs.csv keeps its columns', () => {
    const plain = yaml('');
    const plainRecord = { ...record, result: simulate(plain) };
    expect(plainRecord.result.pipelines).toBeUndefined();
    const names = Object.keys(sweepOutputFiles(plain, [plainRecord]));
    expect(names).not.toContain('pipelines.csv');
    expect(names).not.toContain('dora.csv');
    expect(runsCsv([plainRecord])).not.toContain('pipeline_lead_time');
  });
});
