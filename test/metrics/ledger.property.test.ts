import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALIVE_PHASES } from '../../src/metrics/ledger/alive-phases.js';
import { ClusterLedger } from '../../src/metrics/ledger/cluster-ledger.js';
import { msInWindow } from '../../src/metrics/ledger/measured-window.js';
import { BILLING_RULES, billNodes } from '../../src/model/cost/node-billing.js';
import { computeCost } from '../../src/model/cost.js';
import { fakeNode, fakePod } from './ledger-support.js';

/**
 * The ledgers under generated lifecycles: every pod's phases add up to its life inside the
 * window, nothing is negative, and the nodes' cost is the sum of their lines.
 */
const podLife = fc.record({
  createdMs: fc.integer({ min: 0, max: 50_000 }),
  request: fc.constantFrom(0, 0.1, 0.5, 2),
  cores: fc.constantFrom(0, 0.3, 1),
  steps: fc.array(
    fc.record({
      afterMs: fc.integer({ min: 0, max: 20_000 }),
      phase: fc.constantFrom(...ALIVE_PHASES),
    }),
    { maxLength: 8 },
  ),
  goneAfterMs: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }),
  node: fc.integer({ min: 0, max: 2 }),
});
const nodeLife = fc.record({
  addedMs: fc.integer({ min: 0, max: 100_000 }),
  lifeMs: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
});

describe('the ledgers, over generated lifecycles', () => {
  it("add each pod's phases up to its life in the window, never go negative, and cost the sum of node lines", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 120_000 }),
        fc.array(podLife, { minLength: 1, maxLength: 6 }),
        fc.array(nodeLife, { minLength: 3, maxLength: 3 }),
        fc.constantFrom('eks', 'gke', 'aks', 'none' as const),
        (warmupMs, measuredMs, pods, nodes, provider) => {
          const window = { startMs: warmupMs, endMs: warmupMs + measuredMs };
          const ledger = new ClusterLedger(window);
          const nodeObjects = nodes.map((_, i) => fakeNode(`n-${i}`, 0.5 + i));
          // Events in time order, as a run reports them.
          const events: { at: number; apply: () => void }[] = [];
          nodes.forEach((life, i) => {
            events.push({
              at: life.addedMs,
              apply: () => ledger.nodeAdded(nodeObjects[i]!, life.addedMs),
            });
            if (life.lifeMs !== null) {
              const at = life.addedMs + life.lifeMs;
              events.push({ at, apply: () => ledger.nodeRemoved(nodeObjects[i]!, at) });
            }
          });
          const lives: { createdMs: number; goneMs: number | null }[] = [];
          pods.forEach((life, i) => {
            const pod = fakePod(`p-${i}`, `svc-${i % 2}`, life.request);
            let at = life.createdMs;
            events.push({
              at,
              apply: () => {
                pod.busyCores.add(life.createdMs, life.cores);
                ledger.podCreated(pod, 'Pending', 'v1', life.createdMs);
                ledger.podBound(pod, nodeObjects[life.node]!, life.createdMs);
              },
            });
            for (const step of life.steps) {
              at += step.afterMs;
              const when = at;
              events.push({ at: when, apply: () => ledger.podPhaseChanged(pod, step.phase, when) });
            }
            const goneMs = life.goneAfterMs === null ? null : at + life.goneAfterMs;
            if (goneMs !== null) {
              events.push({
                at: goneMs,
                apply: () => {
                  ledger.podPhaseChanged(pod, 'Gone', goneMs);
                  pod.busyCores.add(goneMs, -life.cores);
                },
              });
            }
            lives.push({ createdMs: life.createdMs, goneMs });
          });
          events.push({ at: window.startMs, apply: () => ledger.windowOpened(window.startMs) });
          events.push({ at: window.endMs, apply: () => ledger.windowClosed(window.endMs) });
          // Stable sort: equal times keep the order they were generated in.
          for (const event of events.sort((a, b) => a.at - b.at)) event.apply();

          const rows = ledger.podRows();
          for (const row of rows) {
            const i = Number(row.pod.slice('p-'.length));
            const life = lives[i]!;
            const inWindow = msInWindow(life.createdMs, life.goneMs ?? Infinity, window) / 1000;
            const phases = Object.values(row.phaseSeconds);
            const total = phases.reduce((a, b) => a + b, 0);
            expect(total).toBeCloseTo(inWindow, 6);
            for (const seconds of phases) expect(seconds).toBeGreaterThanOrEqual(0);
            expect(row.cpuCoreSecondsUsed).toBeGreaterThanOrEqual(-1e-9);
            expect(row.cpuCoreSecondsRequested).toBeGreaterThanOrEqual(0);
            // Used: its cores over its life in the window; requested: request over the same.
            expect(row.cpuCoreSecondsUsed).toBeCloseTo(pods[i]!.cores * inWindow, 6);
            expect(row.cpuCoreSecondsRequested).toBeCloseTo(pods[i]!.request * inWindow, 6);
          }
          const lines = billNodes(ledger.nodeRows(rows), BILLING_RULES[provider], window);
          for (const line of lines) {
            expect(line.nodeSeconds).toBeGreaterThanOrEqual(0);
            expect(line.billedSeconds).toBeGreaterThanOrEqual(line.nodeSeconds - 1e-9);
            expect(line.costUsd).toBeGreaterThanOrEqual(0);
          }
          const cost = computeCost(
            lines,
            0.1,
            measuredMs,
            { total: 0, succeeded: 0 },
            {
              bytes: 0,
              prices: { out: 0, in: 0 },
            },
          );
          expect(cost.nodeUsd).toBe(lines.reduce((sum, line) => sum + line.costUsd, 0));
        },
      ),
    );
  });
});
