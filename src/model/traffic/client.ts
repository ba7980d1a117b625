import type { Simulation } from '../../engine/simulation.js';
import type { PodPicker } from '../load-balancer.js';
import type { CallerPolicy } from '../mesh/resilience/caller-policy.js';
import type { PeakEwma } from '../mesh/resilience/peak-ewma.js';
import type { ProxyRoutes, SendMirror } from '../mesh/routing/proxy-routes.js';
import type { Pod } from '../pod.js';
import type { Attempt } from './attempt.js';
import type { Acquired, ConnectionPool, Serving } from './connection-pool.js';
import type { EndpointView } from './endpoint-view.js';
import type { LogicalCall } from './logical-call.js';

/**
 * How a call leaves its caller, for the request path (traffic.ts) to carry out:
 * - 'direct': no connection model, as if on a connection already open (no cost);
 * - 'reused': on an open connection (no cost); 'opened': a new connection first (a round
 *   trip, the TLS handshake's hook);
 * - 'refused': the pod is gone: the connect attempt fails after its round trip;
 * - 'unavailable': the caller sees no ready pod (503 at once);
 * - 'overflow': its circuit breaker refused it (too many pending: 503 UO at once);
 * - 'aborted': the caller's proxy answers itself, a fault injection's abort (no pod).
 */
export type SendStep =
  | 'direct'
  | 'reused'
  | 'opened'
  | 'refused'
  | 'unavailable'
  | 'overflow'
  | 'aborted';

/** Sends the attempt to the pod (undefined when 'unavailable'). */
export type Dispatch = (attempt: Attempt, pod: Pod | undefined, step: SendStep) => void;

/** How a client finds its connections; undefined: every call as a new, free connection. */
export type Connections =
  /** kube-proxy: one pool to the Service's virtual IP; the pod is drawn per connection */
  | { readonly perPod: false; readonly pool: ConnectionPool }
  /** a balancer per request, then a pool per pod (a mesh or a client library) */
  | { readonly perPod: true; readonly poolFor: (pod: Pod) => ConnectionPool };

/**
 * One caller's client for one callee service (one per caller pod, one for the ingress):
 * its own view of the endpoints, its own balancer state and, if the service has a
 * connection model, its own connections.
 */
export class Client {
  constructor(
    private readonly sim: Simulation,
    readonly view: EndpointView,
    private readonly pick: PodPicker,
    private readonly serving: Serving,
    private readonly connections: Connections | undefined,
    /** its requests awaiting a response, per pod (what its least-request weighs), if counted */
    private readonly outstanding: Map<Pod, number> | undefined,
    /** its resilience policies (src/model/mesh/resilience/); undefined: none */
    readonly policy?: CallerPolicy,
    /** peak-EWMA's latency estimates, fed by each response (loadBalancer: peak-ewma) */
    private readonly latency?: PeakEwma,
    /** M3: the proxy's routes to the service's versions, where the caller applies policies */
    readonly routes: ProxyRoutes | undefined = undefined,
  ) {}

  /** The pod the caller's balancer (kube-proxy: the kernel's rules) picks for this attempt. */
  choose(attempt: Attempt): Pod | undefined {
    const routes = this.routes;
    const pods =
      routes === undefined ? this.view.pods : routes.podsFor(attempt.call, this.view.pods);
    if (pods.length === 0) return undefined;
    if (this.policy !== undefined) return this.policy.choose(pods, attempt, this.pick);
    return this.pick(pods, attempt.call.callerZone, attempt.call.target.callerPods);
  }

  /**
   * The pods of the Envoy cluster the call went to, in this caller's view: its version's
   * where the proxy routed it to one (Istio makes a cluster per subset), else all of them.
   */
  clusterOf(call: LogicalCall): readonly Pod[] {
    const routes = this.routes;
    if (routes === undefined || call.routedTo === undefined) return this.view.pods;
    return routes.podsFor(call, this.view.pods);
  }

  /** The caller's proxy may hold or answer the call first (fault injection) and mirror it. */
  send(attempt: Attempt, dispatch: Dispatch, mirror?: SendMirror): void {
    if (this.routes?.intercept(attempt, this.forward, dispatch, mirror)) return;
    this.forward(attempt, dispatch);
  }

  /** Sends the attempt to a pod the balancer picks, on a connection if the service has them. */
  readonly forward = (attempt: Attempt, dispatch: Dispatch): void => {
    const connections = this.connections;
    if (connections === undefined) {
      const pod = this.choose(attempt);
      if (pod === undefined) dispatch(attempt, undefined, 'unavailable');
      else if (!this.serving(pod)) dispatch(attempt, pod, 'refused');
      else this.dispatched(attempt, pod, 'direct', dispatch);
      return;
    }
    if (!connections.perPod) {
      this.sendOn(connections.pool, attempt, dispatch);
      return;
    }
    const pod = this.choose(attempt);
    if (pod === undefined) dispatch(attempt, undefined, 'unavailable');
    else this.sendOn(connections.poolFor(pod), attempt, dispatch);
  };

  /** The attempt's response reached the caller (or the caller cancelled it): its connection is free for the next. */
  responded(attempt: Attempt, dispatch: Dispatch): void {
    const outstanding = this.outstanding;
    if (outstanding !== undefined)
      outstanding.set(attempt.pod!, outstanding.get(attempt.pod!)! - 1);
    this.latency?.observe(attempt.pod!, this.sim.now - attempt.sentAt);
    const connection = attempt.connection;
    if (connection === undefined) return;
    const pool = connection.pool;
    pool.release(connection, this.sim.now, attempt);
    const waiting = pool.nextWaiting();
    if (waiting !== undefined) this.sendOn(pool, waiting, dispatch, true);
  }

  private sendOn(
    pool: ConnectionPool,
    attempt: Attempt,
    dispatch: Dispatch,
    dequeued = false,
  ): void {
    const acquired: Acquired = pool.acquire(attempt, this.sim.now, dequeued);
    if (acquired === 'waiting') return;
    if (acquired === 'unavailable' || acquired === 'overflow') {
      if (acquired === 'overflow') this.policy?.countBreakerOverflow(attempt.call);
      dispatch(attempt, undefined, acquired);
      return;
    }
    const pod = attempt.connection!.pod;
    if (acquired === 'refused') {
      attempt.connection = undefined;
      dispatch(attempt, pod, 'refused');
      return;
    }
    this.dispatched(attempt, pod, acquired, dispatch);
  }

  private dispatched(attempt: Attempt, pod: Pod, step: SendStep, dispatch: Dispatch): void {
    attempt.client = this;
    const outstanding = this.outstanding;
    if (outstanding !== undefined) outstanding.set(pod, (outstanding.get(pod) ?? 0) + 1);
    dispatch(attempt, pod, step);
  }
}
