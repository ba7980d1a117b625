import { describe, expect, it } from 'vitest';
import { podSeriesRows } from '../../src/metrics/ledger/pod-series.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * A static run's ledgers: every pod Ready and every node present through the measured
 * window, so the ledgers must say what the existing figures say, in other units.
 */
describe('the ledgers of a static run', () => {
  const result = simulate(loadScenario('warmup'));
  const measuredSeconds = (result.durationMs - result.warmupMs) / 1000;

  it('count each pod Ready for the whole measured period [warmup, duration), and nothing else', () => {
    expect(result.ledger.pods).toHaveLength(1);
    const [pod] = result.ledger.pods;
    expect(pod!.phaseSeconds).toEqual({
      Pending: 0,
      Scheduled: 0,
      PullingImage: 0,
      Starting: 0,
      Running: 0,
      Ready: 15,
      Terminating: 0,
    });
    expect(pod!.version).toBe('v1');
    expect(pod!.goneMs).toBeNull();
  });

  it('give the CPU the utilization figures give, in core-seconds, and the HPA ratio', () => {
    const [pod] = result.ledger.pods;
    const [podMetrics] = result.pods;
    expect(pod!.cpuCoreSecondsUsed).toBeCloseTo(podMetrics!.coresUsed * measuredSeconds, 9);
    // The default request is 1 core: 1 core × 15 s.
    expect(pod!.cpuCoreSecondsRequested).toBe(15);
    expect(pod!.cpuRequestUtilization).toBeCloseTo(podMetrics!.requestUtilization!, 9);
    const [service] = result.services;
    expect(service!.ledger.cpuCoreSecondsUsed).toBe(pod!.cpuCoreSecondsUsed);
    expect(service!.ledger.podPhaseSeconds.Ready).toBe(15);
  });

  it('bill each node the measured period, and the cost is the sum of the node lines', () => {
    for (const node of result.ledger.nodes) {
      expect(node.nodeSeconds).toBe(measuredSeconds);
      expect(node.billedSeconds).toBe(measuredSeconds);
    }
    const lines = result.ledger.nodes.reduce((sum, node) => sum + node.costUsd, 0);
    expect(result.cost.nodeUsd).toBe(lines);
  });

  it('keep one census per scope, the same in every window', () => {
    expect(result.podSeries).toEqual([
      { startMs: 0, scope: 'total', pods: [{ version: 'v1', phase: 'Ready', pods: 1 }] },
      { startMs: 0, scope: 'api', pods: [{ version: 'v1', phase: 'Ready', pods: 1 }] },
    ]);
    const windows = [...timeSeriesRows(result.timeseries)];
    const rows = [...podSeriesRows(windows, result.podSeries)];
    expect(rows).toHaveLength(windows.length);
    expect(rows.every((row) => row.pods === 1 && row.phase === 'Ready')).toBe(true);
  });
});

describe('the ledgers of pods that fit nowhere', () => {
  it('leave an unscheduled pod out of the ledgers: it has no pod object (it is Pending in pods)', () => {
    const result = simulate(loadScenario('scheduler-pending'));
    expect(result.ledger.pods).toHaveLength(2);
    expect(result.pods.filter((pod) => pod.phase === 'Pending')).toHaveLength(1);
    for (const node of result.ledger.nodes) {
      expect(node.cpuCoreSecondsRequested).toBeCloseTo(1.5 * 5, 12);
    }
  });
});
