import { describe, expect, it } from 'vitest';
import { ConstantDistribution } from '../../src/engine/distributions/constant.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import { EndpointSlice, READY } from '../../src/model/cluster/endpoint-slice.js';
import type { PodCpu } from '../../src/model/cpu/cpu-scheduler.js';
import { Pod } from '../../src/model/pod.js';
import type { Attempt } from '../../src/model/traffic/attempt.js';
import { type ClientSettings, ServiceClients } from '../../src/model/traffic/clients.js';

const settings: ClientSettings = {
  policy: 'round-robin',
  zoneAwareRouting: false,
  connections: undefined,
  kubeProxyMode: 'iptables',
  propagation: new ConstantDistribution({ kind: 'constant', value: 1 }),
};

function pod(name: string): Pod {
  return new Pod(name, 'svc', 'node-0', 'zone-a', 1, 10, {} as PodCpu, 1, undefined);
}

/** An attempt of a call made by `caller` (undefined: a client outside the cluster). */
function from(caller: Pod | undefined): Attempt {
  return { call: { parent: caller === undefined ? undefined : { pod: caller } } } as Attempt;
}

function clientsOf(index: number, name: string, sim: Simulation): ServiceClients {
  const slice = new EndpointSlice();
  slice.set(pod(`${name}-0`), READY);
  return new ServiceClients(index, name, slice, settings, new RandomStreams(1), sim);
}

describe('ServiceClients: one client per caller pod, kept on the pod', () => {
  it('gives a caller the same client on every call, and each caller and the ingress its own', () => {
    const clients = clientsOf(0, 'api', new Simulation());
    const [a, b] = [pod('a'), pod('b')];
    const ofA = clients.of(from(a));
    expect(clients.of(from(a))).toBe(ofA);
    expect(clients.of(from(b))).not.toBe(ofA);
    const ingress = clients.of(from(undefined));
    expect(clients.of(from(undefined))).toBe(ingress);
    expect(clients.size).toBe(3);
  });

  it('keeps the clients of two services apart on the same caller pod', () => {
    const sim = new Simulation();
    const [api, db] = [clientsOf(2, 'api', sim), clientsOf(0, 'db', sim)];
    const caller = pod('caller');
    const toApi = api.of(from(caller));
    const toDb = db.of(from(caller));
    expect(toDb).not.toBe(toApi);
    expect(api.of(from(caller))).toBe(toApi);
    expect(db.of(from(caller))).toBe(toDb);
    expect(caller.clients).toEqual([toDb, undefined, toApi]);
  });
});
