import { RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import { CallStats } from '../../src/metrics/call-stats.js';
import type { FailureCause } from '../../src/metrics/run-result.js';
import { DistributionCache } from '../../src/model/distribution-cache.js';
import {
  anyCallerAppliesPolicies,
  policyOfCall,
} from '../../src/model/mesh/resilience/caller-policies.js';
import { Network } from '../../src/model/network.js';
import { Request } from '../../src/model/request.js';
import { buildTopology, type Topology } from '../../src/model/topology.js';
import type { RetryDecision } from '../../src/model/traffic/retry-decision.js';
import { Traffic } from '../../src/model/traffic.js';
import { Transfers } from '../../src/model/transfers.js';
import { parseScenario } from '../../src/scenario/index.js';

/** How one request ended, as the client saw it. */
export interface Ending {
  request: Request;
  failure: FailureCause | undefined;
  atMs: number;
}

/**
 * The request path of a scenario on its own, without workloads: the test sends requests
 * at the times it chooses (`send`), with a retry decision of its own, and runs the
 * simulation until nothing is left to do. Every request it sends is measured.
 */
export function trafficHarness(yaml: string, retry?: RetryDecision) {
  const scenario = parseScenario(yaml, 'harness.yaml');
  const sim = new Simulation();
  const distributions = new DistributionCache();
  let traffic: Traffic | undefined;
  const topology: Topology = buildTopology(
    scenario,
    new RandomStreams(scenario.seed),
    distributions,
    sim,
    (attempt) => traffic!.cpuDone(attempt),
  );
  const net = scenario.cluster.network;
  const endings: Ending[] = [];
  traffic = new Traffic(
    sim,
    new Network(
      distributions.get(net.sameZone),
      distributions.get(net.crossZone),
      distributions.get(net.ingress),
    ),
    new CallStats({ windowLatency: false }),
    (request, failure) => endings.push({ request, failure, atMs: sim.now }),
    new Transfers(),
    retry,
    anyCallerAppliesPolicies(scenario) ? policyOfCall : undefined,
  );
  for (const service of topology.services.values())
    if (service.clients !== undefined)
      service.clients.resetStream = (attempt) => traffic!.cutCall(attempt);
  const requests: Request[] = [];
  return {
    sim,
    topology,
    traffic,
    endings,
    requests,
    /** A request to `service.endpoint` at `atMs`, with the end client's timeout if given. */
    send(atMs: number, ref: string, timeoutMs?: number): void {
      const [service, endpoint] = ref.split('.') as [string, string];
      const start = () => {
        const request = new Request(sim.now, true, undefined);
        requests.push(request);
        traffic!.startRequest(request, topology.entryTarget(service, endpoint), timeoutMs);
      };
      sim.scheduleAt(atMs, start, undefined);
    },
    pod(service: string, index = 0) {
      return topology.services.get(service)!.pods[index]!;
    },
    edge(from: string, to: string) {
      return topology.edges.get(`${from}>${to}`)!;
    },
  };
}
