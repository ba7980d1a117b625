import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import { CallStats } from '../../src/metrics/call-stats.js';
import type { FailureCause } from '../../src/metrics/run-result.js';
import { DistributionCache } from '../../src/model/distribution-cache.js';
import { Network } from '../../src/model/network.js';
import { Request } from '../../src/model/request.js';
import { buildTopology } from '../../src/model/topology.js';
import { Traffic } from '../../src/model/traffic.js';
import { Transfers } from '../../src/model/transfers.js';
import { loadScenario } from '../support/scenario-files.js';

interface Outcome {
  startedAt: number;
  endedAt: number;
  failure: FailureCause | undefined;
}

/**
 * The fixture's frontend pod sends a request every 10 ms from t = 0 to 6 s; each makes one
 * call to backend, sent 1 ms later. backend-0 leaves the EndpointSlice at t = 2 s (as the
 * lifecycle will do when a pod goes); the frontend's view learns it at 4 s.
 */
function runWithRemoval() {
  const scenario = loadScenario('endpoint-propagation');
  const sim = new Simulation();
  const distributions = new DistributionCache();
  let traffic: Traffic | undefined;
  const topology = buildTopology(
    scenario,
    new RandomStreams(scenario.seed),
    distributions,
    sim,
    (call) => traffic!.cpuDone(call),
  );
  const net = scenario.cluster.network;
  const network = new Network(
    distributions.get(net.sameZone),
    distributions.get(net.crossZone),
    distributions.get(net.ingress),
  );
  const outcomes: Outcome[] = [];
  traffic = new Traffic(
    sim,
    network,
    new CallStats({ windowLatency: false }),
    (request, failure) =>
      outcomes.push({ startedAt: request.startedAt, endedAt: sim.now, failure }),
    new Transfers(),
  );
  const backend = topology.services.get('backend')!;
  const gone = backend.pods[0]!;
  const entry = topology.entryTarget('frontend', 'get');
  for (let t = 0; t < 6000; t += 10)
    sim.scheduleAt(
      t,
      () => traffic.startRequest(new Request(t, true, undefined), entry, undefined),
      0,
    );
  let servedBeforeRemoval = 0;
  sim.scheduleAt(
    2000,
    () => {
      servedBeforeRemoval = gone.served;
      backend.endpointSlice.remove(gone);
    },
    0,
    -1,
  );
  let sentToGoneByViewUpdate = 0;
  sim.scheduleAt(4000.5, () => (sentToGoneByViewUpdate = gone.served), 0);
  sim.run({ until: 10_000 });
  return {
    outcomes,
    gone,
    servedBeforeRemoval,
    sentToGoneByViewUpdate,
    frontend: topology.services.get('frontend')!,
  };
}

describe('endpoint propagation: a caller routes by its own view, which lags the slice', () => {
  const { outcomes, gone, servedBeforeRemoval, sentToGoneByViewUpdate } = runWithRemoval();
  const failed = outcomes.filter((o) => o.failure !== undefined);

  it('every request ends, and only those whose call went out while the view lagged can fail', () => {
    expect(outcomes).toHaveLength(600);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) {
      expect(o.failure).toBe('connect_failure');
      // calls sent at t + 1 ms in [2 s, 4 s): requests started in [1999, 3999) ms
      expect(o.startedAt).toBeGreaterThanOrEqual(1999);
      expect(o.startedAt).toBeLessThan(3999);
    }
  });

  it('round-robin over a view of 3 pods sends a third of the lagging calls to the gone pod', () => {
    // 200 calls go out in [2 s, 4 s); every third one is backend-0's turn.
    expect([66, 67]).toContain(failed.length);
  });

  it("a refused connect fails after its round trip: 1 + 2 + 1 ms after the request's start", () => {
    for (const o of failed) expect(o.endedAt - o.startedAt).toBeCloseTo(4, 9);
  });

  it('the gone pod served its share until removed, and nothing after', () => {
    expect(servedBeforeRemoval).toBeGreaterThan(60);
    expect(sentToGoneByViewUpdate).toBe(servedBeforeRemoval);
    expect(gone.served).toBe(servedBeforeRemoval);
  });

  it('after the view updates, no call fails', () => {
    expect(outcomes.filter((o) => o.startedAt >= 3999 && o.failure !== undefined)).toEqual([]);
  });
});
