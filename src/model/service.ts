import type { Distribution } from '../engine/distributions/distribution.js';
import { CallStats } from '../metrics/call-stats.js';
import { WaitStats } from '../metrics/wait-stats.js';
import { EndpointSlice } from './cluster/endpoint-slice.js';
import type { PodPicker } from './load-balancer.js';
import type { ServiceRoutes } from './mesh/routing/control-plane.js';
import type { Pod } from './pod.js';
import type { FunctionInvoker } from './serverless/function-pool.js';
import type { AttemptStats } from './traffic/attempt-stats.js';
import type { ServiceClients } from './traffic/clients.js';
import type { CallSizes, EdgeTransfer } from './transfers.js';

/**
 * A call as compiled: the target resolved, with the stats of its edge (caller → callee) and
 * the random stream for the network latency of that edge.
 */
export interface CallTarget {
  readonly service: Service;
  readonly endpoint: Endpoint;
  readonly probability: number;
  readonly edge: CallStats;
  /** the edge's attempts (its logical calls are `edge`) */
  readonly attempts: AttemptStats;
  /** the caller's own timeout for this call step (ms), or undefined */
  readonly timeoutMs: number | undefined;
  readonly networkNext: () => number;
  /** the bytes this edge carried, and the callee endpoint's sizes */
  readonly transfer: EdgeTransfer;
  readonly sizes: CallSizes;
  /** the calling service's ready pods (undefined for a client): zone-aware routing weighs them */
  readonly callerPods: readonly Pod[] | undefined;
}

export type Step =
  | { readonly kind: 'call'; readonly target: CallTarget }
  | { readonly kind: 'parallel'; readonly branches: readonly CallTarget[] };

/** An endpoint as the simulation runs it: its samplers bound to their random streams. */
export class Endpoint {
  steps: readonly Step[] = [];
  /** calls this endpoint served; no per-window latency (the time series is per service) */
  readonly stats = new CallStats({ windowLatency: false });
  /** measured calls' waits for a worker slot and for a core */
  readonly workerWait = new WaitStats();
  readonly cpuWait = new WaitStats();

  constructor(
    readonly serviceName: string,
    readonly name: string,
    readonly cpu: Distribution,
    readonly errorRate: number,
    /** uniforms for CPU time, error rolls and call probabilities: separate streams */
    readonly cpuNext: () => number,
    readonly errorNext: () => number,
    readonly callNext: () => number,
    /** request and response sizes in bytes */
    readonly sizes: CallSizes,
  ) {}
}

/** A service: its pods, the ready ones the load balancer chooses from, and its endpoints. */
export class Service {
  readonly pods: Pod[] = [];
  readonly readyPods: Pod[] = [];
  /** the truth callers' views follow (src/model/cluster/endpoint-slice.ts) */
  readonly endpointSlice = new EndpointSlice();
  readonly endpoints = new Map<string, Endpoint>();
  /**
   * A client per caller (src/model/traffic/clients.ts); undefined: every caller shares
   * `pickPod` and sees the ready pods at once.
   */
  clients: ServiceClients | undefined = undefined;
  /** The headline latency is its endpoints' histograms merged at the end of the run. */
  readonly stats = new CallStats({ windowLatency: true, headlineLatency: 'merged later' });
  /** its endpoints' waits, merged at the end of the run */
  readonly workerWait = new WaitStats();
  readonly cpuWait = new WaitStats();
  /** M3: the calls each version served, where the service declares versions */
  versionStats: Map<string, CallStats> | undefined = undefined;
  /** M3: its routing on the control plane, where it is routed (src/model/mesh/routing/) */
  routes: ServiceRoutes | undefined = undefined;
  /** Issue 13: a function's pool of instances, which its calls go through; none for a service */
  invoker: FunctionInvoker | undefined = undefined;

  constructor(
    readonly name: string,
    readonly holdWorkerWhileWaiting: boolean,
    /** changed by a policy change during the run (src/model/cluster/control-surface.ts) */
    public pickPod: PodPicker,
    /** whether its pods learn that a client gave up and stop the work (`onClientGone`) */
    readonly cancelsWhenClientGone = false,
  ) {}
}
