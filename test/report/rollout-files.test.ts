import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../src/cli/summary-table.js';
import { simulate } from '../../src/model/simulate.js';
import { decodeRunRecord, encodeRunRecord } from '../../src/runner/resume.js';
import { runRecordSchema } from '../../src/runner/run-file-schema.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/load.js';
import { loadScenario } from '../support/scenario-files.js';

const scenario = loadScenario('rolling-3');
const result = simulate(scenario);
const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };

describe('the files of a run with a rollout (rolling-3.yaml)', () => {
  const files = sweepOutputFiles(scenario, [record]);

  it('add rollouts.csv last, a row per rollout', () => {
    expect(Object.keys(files).at(-1)).toBe('rollouts.csv');
    const [header, row] = files['rollouts.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,service,from_revision,to_revision,from_version,to_version,strategy,replicas,start_s,end_s,duration_s,outcome,peak_pods,lowest_available,failed_requests,served_by_new',
    );
    expect(row!.split(',').slice(3, 16)).toEqual(
      'web,1,2,v1,v2,RollingUpdate,3,10,17,7,complete,4,3'.split(','),
    );
  });

  it('append the rollout columns to runs.csv', () => {
    const [header, row] = files['runs.csv']!.trim().split('\n');
    expect(header!.split(',').slice(-3)).toEqual([
      'rollout_duration_s',
      'rollout_lowest_available_ratio',
      'rollout_failed_requests',
    ]);
    expect(row!.split(',').slice(-3, -1)).toEqual(['7', '1']);
  });

  it('survive a run file (resume and merge write the same outputs)', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(record)));
    const again = sweepOutputFiles(scenario, [parsed]);
    expect(again['rollouts.csv']).toBe(files['rollouts.csv']);
    expect(again['runs.csv']).toBe(files['runs.csv']);
  });

  it("print a Rollouts section in msasim run's text", () => {
    const text = summaryTable(result);
    expect(text).toContain('Rollouts (available: ready for minReadySeconds');
    expect(text).toMatch(/web +1 -> 2 +v1 -> v2 +RollingUpdate +10\.0 +7\.0 +complete +4 +3\/3/);
  });

  it('are absent from a run without rollouts, whose runs.csv keeps its columns', () => {
    const plain = parseScenario(
      'name: p\nservices: { a: { endpoints: { e: {} } } }\nworkload: [{ name: w, arrivals: poisson, rate: 1/s, target: a.e }]',
    );
    const plainRecord = { ...record, result: simulate(plain) };
    expect(plainRecord.result.rollouts).toBeUndefined();
    const plainFiles = sweepOutputFiles(plain, [plainRecord]);
    expect(Object.keys(plainFiles)).not.toContain('rollouts.csv');
    expect(plainFiles['runs.csv']).not.toContain('rollout_');
  });
});

describe("rollouts.csv of an Argo canary whose analysis fails (canary-10.yaml, v2's calls all fail)", () => {
  const base = loadScenario('canary-10');
  const web = base.services.web!;
  const metrics = [
    { name: 'error-rate', interval: 10_000, successCondition: 'errorRate <= 1%' },
  ].map((m) => ({ ...m, failureLimit: 1, consecutiveErrorLimit: 4 }));
  const argo = {
    ...base,
    services: {
      web: {
        ...web,
        strategy: { ...web.strategy!, canary: { ...web.strategy!.canary!, analysis: { metrics } } },
      },
    },
    events: [
      {
        at: 10_000,
        rollout: { service: 'web', version: 'v2', endpoints: { get: { errorRate: 1 } } },
      },
    ],
  } as typeof base;
  const argoRecord = { ...record, result: simulate(argo) };
  const files = sweepOutputFiles(argo, [argoRecord]);

  it("names the metric that aborted it, its last value and Argo's reason, after the older columns", () => {
    const [header, row] = files['rollouts.csv']!.trim().split('\n');
    expect(header!.split(',').slice(-5)).toEqual([
      'requests_to_new_version_before_abort',
      'failed_at_new_version',
      'failed_metric',
      'failed_metric_last_value',
      'failed_metric_reason',
    ]);
    // measured at 20 s and 30 s, both 100% against 1%: the second exceeds failureLimit 1
    expect(row!.split(',').slice(13, 14)).toEqual(['aborted']);
    expect(row!.split(',').slice(-3)).toEqual([
      'error-rate',
      '100%',
      'failed (2) > failureLimit (1)',
    ]);
  });

  it('survive a run file with the failed metric', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(argoRecord)));
    expect(sweepOutputFiles(argo, [parsed])['rollouts.csv']).toBe(files['rollouts.csv']);
  });
});
