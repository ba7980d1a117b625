import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { callGraphSizes } from '../../src/scenario/call-graph-size.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';
import { estimateWork } from '../../src/scenario/work-estimate.js';

function scenario(queue: string, fn = '', rate = '20/s'): Scenario {
  return parseScenario(
    [
      'name: w',
      'duration: 1m',
      'services:',
      '  db: { endpoints: { put: {} } }',
      'functions:',
      '  worker:',
      '    handler: { wait: 50ms }',
      '    calls: [db.put]',
      ...(fn === '' ? [] : [`    ${fn}`]),
      'queues:',
      '  jobs:',
      ...queue.split('\n').map((line) => `    ${line}`),
      '  dlq: {}',
      'workload:',
      '  - { name: w, arrivals: poisson, rate: ' + rate + ', target: jobs.send }',
    ].join('\n'),
    'w.yaml',
  );
}

describe('the work estimate of a queue', () => {
  it('counts the send and, per message, an invocation of the trigger with its calls', () => {
    const sizes = callGraphSizes(scenario('trigger: { function: worker }'));
    // send (1) + worker.invoke (1) + db.put (1)
    expect(sizes.get('jobs.send')).toEqual({ expected: 3, worst: 3 });
  });

  it('counts a full batch per invocation when there is a batching window', () => {
    const sizes = callGraphSizes(
      scenario('trigger: { function: worker, batchSize: 100, maximumBatchingWindow: 1s }'),
    );
    expect(sizes.get('jobs.send')!.expected).toBeCloseTo(1 + 2 / 100, 9);
  });

  it('counts every receive the redrive policy allows when the handler always fails', () => {
    const sizes = callGraphSizes(
      scenario(
        'redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 5 }\ntrigger: { function: worker }',
        'errorRate: 100%',
      ),
    );
    expect(sizes.get('jobs.send')).toEqual({ expected: 1 + 5 * 2, worst: 1 + 5 * 2 });
  });

  it('counts the tries of an asynchronous invocation', () => {
    const s = parseScenario(
      [
        'name: w',
        'services: {}',
        'functions:',
        '  worker: { handler: { wait: 1ms }, errorRate: 100%, async: { maximumRetryAttempts: 1 } }',
        'workload:',
        '  - { name: w, arrivals: poisson, rate: 1/s, target: worker.invokeAsync }',
      ].join('\n'),
      'w.yaml',
    );
    expect(callGraphSizes(s).get('worker.invokeAsync')).toEqual({ expected: 3, worst: 3 });
  });

  it('is of the order of the events the run processes', () => {
    const s = scenario('trigger: { function: worker }');
    const estimated = estimateWork(s).totalEvents;
    const events = simulate(s).events;
    expect(estimated).toBeGreaterThan(events / 2);
    expect(estimated).toBeLessThan(events * 2);
  });
});
