import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';

/** A scenario with function `worker` and the given queues (and function extras). */
function yaml(queues: string, fn = ''): string {
  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
  return [
    'name: q',
    'services: {}',
    'functions:',
    '  worker:',
    '    handler: { cpu: 1ms }',
    ...(fn === '' ? [] : [indent(indent(fn))]),
    'queues:',
    indent(queues),
    'workload:',
    '  - name: w',
    '    arrivals: poisson',
    '    rate: 1/s',
    '    target: jobs.send',
  ].join('\n');
}

function errorOf(queues: string, fn = ''): string {
  try {
    parseScenario(yaml(queues, fn), 'q.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('queues in a scenario', () => {
  it("take SQS's and Lambda's defaults", () => {
    const scenario = parseScenario(yaml('jobs:\n  trigger: { function: worker }'));
    const jobs = scenario.queues!.jobs!;
    expect(jobs.visibilityTimeout).toBe(30_000);
    expect(jobs.messageRetention).toBe(4 * 86_400_000);
    expect(jobs.trigger).toMatchObject({
      batchSize: 10,
      maximumBatchingWindow: 0,
      reportBatchItemFailures: false,
      messageErrorRate: 0,
    });
    expect(jobs.trigger!.maximumConcurrency).toBeUndefined();
  });

  it('refuse values outside AWS bounds, naming the file, line and field', () => {
    expect(errorOf('jobs:\n  visibilityTimeout: 13h')).toBe(
      "q.yaml:8:24: queues.jobs.visibilityTimeout: must be between 0s and 12h (SQS's VisibilityTimeout)",
    );
    expect(errorOf('jobs:\n  messageRetention: 30s')).toMatch(
      /queues\.jobs\.messageRetention: must be between 1m and 14d/,
    );
    expect(errorOf('jobs:\n  trigger: { function: worker, batchSize: 10001 }')).toMatch(
      /queues\.jobs\.trigger\.batchSize: must be at most 10000/,
    );
    expect(errorOf('jobs:\n  trigger: { function: worker, maximumConcurrency: 1 }')).toMatch(
      /queues\.jobs\.trigger\.maximumConcurrency: must be at least 2 \(Lambda's least\)/,
    );
    expect(errorOf('jobs:\n  trigger: { function: worker, maximumBatchingWindow: 301s }')).toMatch(
      /maximumBatchingWindow: must be between 0s and 5m/,
    );
    expect(
      errorOf('jobs:\n  redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 0 }\ndlq: {}'),
    ).toMatch(/queues\.jobs\.redrivePolicy\.maxReceiveCount: must be at least 1/);
  });

  it('refuse a batch above 10 without a batching window of at least 1s', () => {
    expect(errorOf('jobs:\n  trigger: { function: worker, batchSize: 100 }')).toMatch(
      /queues\.jobs\.trigger\.batchSize: above 10 needs maximumBatchingWindow of at least 1s/,
    );
    expect(
      errorOf('jobs:\n  trigger: { function: worker, batchSize: 100, maximumBatchingWindow: 1s }'),
    ).toBe('no error');
  });

  it("refuse a visibility timeout shorter than the function's timeout, as Lambda does", () => {
    expect(errorOf('jobs:\n  visibilityTimeout: 2s\n  trigger: { function: worker }')).toMatch(
      /queues\.jobs\.visibilityTimeout: must be at least the timeout of function "worker" \(3s\)/,
    );
  });

  it('refuse unknown functions and queues, with a suggestion', () => {
    expect(errorOf('jobs:\n  trigger: { function: worker2 }')).toMatch(
      /queues\.jobs\.trigger\.function: unknown function "worker2"/,
    );
    expect(
      errorOf(
        'jobs:\n  redrivePolicy: { deadLetterQueue: jobs-dql, maxReceiveCount: 3 }\njobs-dlq: {}',
      ),
    ).toMatch(/unknown queue "jobs-dql".*jobs-dlq/);
    expect(
      errorOf('jobs:\n  redrivePolicy: { deadLetterQueue: jobs, maxReceiveCount: 3 }'),
    ).toMatch(/a queue cannot be its own dead-letter queue/);
    expect(errorOf('jobs: {}', 'async: { onFailure: nowhere }')).toMatch(
      /functions\.worker\.async\.onFailure: unknown queue "nowhere"/,
    );
  });

  it('are called as queue.send only', () => {
    const text = yaml('jobs: {}').replace('target: jobs.send', 'target: jobs.put');
    expect(() => parseScenario(text, 'q.yaml')).toThrow(
      /queue "jobs" has one endpoint, send: call it as "jobs.send"/,
    );
  });

  it("refuse asynchronous settings outside Lambda's bounds", () => {
    expect(errorOf('jobs: {}', 'async: { maximumRetryAttempts: 3 }')).toMatch(
      /functions\.worker\.async\.maximumRetryAttempts: must be at most 2 \(Lambda's most\)/,
    );
    expect(errorOf('jobs: {}', 'async: { maximumEventAge: 7h }')).toMatch(
      /maximumEventAge: must be between 60s and 6h/,
    );
  });
});
