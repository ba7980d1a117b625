import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Worker slots: with holdWorkerWhileWaiting a request keeps its worker while it waits on
 * downstream calls (thread-per-request); without, only while it uses the CPU. Constant
 * times and evenly spaced requests make every number exact.
 */

const frontWorkers = (result: ReturnType<typeof simulate>) =>
  result.services.find((s) => s.service === 'front')!.workerUtilization;

describe('worker slots', () => {
  it('a worker held while waiting on a downstream call turns away the next request', () => {
    const result = simulate(loadScenario('hold-worker-true'));
    // Arrivals every 20 ms at 0, 20, ..., 1980; each holds front's only worker for
    // 2 + 25 = 27 ms, so the ones at 20, 60, 100, ... find it busy and no queue room.
    expect(result.requests.total).toBe(100);
    expect(result.requests.byCause.overflow).toBe(50);
    expect(result.latency.maxMs).toBe(27);
    expect(result.latency.meanMs).toBe(27);
    // Busy 27 ms for each of the 50 admitted requests over 2000 ms.
    expect(frontWorkers(result)).toBeCloseTo((50 * 27) / 2000, 12);
  });

  it('a worker released after the CPU burst serves every request', () => {
    const result = simulate(loadScenario('hold-worker-false'));
    expect(result.requests.succeeded).toBe(100);
    expect(result.latency.maxMs).toBe(27);
    // Busy only for front's own 2 ms of CPU per request.
    expect(frontWorkers(result)).toBeCloseTo((100 * 2) / 2000, 12);
  });
});
