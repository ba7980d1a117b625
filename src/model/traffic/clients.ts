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
import type { CallerPolicy } from '../mesh/resilience/caller-policy.js';
import { PeakEwma } from '../mesh/resilience/peak-ewma.js';
import type { ServiceRoutes } from '../mesh/routing/control-plane.js';
import type { ProxyRoutes } from '../mesh/routing/proxy-routes.js';
import type { Pod } from '../pod.js';
import type { Attempt } from './attempt.js';
import { Client, type Connections } from './client.js';
import { ConnectionAge } from './connection-age.js';
import { ConnectionPool, type PoolSettings } from './connection-pool.js';
import { EndpointView } from './endpoint-view.js';
import { ipvsRoundRobin } from './ipvs.js';
import type { LogicalCall } from './logical-call.js';

/** How the callers of one service reach it (the service's scenario fields). */
export interface ClientSettings {
  readonly policy: LoadBalancerPolicy;
  readonly zoneAwareRouting: boolean;
  /** undefined: no connection model, every call as a new connection at no cost */
  readonly connections: PoolSettings | undefined;
  /** cluster.endpointPropagation: from a change of the slice to a caller's view */
  readonly propagation: Distribution;
  /** cluster.kubeProxyMode: with ipvs, kube-proxy's picks are per node (src/model/traffic/ipvs.ts) */
  readonly kubeProxyMode: 'iptables' | 'ipvs';
  /**
   * The resilience policies of a caller (its service, undefined for the ingress; its pod's
   * name or `ingress`) for this service; absent or undefined: none (issue 12, M2).
   */
  readonly policyFor?: (
    callerService: string | undefined,
    callerName: string,
  ) => CallerPolicy | undefined;
  /**
   * M3: the service's routing (src/model/mesh/routing/), and whether a calling service
   * (undefined: the ingress) applies it; undefined when the service has none
   */
  readonly routing?: {
    readonly routes: ServiceRoutes;
    readonly appliedBy: (caller: string | undefined) => boolean;
  };
  /**
   * How long after a `setPolicy` a caller's proxy applies it (the control plane's debounce
   * and push, drawn per proxy and change), by the calling service (undefined: the ingress);
   * undefined: at once, where no proxy is on the caller's side (kube-proxy, or the policy
   * in the caller's own library). Absent: at once for every caller.
   */
  readonly policyPush?: (callerService: string | undefined) => number | undefined;
}

/** A policy change on its way to one caller's proxy. */
interface PolicyPush {
  readonly clients: ServiceClients;
  /** the caller pod, undefined for the ingress */
  readonly caller: Pod | undefined;
  readonly policy: LoadBalancerPolicy;
}

/** One node's kube-proxy in IPVS mode for this service: its view and its rr position. */
interface IpvsVirtualServer {
  readonly view: EndpointView;
  readonly pick: PodPicker;
}

/**
 * The clients of one callee service: one per caller pod and one for the ingress (all
 * clients outside the cluster share it: one ingress fleet), each made on the caller's first
 * call to the service, so memory grows with the caller pods × callees actually used.
 * A caller pod keeps its clients itself, at their service's index (Pod.clients): finding
 * the client is an array read per call, not a Map lookup.
 */
export class ServiceClients {
  /** the pods holding a client of this service, for the rare changes that reach them all */
  private readonly callers = new Set<Pod>();
  private ingress: Client | undefined = undefined;
  /** with kube-proxy in IPVS mode: per node (the ingress counts as one) */
  private readonly ipvsByNode = new Map<string, IpvsVirtualServer>();
  private readonly propagationNext: () => number;
  /** each client's balancer, as its caller last applied a policy (tests read it) */
  private readonly balancers = new WeakMap<Client, LoadBalancerPolicy>();
  /** per caller proxy (the ingress: undefined), when its latest policy push arrives */
  private readonly lastPushAt = new Map<Pod | undefined, number>();
  private readonly serving: (pod: Pod) => boolean;
  /**
   * Fails a stream on a connection its server closes (Traffic.cutCall); set by the run once
   * its request path exists (only a gRPC service with maxConnectionAgeGrace uses it).
   */
  resetStream: (attempt: Attempt) => void = () => {};

  constructor(
    /** where the callers' pods keep this service's client: distinct per service of a run */
    private readonly index: number,
    private readonly serviceName: string,
    private readonly slice: EndpointSlice,
    private settings: ClientSettings,
    private readonly streams: RandomStreams,
    private readonly sim: Simulation,
  ) {
    this.propagationNext = streams.stream(`svc:${serviceName}:propagation`).next;
    // A pod takes connections while its process runs: not ready or terminating included.
    this.serving = (pod) => pod.inEndpointSlice;
  }

