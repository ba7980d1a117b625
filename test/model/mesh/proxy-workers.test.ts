import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../../src/engine/distributions/create.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { CfsNodeCpu } from '../../../src/model/cpu/cfs-node-cpu.js';
import type { CpuBurst } from '../../../src/model/cpu/cpu-scheduler.js';
import { Hop, MeshProxy, type ProxySettings } from '../../../src/model/mesh/proxy/proxy.js';
import type { Attempt } from '../../../src/model/traffic/attempt.js';

const constant = (value: number) => createDistribution({ kind: 'constant', value });

function settings(workers: number, cpuRequest: number): ProxySettings {
  return {
    kind: 'sidecar',
    container: 'istio-proxy',
    workers,
    requestCpu: constant(1),
    responseCpu: constant(1),
    telemetryCpu: constant(5),
    handshakeCpu: constant(2),
    cpuRequest,
    cpuLimit: undefined,
    memoryRequest: 0,
    memoryUsed: 0,
  };
}

/** A hop for an attempt that only carries a label: the proxy never looks inside it. */
const hop = (label: string) => new Hop({ label } as unknown as Attempt, 0, undefined);
const labelOf = (h: Hop) => (h.attempt as unknown as { label: string }).label;

/** A proxy on a node of its own with `cores` cores; records when each hop leaves it. */
function proxyOn(sim: Simulation, cores: number, workers: number) {
  const node = new CfsNodeCpu(sim, cores, 100, () => {});
  const proxy = new MeshProxy(
    'p/istio-proxy',
    'p',
    settings(workers, 0.1),
    () => 0.5,
    (done) => node.addPod(0.1, undefined, done),
  );
  const left: Record<string, number> = {};
  const record = (h: Hop) => {
    left[labelOf(h)] = sim.now;
  };
  return { node, proxy, left, record };
}

describe('a proxy worker records telemetry after the response has left', () => {
  it('the response is not delayed by its telemetry; the next request on that worker is', () => {
    // One worker: the response takes 1 ms of CPU and leaves at 1; its 5 ms of telemetry then
    // keeps the worker busy until 6; a request that came at 0.5 runs from 6 to 7.
    const sim = new Simulation();
    const { proxy, left, record } = proxyOn(sim, 4, 1);
    proxy.respond(hop('response'), record);
    sim.schedule(0.5, () => proxy.forward(hop('request'), record), undefined);
    sim.run();
    expect(left.response).toBeCloseTo(1, 9);
    expect(left.request).toBeCloseTo(7, 9);
  });

  it('with a second worker free, the next request does not wait for the telemetry', () => {
    const sim = new Simulation();
    const { proxy, left, record } = proxyOn(sim, 4, 2);
    proxy.respond(hop('response'), record);
    sim.schedule(0.5, () => proxy.forward(hop('request'), record), undefined);
    sim.run();
    expect(left.response).toBeCloseTo(1, 9);
    expect(left.request).toBeCloseTo(1.5, 9);
  });

  it('work beyond its workers waits first come, first served', () => {
    const sim = new Simulation();
    const { proxy, left, record } = proxyOn(sim, 4, 2);
    for (const label of ['a', 'b', 'c', 'd']) proxy.forward(hop(label), record);
    sim.run();
    expect([left.a, left.b, left.c, left.d]).toEqual([1, 1, 2, 2]);
    expect(proxy.requests).toBe(4);
  });
});

describe("a proxy container competes for its node's CPU under CFS with its own weight", () => {
  it('beside a busy application container requesting 900m, a 100m proxy gets a tenth of a core', () => {
    // 1 core; weights from the requests: 921 (900m) and 102 (100m). The application's
    // 100 ms burst keeps the core contended, so the proxy's 1 ms of work runs at
    // 102 / 1023 of a core: it takes 1023 / 102 = 10.03 ms.
    const sim = new Simulation();
    const { node, proxy, left, record } = proxyOn(sim, 1, 2);
    const app = node.addPod(0.9, undefined, () => {});
    app.run({ phase: 0 } satisfies CpuBurst as unknown as Attempt, 100);
    proxy.forward(hop('request'), record);
    sim.run();
    expect(left.request).toBeCloseTo(1023 / 102, 6);
  });

  it('its CPU use shows in its own busy-core integral, not the application’s', () => {
    const sim = new Simulation();
    const { node, proxy, record } = proxyOn(sim, 2, 2);
    const app = node.addPod(0.9, undefined, () => {});
    proxy.forward(hop('a'), record);
    proxy.respond(hop('b'), record);
    sim.run();
    // 1 ms for the request, 1 ms for the response and 5 ms of telemetry.
    expect(proxy.busyCores.areaAt(sim.now)).toBeCloseTo(7, 9);
    expect(app.busyCores.areaAt(sim.now)).toBe(0);
  });
});

describe('a TLS handshake', () => {
  it('takes CPU on one of the proxy’s workers and says how long', () => {
    const sim = new Simulation();
    const { proxy } = proxyOn(sim, 2, 1);
    expect(proxy.handshake()).toBe(2);
    sim.run();
    expect(proxy.handshakes).toBe(1);
    expect(proxy.busyCores.areaAt(sim.now)).toBeCloseTo(2, 9);
  });
});
