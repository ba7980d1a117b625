import { describe, expect, it } from 'vitest';
import { ALIVE_PHASES } from '../../src/metrics/ledger/alive-phases.js';
import { ClusterLedger } from '../../src/metrics/ledger/cluster-ledger.js';
import { POD_PHASES } from '../../src/model/cluster/lifecycle-listener.js';
import { BILLING_RULES, billNodes } from '../../src/model/cost/node-billing.js';
import { computeCost } from '../../src/model/cost.js';
import { fakeNode, fakePod } from './ledger-support.js';

const NO_BYTES = { bytes: 0, prices: { out: 0, in: 0 } };
const NO_REQUESTS = { total: 0, succeeded: 0 };

describe('the pod ledger', () => {
  it('lists the model phases a pod spends time in: all but Gone, in the same order', () => {
    expect([...ALIVE_PHASES]).toEqual(POD_PHASES.filter((phase) => phase !== 'Gone'));
  });

  it('counts each phase, the requests held and the CPU used inside [warmup, duration) only', () => {
    // Window [10 s, 200 s). The pod uses half a core from 0 s to its end at 180 s.
    const ledger = new ClusterLedger({ startMs: 10_000, endMs: 200_000 });
    const pod = fakePod('api-0', 'api', 0.5);
    const node = fakeNode('n-0', 3.6);
    ledger.nodeAdded(node, 0);
    pod.busyCores.add(0, 0.5);
    ledger.podCreated(pod, 'Pending', 'v2', 5_000);
    ledger.windowOpened(10_000);
    ledger.podBound(pod, node, 12_000);
    const steps: [string, number][] = [
      ['Scheduled', 12_000],
      ['PullingImage', 14_000],
      ['Starting', 20_000],
      ['Running', 21_000],
      ['Ready', 25_000],
      ['Terminating', 150_000],
      ['Gone', 180_000],
    ];
    for (const [phase, at] of steps) ledger.podPhaseChanged(pod, phase, at);
    pod.busyCores.add(180_000, -0.5);
    ledger.windowClosed(200_000);
    const [row] = ledger.podRows();
    // Pending from 5 s, cut at the window's start: 10 s → 12 s.
    expect(row!.phaseSeconds).toEqual({
      Pending: 2,
      Scheduled: 2,
      PullingImage: 6,
      Starting: 1,
      Running: 4,
      Ready: 125,
      Terminating: 30,
    });
    expect(row!.version).toBe('v2');
    expect(row!.node).toBe('n-0');
    expect(row!.goneMs).toBe(180_000);
    // Requested: 0.5 core × (180 − 12) s bound; used: 0.5 core × (180 − 10) s in the window.
    expect(row!.cpuCoreSecondsRequested).toBe(84);
    expect(row!.cpuCoreSecondsUsed).toBe(85);
    expect(row!.cpuRequestUtilization).toBeCloseTo(85 / 84, 12);
    const [nodeRow] = ledger.nodeRows(ledger.podRows());
    // On the node, the pod's phases from binding (Pending counts on no node).
    expect(nodeRow!.podPhaseSeconds.Pending).toBe(0);
    expect(nodeRow!.podPhaseSeconds.Ready).toBe(125);
    expect(nodeRow!.nodeSeconds).toBe(190);
    expect(nodeRow!.cpuCoreSecondsAllocatable).toBe(380);
    expect(nodeRow!.cpuCoreSecondsRequested).toBe(84);
  });

  it('counts a pod alive after duration until duration, and one gone before warmup not at all', () => {
    const ledger = new ClusterLedger({ startMs: 10_000, endMs: 20_000 });
    const early = fakePod('a-0', 'a', 1);
    const late = fakePod('a-1', 'a', 1);
    ledger.podCreated(early, 'Ready', 'v1', 0);
    ledger.podCreated(late, 'Ready', 'v1', 15_000);
    ledger.podPhaseChanged(early, 'Gone', 8_000);
    ledger.windowOpened(10_000);
    ledger.windowClosed(20_000);
    const [earlyRow, lateRow] = ledger.podRows();
    expect(earlyRow!.phaseSeconds.Ready).toBe(0);
    expect(lateRow!.phaseSeconds.Ready).toBe(5);
    expect(ledger.serviceLedgers(ledger.podRows()).get('a')!.podPhaseSeconds.Ready).toBe(5);
  });

  it('counts pods by version and phase as they are now, for the time series', () => {
    const ledger = new ClusterLedger({ startMs: 0, endMs: 100_000 });
    const pods = [0, 1, 2].map((i) => fakePod(`api-${i}`, 'api', 0.1));
    for (const pod of pods) ledger.podCreated(pod, 'Ready', 'v1', 0);
    const quiet = ledger.census.of('api');
    expect(ledger.census.of('api')).toBe(quiet);
    const next = fakePod('api-3', 'api', 0.1);
    ledger.podCreated(next, 'Pending', 'v2', 1000);
    ledger.podPhaseChanged(pods[0]!, 'Terminating', 1000);
    expect(ledger.census.of('api')).toEqual([
      { version: 'v1', phase: 'Ready', pods: 2 },
      { version: 'v1', phase: 'Terminating', pods: 1 },
      { version: 'v2', phase: 'Pending', pods: 1 },
    ]);
    ledger.podPhaseChanged(pods[0]!, 'Gone', 2000);
    expect(ledger.census.total()).toEqual([
      { version: 'v1', phase: 'Ready', pods: 2 },
      { version: 'v2', phase: 'Pending', pods: 1 },
    ]);
  });
});

