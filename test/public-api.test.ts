import { describe, expect, it } from 'vitest';
import * as msasim from '../src/index.js';

/** The library's deliberate surface: adding or removing an export is a decision, not an accident. */
describe('the msasim package entry point', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(msasim).sort()).toEqual([
      'EventBudgetExceededError',
      'FAILURE_CAUSES',
      'FAILURE_CAUSE_REGISTRY',
      'MAX_PRIORITY',
      'MIN_PRIORITY',
      'RandomStreams',
      'ScenarioError',
      'ScenarioFileError',
      'Simulation',
      'SweepInterruptedError',
      'SweepRunError',
      'WorkLimitError',
      'createDistribution',
      'createStream',
      'describeDistribution',
      'loadScenarioFile',
      'parseScenario',
      'podSeriesRows',
      'runScenario',
      'runSweep',
      'simulate',
      'startProcess',
      'summarize',
      'timeSeriesRows',
      'writeSweepOutputs',
    ]);
  });

  it('runs a sweep from a scenario document with common random numbers across variants', async () => {
    const document = {
      name: 'api',
      duration: '5s',
      services: { api: { endpoints: { get: { cpu: 'exponential(mean=2ms)' } } } },
      workload: [{ name: 'users', arrivals: 'poisson', rate: '100/s', target: 'api.get' }],
      sweep: { replications: 2, variants: { one: {}, two: { 'services.api.replicas': 2 } } },
    };
    const records = await msasim.runSweep(document, { workers: 1 });
    expect(records.map((r) => [r.runId, r.variant, r.replication])).toEqual([
      [0, 'one', 0],
      [1, 'one', 1],
      [2, 'two', 0],
      [3, 'two', 1],
    ]);
    // Same replication, same seed: the variants see the same arrivals.
    expect(records[0]!.seed).toBe(records[2]!.seed);
    expect(records[0]!.result.requests.total).toBe(records[2]!.result.requests.total);
    expect(records[0]!.seed).not.toBe(records[1]!.seed);
  });
});