  /** The calling pod's client (the ingress's for a client's request). */
  of(attempt: Attempt): Client {
    return this.forCall(attempt.call);
  }

  /** The client of the call's caller. */
  forCall(call: LogicalCall): Client {
    const caller = call.parent?.pod;
    if (caller === undefined) {
      this.ingress ??= this.create('ingress', '(ingress)', undefined);
      return this.ingress;
    }
    const client = caller.clients[this.index];
    return client === undefined ? this.firstCallFrom(caller) : client;
  }

  /**
   * The caller pod is gone: its clients go with it, so that a long run with churn keeps only
   * the live callers' views subscribed. Its calls still in flight keep their client
   * (attempt.client) until they end.
   */
  forget(caller: Pod): void {
    const client = caller.clients[this.index];
    if (client === undefined) return;
    client.view.close();
    caller.clients[this.index] = undefined;
    this.callers.delete(caller);
    this.lastPushAt.delete(caller);
  }

  /**
   * A new load-balancing policy (a `setPolicy` event): every client is made anew on its
   * caller's next call, with the new balancer, a fresh view and new connections, as Envoy
   * builds a new cluster (and drains the old one's connection pools) when its definition
   * changes. Calls in flight finish on the client that sent them.
   */
  setPolicy(policy: LoadBalancerPolicy): void {
    this.settings = { ...this.settings, policy };
    const push = this.settings.policyPush;
    if (push === undefined) {
      for (const caller of this.callers) this.forget(caller);
      this.ingress?.view.close();
      this.ingress = undefined;
      return;
    }
    // In a mesh, a caller's proxy applies the change when the control plane's push reaches
    // it (DestinationRule trafficPolicy.loadBalancer); pushes reach a proxy in order.
    for (const caller of [...this.callers])
      this.pushPolicy(caller, push(caller.serviceName), policy);
    if (this.ingress !== undefined) this.pushPolicy(undefined, push(undefined), policy);
  }

  /** The balancer the caller's client uses now (undefined: the ingress; or no client yet). */
  balancerOf(caller: Pod | undefined): LoadBalancerPolicy | undefined {
    const client = caller === undefined ? this.ingress : caller.clients[this.index];
    return client === undefined ? undefined : this.balancers.get(client);
  }

  /** When the latest policy push to this caller's proxy arrives (undefined: none made). */
  policyPushAt(caller: Pod | undefined): number | undefined {
    return this.lastPushAt.get(caller);
  }

  private pushPolicy(
    caller: Pod | undefined,
    delayMs: number | undefined,
    policy: LoadBalancerPolicy,
  ): void {
    if (delayMs === undefined) {
      if (caller === undefined) {
        this.ingress?.view.close();
        this.ingress = undefined;
      } else this.forget(caller);
      return;
    }
    const at = Math.max(this.sim.now + delayMs, this.lastPushAt.get(caller) ?? 0);
    this.lastPushAt.set(caller, at);
    this.sim.scheduleAt(at, applyPolicy, { clients: this, caller, policy });
  }

  /**
   * A policy push reaches a caller's proxy: its client is made anew with the pushed
   * balancer, as Envoy builds a new cluster when its definition changes. The proxy's routes
   * stay its own (their pushes are the routing's). A caller gone meanwhile is left alone.
   */
  applyPushed(caller: Pod | undefined, policy: LoadBalancerPolicy): void {
    const old = caller === undefined ? this.ingress : caller.clients[this.index];
    if (old === undefined) return;
    old.view.close();
    const client =
      caller === undefined
        ? this.create('ingress', '(ingress)', undefined, policy, old.routes)
        : this.create(caller.name, caller.nodeName, caller.serviceName, policy, old.routes);
    if (caller === undefined) this.ingress = client;
    else caller.clients[this.index] = client;
  }

  /** How many clients exist: callers that have called this service. */
  get size(): number {
    return this.callers.size + (this.ingress === undefined ? 0 : 1);
  }

  private firstCallFrom(caller: Pod): Client {
    const client = this.create(caller.name, caller.nodeName, caller.serviceName);
    const clients = caller.clients;
    // Filled up to the index with undefined, not holes, so the array stays packed.
    while (clients.length <= this.index) clients.push(undefined);
    clients[this.index] = client;
    this.callers.add(caller);
    return client;
  }

