import type { CallStats } from '../metrics/call-stats.js';
import { TimeIntegral } from '../metrics/time-integral.js';
import type { PodPhase } from './cluster/lifecycle-listener.js';
import type { PodCalls } from './cluster/pod-calls.js';
import { INITIAL_VERSION, type VersionBehavior } from './cluster/pod-template.js';
import type { PodCpu } from './cpu/cpu-scheduler.js';
import type { MeshProxy } from './mesh/proxy/proxy.js';
import { RingQueue } from './ring-queue.js';
import type { Attempt } from './traffic/attempt.js';
import type { Client } from './traffic/client.js';

/**
 * A pod: worker slots with a bounded queue in front, and the CPU its work runs on (its
 * node's CFS scheduler by default, or FIFO cores: see src/model/cpu/).
 */
export class Pod {
  ready = true;
  /**
   * Whether its service's EndpointSlice lists it, whatever its conditions: its process runs
   * and takes connections. Kept by EndpointSlice.set/remove, so that sending a call needs no
   * Map lookup (src/model/traffic/clients.ts).
   */
  inEndpointSlice = false;
  /** its lifecycle phase (docs/lifecycle.md): a static run's pods stay Ready */
  phase: PodPhase = 'Ready';
  /**
   * The calls that reached it and have not finished, kept only when the cluster can change
   * (a scenario with `events:`), so that a pod cut at the end of its grace period fails
   * them; undefined in a static run, where it costs one check per call.
   */
  calls: PodCalls | undefined = undefined;
  /** its version's CPU and error rate where they differ from the service's (a new pod template) */
  version: VersionBehavior | undefined = undefined;
  workersBusy = 0;
  /** calls admitted or queued here: what least-request load balancing compares */
  active = 0;
  served = 0;
  readonly workerQueue = new RingQueue<Attempt>();
  readonly busyWorkers = new TimeIntegral();
  /**
   * Its clients of the services it calls, where they have a client per caller, at their
   * ServiceClients' index (src/model/traffic/clients.ts); made on its first call to each.
   */
  readonly clients: (Client | undefined)[] = [];
  /** M3: its version label (Istio's subsets select on it); a service's first pods are v1 */
  versionName = INITIAL_VERSION;
  /** M3: the calls its version served, where the service declares versions (per-version metrics) */
  versionStats: CallStats | undefined = undefined;

  constructor(
    readonly name: string,
    readonly serviceName: string,
    /** node, zone and CPU are set when the pod is bound (a Pending pod has none yet) */
    public nodeName: string,
    public zone: string,
    readonly concurrency: number,
    readonly queueLimit: number,
    public cpu: PodCpu,
    /** its container's CPU request and limit, in cores (no limit: undefined) */
    readonly cpuRequest: number,
    readonly cpuLimit: number | undefined,
  ) {}

  /** Cores (at full speed) the pod is using, over time. */
  get busyCores(): TimeIntegral {
    return this.cpu.busyCores;
  }

  /**
   * Issue 12, part M1: the proxy its calls cross (its sidecar, or its node's ztunnel under
   * ambient); undefined without a mesh proxy (src/model/mesh/proxy/).
   */
  proxy: MeshProxy | undefined = undefined;

  /**
   * A `breakPod` event's fault: it fails this share of the calls it serves with a 500, on
   * top of its endpoints' own errors, drawn from its own stream (`pod:<name>:fault`) so no
   * other stream moves; undefined for a healthy pod (one check per call).
   */
  fault: { readonly errorRate: number; readonly next: () => number } | undefined = undefined;
}
