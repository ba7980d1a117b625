import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { decodeRunRecord, encodeRunRecord } from '../../src/runner/resume.js';
import { runRecordSchema } from '../../src/runner/run-file-schema.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/load.js';

const YAML = [
  'name: f',
  'duration: 3m',
  'cluster:',
  '  zones: [a, b]',
  '  nodePools: [{ name: general, instanceType: m5.large, count: 2 }]',
  'services:',
  '  web: { replicas: 2, endpoints: { get: { cpu: 1ms } } }',
  'workload:',
  '  - { name: users, arrivals: poisson, rate: 20/s, target: web.get }',
];
const FAULTS = [
  'faults:',
  '  - { at: 30s, duration: 90s, nodeFailure: { node: general-0 } }',
  'steadyState: { window: 1m, availability: 99% }',
];
const record = (yaml: string[]) => {
  const scenario = parseScenario(yaml.join('\n'), 'f.yaml');
  const result = simulate(scenario);
  return {
    scenario,
    record: { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result },
  };
};

describe('the files of a run with faults', () => {
  const { scenario, record: faulted } = record([...YAML, ...FAULTS]);
  const files = sweepOutputFiles(scenario, [faulted]);

  it('add faults.csv, one row per fault', () => {
    const [header, ...rows] = files['faults.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,kind,target,start_s,end_s,pods_affected,crashes,requests_failed',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.split(',').slice(3, 9)).toEqual([
      'nodeFailure',
      'general-0',
      '30',
      '120',
      '1',
      '0',
    ]);
    expect(Number(rows[0]!.split(',')[9])).toBeGreaterThan(0);
  });

  it('end runs.csv with the steady-state verdict: 30 s to 80 s of refused calls break both first minutes', () => {
    const [header, row] = files['runs.csv']!.trim().split('\n');
    expect(header!.split(',').slice(-2)).toEqual([
      'steady_state_held',
      'steady_state_windows_broken',
    ]);
    expect(row!.split(',').slice(-2)).toEqual(['0', '2']);
  });

  it('are the same from a run file read back (resume, merge)', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(faulted)));
    const again = sweepOutputFiles(scenario, [parsed]);
    expect(again['faults.csv']).toBe(files['faults.csv']);
    expect(again['runs.csv']).toBe(files['runs.csv']);
    expect(again['results.json']).toBe(files['results.json']);
  });

  it('leave a run without faults as it was: no faults.csv, no steady-state columns', () => {
    const { scenario: plain, record: calm } = record(YAML);
    const plainFiles = sweepOutputFiles(plain, [calm]);
    expect(Object.keys(plainFiles)).not.toContain('faults.csv');
    expect(plainFiles['runs.csv']).not.toContain('steady_state');
    expect(plainFiles['results.json']).not.toContain('steady_state');
  });
});

describe('the files of a run with a fault on calls', () => {
  const { scenario, record: faulted } = record([
    ...YAML,
    'faults:',
    '  - { at: 1m, duration: 1m, httpAbort: { service: web, percentage: 10%, httpStatus: 503 } }',
    '  - { at: 30s, duration: 90s, nodeFailure: { node: general-0 } }',
  ]);
  const files = sweepOutputFiles(scenario, [faulted]);

  it('add calls_faulted to faults.csv, empty for the faults on pods and nodes', () => {
    const [header, abort, node] = files['faults.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,kind,target,start_s,end_s,pods_affected,crashes,requests_failed,calls_faulted',
    );
    expect(abort!.split(',').slice(3, 7)).toEqual(['httpAbort', 'web', '60', '120']);
    expect(Number(abort!.split(',')[10])).toBe(faulted.result.requests.byCause.fault_abort);
    expect(node!.split(',')[10]).toBe('');
  });

  it('are the same from a run file read back (resume, merge)', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(faulted)));
    const again = sweepOutputFiles(scenario, [parsed]);
    expect(again['faults.csv']).toBe(files['faults.csv']);
    expect(again['results.json']).toBe(files['results.json']);
  });
});