  private create(
    callerName: string,
    nodeName: string,
    callerService: string | undefined,
    policy = this.settings.policy,
    routes?: ProxyRoutes,
  ): Client {
    const { zoneAwareRouting, connections, routing } = this.settings;
    const outstanding = new Map<Pod, number>();
    const latency = policy === 'peak-ewma' ? new PeakEwma(this.sim) : undefined;
    const ipvs =
      policy === 'kube-proxy' && this.settings.kubeProxyMode === 'ipvs'
        ? this.ipvsOn(nodeName)
        : undefined;
    let pick: PodPicker;
    if (ipvs !== undefined) pick = ipvs.pick;
    else {
      const lb = this.streams.stream(`svc:${this.serviceName}:lb@${callerName}`);
      pick = createPodPicker(policy, lb, {
        activeOf: (pod) => outstanding.get(pod) ?? 0,
        costOf: latency && ((pod) => latency.cost(pod, outstanding.get(pod) ?? 0)),
        // Every client starting at the first pod would move in lockstep with the others.
        firstTurn: Math.floor(lb.next() * 2 ** 31),
      });
    }
    if (zoneAwareRouting) {
      const zone = this.streams.stream(`svc:${this.serviceName}:zone@${callerName}`);
      pick = zoneAwarePicker(pick, zone.next);
    }
    const proxyRoutes =
      routes ??
      (routing?.appliedBy(callerService) ? routing.routes.proxyFor(callerName) : undefined);
    const view = ipvs?.view ?? this.newView(proxyRoutes);
    const callerPolicy = this.settings.policyFor?.(callerService, callerName);
    const client = new Client(
      this.sim,
      view,
      pick,
      this.serving,
      this.connectionsOf(connections, policy, view, pick, callerPolicy),
      policy === 'least-request' || policy === 'peak-ewma' ? outstanding : undefined,
      callerPolicy,
      latency,
      proxyRoutes,
    );
    this.balancers.set(client, policy);
    return client;
  }

  /** The callee's servers' MaxConnectionAge, if set: its jitter from the service's own stream. */
  private ageOf(settings: PoolSettings): ConnectionAge | undefined {
    const ageMs = settings.maxConnectionAgeMs;
    if (ageMs === undefined) return undefined;
    return new ConnectionAge(
      this.sim,
      ageMs,
      settings.maxConnectionAgeGraceMs,
      this.streams.stream(`svc:${this.serviceName}:max-connection-age`).next,
      (attempt) => this.resetStream(attempt),
    );
  }

  /** A caller's view; with its proxy's routes, its changes and theirs land in one order. */
  private newView(routes?: ProxyRoutes): EndpointView {
    return new EndpointView(
      this.slice,
      this.sim,
      () => this.settings.propagation.sample(this.propagationNext),
      routes,
    );
  }

  /**
   * The node's kube-proxy: one view of the endpoints and one rr position, shared by every
   * caller pod on the node (the ingress is one more).
   */
  private ipvsOn(nodeName: string): IpvsVirtualServer {
    let server = this.ipvsByNode.get(nodeName);
    if (server === undefined) {
      const turn = this.streams.stream(`svc:${this.serviceName}:ipvs@${nodeName}`).next();
      server = { view: this.newView(), pick: ipvsRoundRobin(Math.floor(turn * 2 ** 31)) };
      this.ipvsByNode.set(nodeName, server);
    }
    return server;
  }

  private connectionsOf(
    settings: PoolSettings | undefined,
    policy: LoadBalancerPolicy,
    view: EndpointView,
    pick: PodPicker,
    callerPolicy: CallerPolicy | undefined,
  ): Connections | undefined {
    if (settings === undefined) return undefined;
    const limits = callerPolicy?.poolLimits;
    if (policy === 'kube-proxy') {
      // The kernel's rules pick a pod per new connection; the zone is not weighed there
      // (Service traffic distribution aside), so no caller zone is given.
      const choosePod = () => (view.pods.length === 0 ? undefined : pick(view.pods));
      const pool = new ConnectionPool(
        settings,
        choosePod,
        this.serving,
        this.ageOf(settings),
        limits,
      );
      return { perPod: false, pool };
    }
    const pools = new Map<Pod, ConnectionPool>();
    return {
      perPod: true,
      poolFor: (pod) => {
        let pool = pools.get(pod);
        if (pool === undefined) {
          pool = new ConnectionPool(
            settings,
            () => pod,
            this.serving,
            this.ageOf(settings),
            limits,
          );
          pools.set(pod, pool);
        }
        return pool;
      },
    };
  }
}

const applyPolicy = (push: PolicyPush): void => push.clients.applyPushed(push.caller, push.policy);
