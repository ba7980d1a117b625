import type { Simulation } from '../../engine/simulation.js';
import type { PodPicker } from '../load-balancer.js';
import type { Pod } from '../pod.js';
import type { Call } from '../request.js';
import type { Acquired, ConnectionPool, Serving } from './connection-pool.js';
import type { EndpointView } from './endpoint-view.js';

/**
 * How a call leaves its caller, for the request path (traffic.ts) to carry out:
 * - 'direct': no connection model, as if on a connection already open (no cost);
 * - 'reused': on an open connection (no cost); 'opened': a new connection first (a round
 *   trip, the TLS handshake's hook);
 * - 'refused': the pod is gone: the connect attempt fails after its round trip;
 * - 'unavailable': the caller sees no ready pod (503 at once).
 */
export type SendStep = 'direct' | 'reused' | 'opened' | 'refused' | 'unavailable';

/** Sends the call to the pod (undefined when 'unavailable'). */
export type Dispatch = (call: Call, pod: Pod | undefined, step: SendStep) => void;

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
  ) {}

  /** The pod the caller's balancer (kube-proxy: the kernel's rules) picks for this call. */
  choose(call: Call): Pod | undefined {
    const pods = this.view.pods;
    if (pods.length === 0) return undefined;
    return this.pick(pods, call.callerZone, call.target.callerPods);
  }

  send(call: Call, dispatch: Dispatch): void {
    const connections = this.connections;
    if (connections === undefined) {
      const pod = this.choose(call);
      if (pod === undefined) dispatch(call, undefined, 'unavailable');
      else if (!this.serving(pod)) dispatch(call, pod, 'refused');
      else this.dispatched(call, pod, 'direct', dispatch);
      return;
    }
    if (!connections.perPod) {
      this.sendOn(connections.pool, call, dispatch);
      return;
    }
    const pod = this.choose(call);
    if (pod === undefined) dispatch(call, undefined, 'unavailable');
    else this.sendOn(connections.poolFor(pod), call, dispatch);
  }

  /** The call's response reached the caller: its connection is free for the next. */
  responded(call: Call, dispatch: Dispatch): void {
    const outstanding = this.outstanding;
    if (outstanding !== undefined) outstanding.set(call.pod!, outstanding.get(call.pod!)! - 1);
    const connection = call.connection;
    if (connection === undefined) return;
    const pool = connection.pool;
    pool.release(connection, this.sim.now);
    const waiting = pool.nextWaiting();
    if (waiting !== undefined) this.sendOn(pool, waiting, dispatch);
  }

  private sendOn(pool: ConnectionPool, call: Call, dispatch: Dispatch): void {
    const acquired: Acquired = pool.acquire(call, this.sim.now);
    if (acquired === 'waiting') return;
    if (acquired === 'unavailable') {
      dispatch(call, undefined, 'unavailable');
      return;
    }
    const pod = call.connection!.pod;
    if (acquired === 'refused') {
      call.connection = undefined;
      dispatch(call, pod, 'refused');
      return;
    }
    this.dispatched(call, pod, acquired, dispatch);
  }

  private dispatched(call: Call, pod: Pod, step: SendStep, dispatch: Dispatch): void {
    call.client = this;
    const outstanding = this.outstanding;
    if (outstanding !== undefined) outstanding.set(pod, (outstanding.get(pod) ?? 0) + 1);
    dispatch(call, pod, step);
  }
}