describe('the node bill', () => {
  // 3.60 USD an hour is 0.001 USD a second: a bill in cents reads as seconds.
  const PRICE = 3.6;
  const bill = (addedMs: number, removedMs: number | null, provider: 'eks' | 'aks' | 'none') => {
    const ledger = new ClusterLedger({ startMs: 0, endMs: 300_000 });
    const node = fakeNode('n', PRICE);
    ledger.nodeAdded(node, addedMs);
    if (removedMs !== null) ledger.nodeRemoved(node, removedMs);
    return billNodes(ledger.nodeRows([]), BILLING_RULES[provider], ledger.window)[0]!;
  };

  it('bills a node added at 60 s and removed at 120 s exactly its 60 s: 0.06 USD', () => {
    const line = bill(60_000, 120_000, 'eks');
    expect(line.nodeSeconds).toBe(60);
    expect(line.billedSeconds).toBe(60);
    expect(line.costUsd).toBeCloseTo(0.06, 15);
  });

  it('bills a node of 20 s the EC2 minimum of 60 s (0.06 USD), and 20 s where there is none', () => {
    expect(bill(60_000, 80_000, 'eks').billedSeconds).toBe(60);
    expect(bill(60_000, 80_000, 'eks').costUsd).toBeCloseTo(0.06, 15);
    expect(bill(60_000, 80_000, 'aks').costUsd).toBeCloseTo(0.02, 15);
    expect(bill(60_000, 80_000, 'none').costUsd).toBeCloseTo(0.02, 15);
  });

  it('bills a started second whole: 60.2 s is 61 s (0.061 USD); 60.0000001 s is 60 s', () => {
    expect(bill(60_000, 120_200, 'eks').billedSeconds).toBe(61);
    expect(bill(60_000, 120_200, 'eks').costUsd).toBeCloseTo(0.061, 15);
    expect(bill(60_000, 120_000.0001, 'eks').billedSeconds).toBe(60);
    expect(bill(60_000, 120_200, 'none').billedSeconds).toBeCloseTo(60.2, 12);
  });

  it('bills a node never removed to the end of the window, and the part of a bill inside it', () => {
    expect(bill(100_000, null, 'eks').billedSeconds).toBe(200);
    // Removed at 290 s after 20 s: billed to 330 s, of which 30 s fall before 300 s.
    expect(bill(270_000, 290_000, 'eks').billedSeconds).toBe(30);
  });

  it('adds the node lines and the control plane into the run cost', () => {
    const ledger = new ClusterLedger({ startMs: 0, endMs: 300_000 });
    const short = fakeNode('short', PRICE);
    const whole = fakeNode('whole', PRICE);
    ledger.nodeAdded(whole, 0);
    ledger.nodeAdded(short, 60_000);
    ledger.nodeRemoved(short, 120_000);
    const lines = billNodes(ledger.nodeRows([]), BILLING_RULES.eks, ledger.window);
    const cost = computeCost(lines, 0.1, 300_000, NO_REQUESTS, NO_BYTES);
    // 300 s + 60 s at 0.001 USD/s = 0.36 USD; control plane 0.10 USD/h × 300 s = 0.00833 USD.
    expect(cost.nodeUsd).toBeCloseTo(0.36, 15);
    expect(cost.controlPlaneUsd).toBeCloseTo(0.1 / 12, 15);
    expect(cost.totalUsd).toBe(cost.nodeUsd + cost.controlPlaneUsd);
  });
});
