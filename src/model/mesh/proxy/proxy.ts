import type { Distribution } from '../../../engine/distributions/distribution.js';
import type { TimeIntegral } from '../../../metrics/time-integral.js';
import type { CpuBurst } from '../../cpu/cpu-scheduler.js';
import { RingQueue } from '../../ring-queue.js';
import type { Attempt } from '../../traffic/attempt.js';

/**
 * One attempt's passage through the proxies in one direction: the network time of each of
 * its wire hops, and the waypoint it goes through (ambient), if any.
 */
export class Hop {
  constructor(
    readonly attempt: Attempt,
    readonly wireMs: number,
    readonly waypoint: MeshProxy | undefined,
  ) {}
}

/** What the request path does with a hop once a proxy has handled it. */
export type ProxyStep = (hop: Hop) => void;

/** The kinds of proxy a mesh runs (docs/mesh/proxy.md). */
export type ProxyKind = 'sidecar' | 'sidecar-light' | 'ztunnel' | 'waypoint' | 'gateway';

/** How one kind of proxy behaves, compiled from the scenario (mesh-schema.ts). */
export interface ProxySettings {
  readonly kind: ProxyKind;
  /** the container's name, as `kubectl get pod` shows it */
  readonly container: string;
  readonly workers: number;
  readonly requestCpu: Distribution;
  readonly responseCpu: Distribution;
  readonly telemetryCpu: Distribution;
  readonly handshakeCpu: Distribution;
  /** cores and bytes */
  readonly cpuRequest: number;
  readonly cpuLimit: number | undefined;
  readonly memoryRequest: number;
  readonly memoryUsed: number;
}

/** The CPU a proxy container's bursts run on: its own consumer of a node's CFS scheduler. */
export interface ProxyCpu {
  readonly busyCores: TimeIntegral;
  run(burst: CpuBurst, workMs: number): void;
  /** its pod is gone (PodCpu.retire): the node forgets the container once its work is done */
  retire(): void;
}

/**
 * One piece of work on one of a proxy's workers. Never cancelled: work a proxy has begun it
 * finishes (an attempt cancelled meanwhile is dropped by the path when the work is done).
 */
class ProxyWork implements CpuBurst {
  readonly phase = 0;
  constructor(
    public hop: Hop | undefined,
    public next: ProxyStep | undefined,
    public workMs: number,
    /** work the same worker does next, off the request's path (telemetry) */
    public afterMs: number,
  ) {}
}

export interface ProxyCounts {
  readonly requests: number;
  readonly handshakes: number;
}

/**
 * A proxy container (a sidecar, a node's ztunnel, a waypoint pod, the ingress gateway): a
 * fixed number of worker threads, each running one piece of work at a time on the node's
 * CPU, under the same CFS rules as the application's containers (its own request weight and
 * limit quota). Work waits FIFO for a free worker. A response's work is followed on the same
 * worker by its telemetry (Envoy records it after the response is sent): the response is
 * not delayed, the next request on that worker is.
 */
export class MeshProxy {
  private busyWorkers = 0;
  private readonly waiting = new RingQueue<ProxyWork>();
  readonly cpu: ProxyCpu;
  /** requests it forwarded and TLS handshakes it took part in, over the whole run */
  requests = 0;
  handshakes = 0;
  /** the counts when the measured window opened; and in the window, once it has closed */
  private countsAtOpen: ProxyCounts = { requests: 0, handshakes: 0 };
  measured: ProxyCounts = { requests: 0, handshakes: 0 };

  constructor(
    /** `<pod>/<container>`, `ztunnel-<node>`, `<service>-waypoint-<i>` or `ingress-gateway` */
    readonly name: string,
    /** what the ledger groups it under: `<service>/<container>`, `ztunnel`, ... */
    readonly serviceName: string,
    readonly settings: ProxySettings,
    /** its random stream (per-request CPU draws) */
    private readonly next: () => number,
    cpuOf: (done: (burst: CpuBurst) => void) => ProxyCpu,
  ) {
    this.cpu = cpuOf(this.done);
  }

  /** its container's CPU request, in cores (what the ledger and the node's shares read) */
  get cpuRequest(): number {
    return this.settings.cpuRequest;
  }

  get busyCores(): TimeIntegral {
    return this.cpu.busyCores;
  }

  /** The measured window opens: its counts start here, as its CPU's do in the ledger. */
  windowOpened(): void {
    this.countsAtOpen = { requests: this.requests, handshakes: this.handshakes };
  }

  windowClosed(): void {
    this.measured = {
      requests: this.requests - this.countsAtOpen.requests,
      handshakes: this.handshakes - this.countsAtOpen.handshakes,
    };
  }

  /** A request on its way through: `next(hop)` once a worker has spent its CPU. */
  forward(hop: Hop, next: ProxyStep): void {
    this.requests++;
    const { requestCpu } = this.settings;
    this.submit(new ProxyWork(hop, next, requestCpu.sample(this.next), 0));
  }

  /** A response on its way back, then its telemetry on the same worker. */
  respond(hop: Hop, next: ProxyStep): void {
    const { responseCpu, telemetryCpu } = this.settings;
    const work = responseCpu.sample(this.next);
    this.submit(new ProxyWork(hop, next, work, telemetryCpu.sample(this.next)));
  }

  /** Its side of a TLS handshake: CPU on a worker; returns the CPU time it takes. */
  handshake(): number {
    this.handshakes++;
    const workMs = this.settings.handshakeCpu.sample(this.next);
    this.submit(new ProxyWork(undefined, undefined, workMs, 0));
    return workMs;
  }

  private submit(work: ProxyWork): void {
    if (this.busyWorkers < this.settings.workers) this.start(work);
    else this.waiting.push(work);
  }

  private start(work: ProxyWork): void {
    this.busyWorkers++;
    this.cpu.run(work, work.workMs);
  }

  /** A worker's work is done: the request goes on, the worker does its telemetry or takes the next. */
  private readonly done = (burst: CpuBurst): void => {
    const work = burst as ProxyWork;
    const { hop, next } = work;
    if (next !== undefined) next(hop!);
    if (work.afterMs > 0) {
      work.hop = undefined;
      work.next = undefined;
      work.workMs = work.afterMs;
      work.afterMs = 0;
      this.cpu.run(work, work.workMs);
      return;
    }
    this.busyWorkers--;
    const waiting = this.waiting.shift();
    if (waiting !== undefined) this.start(waiting);
  };
}
