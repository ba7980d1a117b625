import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { decodeRunRecord, encodeRunRecord } from '../../src/runner/resume.js';
import { runRecordSchema } from '../../src/runner/run-file-schema.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = parseScenario(
  [
    'name: q',
    'duration: 2m',
    'services: {}',
    'functions:',
    '  worker: { handler: { wait: 100ms } }',
    '  notify: { handler: { wait: 10ms } }',
    'queues:',
    '  jobs: { trigger: { function: worker } }',
    'workload:',
    '  - { name: jobs, arrivals: poisson, rate: 5/s, target: jobs.send }',
    '  - { name: notes, arrivals: poisson, rate: 1/s, target: notify.invokeAsync }',
  ].join('\n'),
  'q.yaml',
);
const result = simulate(scenario);
const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };

describe('the files of a run with queues', () => {
  const files = sweepOutputFiles(scenario, [record]);

  it('add queues.csv and queue_metrics.csv after the functions’ files, before the bill', () => {
    expect(Object.keys(files).slice(-3)).toEqual(['queues.csv', 'queue_metrics.csv', 'cost.csv']);
  });

  it('queues.csv has a row per queue, the asynchronous queue as lambda-async', () => {
    const [header, ...rows] = files['queues.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,queue,kind,messages_sent,messages_received,messages_deleted,dead_lettered,expired,peak_backlog,oldest_age_max_s,drain_time_s,backlog_at_end',
    );
    expect(rows.map((row) => row.split(',').slice(3, 5).join(' '))).toEqual([
      'jobs sqs',
      'notify lambda-async',
    ]);
  });

  it('queue_metrics.csv has a row per queue and minute, each kind under its own CloudWatch names', () => {
    const [header, ...rows] = files['queue_metrics.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,queue,kind,minute_start_s,NumberOfMessagesSent,NumberOfMessagesReceived,NumberOfMessagesDeleted,ApproximateNumberOfMessagesVisible_Maximum,ApproximateNumberOfMessagesNotVisible_Maximum,ApproximateAgeOfOldestMessage_Maximum_s,AsyncEventsReceived,AsyncEventAge_Average_ms,AsyncEventAge_Maximum_ms,AsyncEventsDropped',
    );
    const cells = rows.map((row) => row.split(','));
    expect(cells.map((c) => `${c[3]} ${c[5]}`)).toEqual([
      'jobs 0',
      'jobs 60',
      'notify 0',
      'notify 60',
    ]);
    // An sqs row leaves the async names empty, and the other way round.
    expect(cells[0]!.slice(12)).toEqual(['', '', '', '']);
    expect(cells[2]!.slice(6, 12)).toEqual(['', '', '', '', '', '']);
    const sent = cells.slice(0, 2).reduce((sum, c) => sum + Number(c[6]), 0);
    expect(sent).toBe(result.queues!.queues[0]!.messagesSent);
  });

  it('survive a run file (resume and merge write the same outputs)', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(record)));
    expect(sweepOutputFiles(scenario, [parsed])['queues.csv']).toBe(files['queues.csv']);
    expect(sweepOutputFiles(scenario, [parsed])['queue_metrics.csv']).toBe(
      files['queue_metrics.csv'],
    );
  });

  it('are absent from a run without queues', () => {
    const plain = parseScenario(
      'name: p\nservices: { a: { endpoints: { e: {} } } }\nworkload: [{ name: w, arrivals: poisson, rate: 1/s, target: a.e }]',
    );
    const plainRecord = { ...record, result: simulate(plain) };
    expect(plainRecord.result.queues).toBeUndefined();
    expect(Object.keys(sweepOutputFiles(plain, [plainRecord]))).not.toContain('queues.csv');
  });
});
