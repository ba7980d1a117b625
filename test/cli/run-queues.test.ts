import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim } from './run-cli.js';

const QUEUE_SCENARIO = `name: q
duration: 10s
services: {}
functions:
  worker: { handler: { wait: 100ms } }
queues:
  jobs: { trigger: { function: worker } }
workload:
  - { name: w, arrivals: poisson, rate: 20/s, target: jobs.send }
`;

describe('msasim run with a queue', () => {
  it('prints the queues in its summary and writes queues.csv and queue_metrics.csv to --out', () => {
    const dir = folderWith({ 'q.yaml': QUEUE_SCENARIO });
    const { status, stdout, stderr } = msasim(['run', 'q.yaml', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(
      'Queues (whole run; backlog: messages waiting; drain: from its peak to none waiting)',
    );
    expect(stdout).toMatch(/\n {2}jobs +sqs +\d+/);
    expect(readdirSync(join(dir, 'out'))).toEqual(
      expect.arrayContaining(['queues.csv', 'queue_metrics.csv', 'result.json']),
    );
  });

  it('refuses a batch above 10 without a batching window, naming the field, exit 2', () => {
    const bad = QUEUE_SCENARIO.replace('function: worker }', 'function: worker, batchSize: 50 }');
    const { status, stderr } = msasim(['run', 'q.yaml'], folderWith({ 'q.yaml': bad }));
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(
      "q.yaml:7:51: queues.jobs.trigger.batchSize: above 10 needs maximumBatchingWindow of at least 1s (Lambda's rule)",
    );
  });

  it('explain shows the queue, its mapping, and the function that reads it later in the call graph', () => {
    const { status, stdout } = msasim(
      ['explain', 'q.yaml'],
      folderWith({ 'q.yaml': QUEUE_SCENARIO }),
    );
    expect(status).toBe(0);
    expect(stdout).toContain(
      '  jobs: visibility timeout 30s, retention 4d, SendMessage lognormal(median=10ms, p99=40ms); no dead-letter queue\n    → worker in batches of up to 10, 5 at once, +300 a minute while messages wait, at most 1000',
    );
    expect(stdout).toContain(
      '  jobs.send  [SendMessage; worker reads it later]\n  └─ 1. worker.invoke  [function, 1024 MB]',
    );
  });
});
