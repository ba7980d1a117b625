import type { EventHandle } from '../../engine/event-queue.js';
import type { Simulation } from '../../engine/simulation.js';
import { ProbeRequest } from '../traffic/probe-request.js';
import type { ManagedPod } from './managed-pod.js';
import type { ReadinessProbeSpec } from './pod-template.js';

/** What the prober needs from the kubelet and from the request path. */
export interface ProberHost {
  /** the probe reaches its pod: a worker slot or a place in the queue; false: the queue is full */
  admit(probe: ProbeRequest): boolean;
  /** the pod is no longer probed: its probe leaves the queue or the CPU */
  drop(probe: ProbeRequest): void;
  /** successThreshold successes in a row: the pod becomes ready */
  ready(m: ManagedPod): void;
  /** failureThreshold failures in a row: the pod stops being ready */
  notReady(m: ManagedPod): void;
  /** uniforms for the service's probe CPU draws and first-probe offsets */
  probeDraws(service: string): () => number;
}

/** One pod's probe loop, as the kubelet's prober worker keeps it. */
class ProbeLoop {
  /** the latest result and how many times in a row it came (worker.go lastResult, resultRun) */
  lastSucceeded = true;
  run = 0;
  /** the probe the kubelet is waiting for, and when it was sent */
  current: ProbeRequest | undefined = undefined;
  sentAt = 0;
  /** its next tick or the current probe's timeout */
  event: EventHandle = -1;
  /** probes still in the pod, the current one and those the kubelet gave up on */
  readonly inPod = new Set<ProbeRequest>();
  stopped = false;

  constructor(
    readonly m: ManagedPod,
    readonly spec: ReadinessProbeSpec,
    /** when its container started: probes before initialDelaySeconds do not count */
    readonly startedAt: number,
  ) {}
}

/**
 * The kubelet's readiness prober (kubernetes/kubernetes pkg/kubelet/prober/worker.go), for
 * HTTP probes that the application answers itself. Every periodSeconds it sends the pod a
 * probe: a request that needs a worker slot (waiting in the pod's worker queue like any
 * call) and a CPU burst. It succeeds if answered within timeoutSeconds; it fails if the queue
 * is full (at once) or the answer comes later (at the timeout: the kubelet gives up, the
 * application still does the work, as an HTTP/1.1 server does not learn that its client
 * left). failureThreshold failures in a row make a ready pod not ready; successThreshold
 * successes in a row make it ready again. So an overloaded pod drops out of its endpoints
 * and its load goes to the others: the readiness cascade.
 *
 * The kubelet probes from the pod's node: no network hop. Cost: one event per pod per
 * period (the tick) while probes are answered in time; a timeout is a second event.
 */
export class ReadinessProber {
  private readonly loops = new Map<ManagedPod, ProbeLoop>();

  constructor(
    private readonly sim: Simulation,
    private readonly host: ProberHost,
  ) {}

  /**
   * Starts probing a pod whose container has just started: a probe now and every period
   * from now (worker.go probes at once, then on its ticker).
   */
  containerStarted(m: ManagedPod, spec: ReadinessProbeSpec): void {
    const loop = new ProbeLoop(m, spec, this.sim.now);
    loop.lastSucceeded = false; // the readiness worker's initial value is Failure
    this.loops.set(m, loop);
    this.tick(loop);
  }

  /**
   * Starts probing a pod that is ready when the run starts: its first probe comes a uniform
   * part of a period in, as worker.go waits "a random portion of tickerPeriod" when the
   * kubelet has just started, so that the pods' probes do not all come at once.
   */
  alreadyReady(m: ManagedPod, spec: ReadinessProbeSpec): void {
    const loop = new ProbeLoop(m, spec, Number.NEGATIVE_INFINITY);
    this.loops.set(m, loop);
    const offsetMs = this.host.probeDraws(m.service.name)() * spec.periodSeconds * 1000;
    loop.event = this.sim.schedule(offsetMs, this.tick, loop);
  }

  /** The pod terminates: no more probes; those still in it leave its queue or CPU. */
  stop(m: ManagedPod): void {
    const loop = this.loops.get(m);
    if (loop === undefined) return;
    this.loops.delete(m);
    loop.stopped = true;
    this.sim.cancel(loop.event);
    loop.current = undefined;
    for (const probe of [...loop.inPod]) this.host.drop(probe);
    loop.inPod.clear();
  }

  private readonly tick = (loop: ProbeLoop): void => {
    loop.event = -1;
    const { m, spec } = loop;
    const now = this.sim.now;
    const periodMs = spec.periodSeconds * 1000;
    // Probes are disabled for initialDelaySeconds after the container started.
    if (now - loop.startedAt < spec.initialDelaySeconds * 1000) {
      loop.event = this.sim.schedule(periodMs, this.tick, loop);
      return;
    }
    const workMs = spec.cpu.sample(this.host.probeDraws(m.service.name));
    const probe = new ProbeRequest(m.pod, workMs, (answered) => this.answered(loop, answered));
    loop.inPod.add(probe);
    loop.sentAt = now;
    if (!this.host.admit(probe)) {
      loop.inPod.delete(probe);
      this.result(loop, false);
      loop.event = this.sim.schedule(periodMs, this.tick, loop);
      return;
    }
    loop.current = probe;
    loop.event = this.sim.schedule(spec.timeoutSeconds * 1000, this.timedOut, loop);
  };

  private answered(loop: ProbeLoop, probe: ProbeRequest): void {
    loop.inPod.delete(probe);
    if (loop.current !== probe) return; // the kubelet gave up on it already
    loop.current = undefined;
    this.sim.cancel(loop.event);
    this.result(loop, true);
    this.nextTick(loop);
  }

  /** Not answered in timeoutSeconds: a failure; the probe stays in the pod until served. */
  private readonly timedOut = (loop: ProbeLoop): void => {
    loop.event = -1;
    loop.current = undefined;
    this.result(loop, false);
    this.nextTick(loop);
  };

  /**
   * The next probe one period after this one was sent; if this one took longer (a timeout
   * longer than the period), at once: the kubelet's ticker keeps the tick it missed.
   */
  private nextTick(loop: ProbeLoop): void {
    if (loop.stopped) return;
    const at = Math.max(loop.sentAt + loop.spec.periodSeconds * 1000, this.sim.now);
    loop.event = this.sim.scheduleAt(at, this.tick, loop);
  }

  /** worker.go: count the run of equal results; at a threshold, the pod's readiness is set. */
  private result(loop: ProbeLoop, succeeded: boolean): void {
    if (loop.lastSucceeded === succeeded) loop.run++;
    else {
      loop.lastSucceeded = succeeded;
      loop.run = 1;
    }
    const { m, spec } = loop;
    if (succeeded && loop.run >= spec.successThreshold && !m.pod.ready) this.host.ready(m);
    else if (!succeeded && loop.run >= spec.failureThreshold && m.pod.ready) this.host.notReady(m);
  }
}
