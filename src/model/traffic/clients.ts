import type { Distribution } from '../../engine/distributions/distribution.js';
import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { EndpointSlice } from '../cluster/endpoint-slice.js';
import {
  createPodPicker,
  type LoadBalancerPolicy,
  type PodPicker,
  zoneAwarePicker,
} from '../load-balancer.js';
import type { ServiceRoutes } from '../mesh/routing/control-plane.js';
import type { Pod } from '../pod.js';
import type { Attempt } from './attempt.js';
import { Client, type Connections } from './client.js';
import { ConnectionPool, type PoolSettings } from './connection-pool.js';
import { EndpointView } from './endpoint-view.js';

/** How the callers of one service reach it (the service's scenario fields). */
export interface ClientSettings {
  readonly policy: LoadBalancerPolicy;
  readonly zoneAwareRouting: boolean;
  /** undefined: no connection model, every call as a new connection at no cost */
  readonly connections: PoolSettings | undefined;
  /** cluster.endpointPropagation: from a change of the slice to a caller's view */
  readonly propagation: Distribution;
  /**
   * M3: the service's routing (src/model/mesh/routing/), and whether a calling service
   * (undefined: the ingress) applies it; undefined when the service has none
   */
  readonly routing?: {
    readonly routes: ServiceRoutes;
    readonly appliedBy: (caller: string | undefined) => boolean;
  };
}

/**
 * The clients of one callee service: one per caller pod and one for the ingress (all
 * clients outside the cluster share it: one ingress fleet), each made on the caller's first
 * call to the service, so memory grows with the caller pods × callees actually used.
 */
export class ServiceClients {
  private readonly byCaller = new Map<Pod, Client>();
  private ingress: Client | undefined = undefined;
  private readonly propagationNext: () => number;
  private readonly serving: (pod: Pod) => boolean;

  constructor(
    private readonly serviceName: string,
    private readonly slice: EndpointSlice,
    private readonly settings: ClientSettings,
    private readonly streams: RandomStreams,
    private readonly sim: Simulation,
  ) {
    this.propagationNext = streams.stream(`svc:${serviceName}:propagation`).next;
    this.serving = (pod) => slice.get(pod)?.serving === true;
  }

  /** The calling pod's client (the ingress's for a client's request). */
  of(attempt: Attempt): Client {
    const caller = attempt.call.parent?.pod;
    if (caller === undefined) {
      this.ingress ??= this.create('ingress', undefined);
      return this.ingress;
    }
    let client = this.byCaller.get(caller);
    if (client === undefined) {
      client = this.create(caller.name, caller.serviceName);
      this.byCaller.set(caller, client);
    }
    return client;
  }

  /** How many clients exist: callers that have called this service. */
  get size(): number {
    return this.byCaller.size + (this.ingress === undefined ? 0 : 1);
  }

  private create(callerName: string, callerService: string | undefined): Client {
    const { policy, zoneAwareRouting, connections, propagation, routing } = this.settings;
    const lb = this.streams.stream(`svc:${this.serviceName}:lb@${callerName}`);
    const outstanding = new Map<Pod, number>();
    let pick: PodPicker = createPodPicker(policy, lb, {
      activeOf: (pod) => outstanding.get(pod) ?? 0,
      // Every client starting at the first pod would move in lockstep with the others.
      firstTurn: Math.floor(lb.next() * 2 ** 31),
    });
    if (zoneAwareRouting) {
      const zone = this.streams.stream(`svc:${this.serviceName}:zone@${callerName}`);
      pick = zoneAwarePicker(pick, zone.next);
    }
    const view = new EndpointView(this.slice, this.sim, () =>
      propagation.sample(this.propagationNext),
    );
    return new Client(
      this.sim,
      view,
      pick,
      this.serving,
      this.connectionsOf(connections, policy, view, pick),
      policy === 'least-request' ? outstanding : undefined,
      routing?.appliedBy(callerService) ? routing.routes.proxyFor(callerName) : undefined,
    );
  }

  private connectionsOf(
    settings: PoolSettings | undefined,
    policy: LoadBalancerPolicy,
    view: EndpointView,
    pick: PodPicker,
  ): Connections | undefined {
    if (settings === undefined) return undefined;
    if (policy === 'kube-proxy') {
      // The kernel's rules pick a pod per new connection; the zone is not weighed there
      // (Service traffic distribution aside), so no caller zone is given.
      const choosePod = () => (view.pods.length === 0 ? undefined : pick(view.pods));
      return { perPod: false, pool: new ConnectionPool(settings, choosePod, this.serving) };
    }
    const pools = new Map<Pod, ConnectionPool>();
    return {
      perPod: true,
      poolFor: (pod) => {
        let pool = pools.get(pod);
        if (pool === undefined) {
          pool = new ConnectionPool(settings, () => pod, this.serving);
          pools.set(pod, pool);
        }
        return pool;
      },
    };
  }
}
