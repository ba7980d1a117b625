import type { Simulation } from '../../engine/simulation.js';
import type { ClusterNode } from '../cluster.js';
import { CrashLoopBackOff } from '../faults/crash-loop-backoff.js';
import type { Attempt } from '../traffic/attempt.js';
import type { ProbeRequest } from '../traffic/probe-request.js';
import { type EndpointConditions, READY } from './endpoint-slice.js';
import type { LifecycleListener, PodPhase } from './lifecycle-listener.js';
import type { ManagedPod } from './managed-pod.js';
import { ReadinessProber } from './readiness-probe.js';

/** A terminating pod's endpoint: out of rotation, still passing its probe (discovery.k8s.io/v1). */
export const TERMINATING: EndpointConditions = { ready: false, serving: true, terminating: true };
/** A pod failing its readiness probe: out of rotation, not serving (discovery.k8s.io/v1). */
export const NOT_READY: EndpointConditions = { ready: false, serving: false, terminating: false };
/** A pod that was failing its probe when it was deleted. */
const NOT_READY_TERMINATING: EndpointConditions = {
  ready: false,
  serving: false,
  terminating: true,
};

/** What the kubelet needs from the rest of the cluster. */
export interface KubeletHost {
  /** the pod is gone: release its resources on its node */
  podGone(m: ManagedPod): void;
  /** fail an attempt in a pod that is killed, with a reset (one already finished is left alone) */
  cutCall(attempt: Attempt): void;
  /** uniforms for the service's image pull and container start times */
  lifecycleDraws(service: string): () => number;
  /** a readiness probe reaches its pod (Traffic.admitProbe); false: its queue is full */
  admitProbe(probe: ProbeRequest): boolean;
  /** a probe leaves its pod's queue or CPU (Traffic.dropProbe) */
  dropProbe(probe: ProbeRequest): void;
  /** uniforms for the service's probe CPU draws and first-probe offsets */
  probeDraws(service: string): () => number;
  /** uniforms for the container start of a restart (fault:<service>:restart) */
  restartDraws(service: string): () => number;
}

/**
 * What the kubelet does with a pod, each step an event at a time (docs/lifecycle.md):
 * bound → Scheduled → PullingImage (unless its node has the image) → Starting → Running →
 * Ready (readiness probe); deleted → Terminating (out of the endpoints at once; preStop;
 * then the app drains) → Gone, its work cut with a reset if the grace period ends first.
 */
export class Kubelet {
  /** node → image → when it is (or will be) on the node */
  private readonly images = new Map<ClusterNode, Map<string, number>>();
  private readonly prober: ReadinessProber;
  /** nodes that have failed: nothing on them progresses */
  private readonly downNodes = new Set<ClusterNode>();
  /** each restarted container's CrashLoopBackOff entry */
  private readonly backOffs = new Map<ManagedPod, CrashLoopBackOff>();

  constructor(
    private readonly sim: Simulation,
    private readonly listener: LifecycleListener,
    private readonly host: KubeletHost,
  ) {
    this.prober = new ReadinessProber(sim, {
      admit: host.admitProbe,
      drop: host.dropProbe,
      ready: (m) => this.becomeReady(m),
      notReady: (m) => this.becomeNotReady(m),
      probeDraws: host.probeDraws,
    });
  }

  /** A pod of the cluster as the run starts, Ready: probed from now if it has a probe. */
  alreadyReady(m: ManagedPod): void {
    const probe = m.template.readinessProbe;
    if (probe !== undefined) this.prober.alreadyReady(m, probe);
  }

  /** The node has the image already (the pods of the initial cluster run from it). */
  imageCached(node: ClusterNode, image: string): void {
    this.imagesOn(node).set(image, 0);
  }

  /** The pod has just been bound to its node. */
  start(m: ManagedPod): void {
    this.setPhase(m, 'Scheduled');
    const waitMs = this.imageWaitMs(m);
    if (waitMs > 0) {
      this.setPhase(m, 'PullingImage');
      this.sim.schedule(waitMs, this.imagePresent, m);
    } else this.imagePresent(m);
  }

  /**
   * Deletes the pod: `graceful` (kubectl delete, an eviction, a scale-down) runs its preStop
   * hook and lets it drain within terminationGracePeriodSeconds; otherwise (a crash) its
   * work is cut now.
   */
  terminate(m: ManagedPod, graceful: boolean): void {
    if (m.terminating) return;
    this.prober.stop(m);
    const running = m.running;
    this.leaveRotation(m);
    this.setPhase(m, 'Terminating');
    if (!running) {
      // No container runs yet (Pending, pulling, starting): nothing to stop or drain.
      this.gone(m);
      return;
    }
    if (!graceful) {
      this.cut(m);
      return;
    }
    const graceMs = m.template.terminationGracePeriodSeconds * 1000;
    // preStop first: at a tie with the grace period's end, a pod already drained goes cleanly.
    this.sim.schedule(Math.min(m.template.preStopMs, graceMs), this.preStopDone, m);
    m.graceEnd = this.sim.schedule(graceMs, this.graceOver, m);
  }

  private imageWaitMs(m: ManagedPod): number {
    const images = this.imagesOn(m.node!);
    const now = this.sim.now;
    let presentAt = images.get(m.template.image);
    if (presentAt === undefined) {
      presentAt = now + m.template.imagePull.sample(this.host.lifecycleDraws(m.service.name));
      images.set(m.template.image, presentAt);
    }
    return Math.max(0, presentAt - now);
  }

  private imagesOn(node: ClusterNode): Map<string, number> {
    let images = this.images.get(node);
    if (images === undefined) {
      images = new Map();
      this.images.set(node, images);
    }
    return images;
  }

  private readonly imagePresent = (m: ManagedPod): void => {
    if (m.pod.phase !== 'Scheduled' && m.pod.phase !== 'PullingImage') return;
    if (this.downNodes.has(m.node!)) return;
    this.setPhase(m, 'Starting');
    const startMs = m.template.containerStart.sample(this.host.lifecycleDraws(m.service.name));
    this.after(startMs, this.containerRunning, m);
  };

  private readonly containerRunning = (m: ManagedPod): void => {
    if (m.pod.phase !== 'Starting' || this.downNodes.has(m.node!)) return;
    if (m.pod.calls !== undefined) m.pod.calls.refusing = false;
    this.setPhase(m, 'Running');
    const probe = m.template.readinessProbe;
    // Without a readiness probe a started container is ready (Kubernetes' default).
    if (probe === undefined) this.becomeReady(m);
    else this.prober.containerStarted(m, probe);
  };

  /** Into the endpoints: its probe passed, or it has none. */
  private becomeReady(m: ManagedPod): void {
    if (m.pod.phase !== 'Running') return;
    const { pod, service } = m;
    this.setPhase(m, 'Ready');
    pod.ready = true;
    m.readyAt = this.sim.now;
    service.readyPods.push(pod);
    service.endpointSlice.set(pod, READY);
  }

  /**
   * Out of the endpoints: its probe failed failureThreshold times in a row. Its container
   * runs on (Kubernetes' phase Running, Ready condition false), and connections already open
   * to it still carry calls: only new connections and per-request balancers avoid it.
   */
  private becomeNotReady(m: ManagedPod): void {
    if (m.pod.phase !== 'Ready') return;
    const { pod, service } = m;
    this.setPhase(m, 'Running');
    pod.ready = false;
    m.readyAt = Number.POSITIVE_INFINITY;
    const index = service.readyPods.indexOf(pod);
    if (index >= 0) service.readyPods.splice(index, 1);
    service.endpointSlice.set(pod, NOT_READY);
  }

  private readonly preStopDone = (m: ManagedPod): void => {
    if (m.pod.phase !== 'Terminating') return;
    // SIGTERM: the application finishes what it has (and what is on its way), then exits.
    m.pod.calls!.whenDrained(() => {
      if (m.pod.phase !== 'Terminating') return;
      this.sim.cancel(m.graceEnd);
      this.gone(m);
    });
  };

  private readonly graceOver = (m: ManagedPod): void => {
    m.graceEnd = -1;
    if (m.pod.phase === 'Terminating') this.cut(m);
  };

  /** SIGKILL: what is queued or running in the pod fails with a reset, now. */
  private cut(m: ManagedPod): void {
    this.cutWork(m);
    this.gone(m);
  }

  private cutWork(m: ManagedPod): void {
    const { pod } = m;
    // Emptied first, so that a worker freed by a cut call takes no queued call.
    while (pod.workerQueue.shift() !== undefined) {}
    for (const attempt of pod.calls!.takeAll()) this.host.cutCall(attempt);
  }

  /**
   * The container exits (a crash): its work is cut with a reset, the pod leaves the ready
   * endpoints (Ready false) and refuses connections, and the kubelet restarts the container
   * in the same pod after its CrashLoopBackOff back-off (crash-loop-backoff.ts), then it
   * starts and is probed as a new container. The pod is `Starting` meanwhile (kubectl:
   * CrashLoopBackOff, then Running 0/1). False if its container does not run.
   */
  restartContainer(m: ManagedPod): boolean {
    if (!m.running) return false;
    this.containerDown(m);
    let backOff = this.backOffs.get(m);
    if (backOff === undefined) {
      backOff = new CrashLoopBackOff();
      this.backOffs.set(m, backOff);
    }
    const delayMs = backOff.delayAfterExit(this.sim.now);
    this.setPhase(m, 'Starting');
    this.after(delayMs, this.restart, m);
    return true;
  }

  /**
   * The node stopped (power, kernel, its network): every container on it is gone with the
   * machine, its work cut, connections refused, and nothing on it progresses. Nobody tells
   * the control plane, so its pods keep their phase and endpoints until the node controller
   * marks the node NotReady (markNotReady).
   */
  nodeDown(node: ClusterNode, pods: Iterable<ManagedPod>): void {
    this.downNodes.add(node);
    for (const m of pods) {
      if (m.terminating) continue;
      if (m.running) {
        this.prober.stop(m);
        this.cutWork(m);
      }
      if (m.pod.calls !== undefined) m.pod.calls.refusing = true;
    }
  }

  /** The node controller marked its node NotReady: the pod's Ready condition is false. */
  markNotReady(m: ManagedPod): void {
    if (m.pod.phase === 'Ready') this.becomeNotReady(m);
  }

  /**
   * Evicted from a node that does not answer: the pod is Terminating (a replacement is made)
   * but nobody stops it, so it stays so until its node returns (nodeUp) and its kubelet
   * confirms it gone.
   */
  evictFromDeadNode(m: ManagedPod): void {
    if (m.terminating) return;
    this.leaveRotation(m);
    this.setPhase(m, 'Terminating');
  }

  /**
   * The node is back (a reboot): a pod deleted meanwhile is confirmed gone; the others'
   * containers start again (restartCount + 1, no back-off for a first exit).
   */
  nodeUp(node: ClusterNode, pods: Iterable<ManagedPod>): void {
    this.downNodes.delete(node);
    for (const m of [...pods]) {
      if (m.pod.phase === 'Terminating') {
        this.gone(m);
        continue;
      }
      if (m.pod.phase === 'Gone') continue;
      this.leaveEndpoints(m);
      this.setPhase(m, 'Starting');
      this.restart(m);
    }
  }

  private containerDown(m: ManagedPod): void {
    this.prober.stop(m);
    this.leaveEndpoints(m);
    if (m.pod.calls !== undefined) m.pod.calls.refusing = true;
    this.cutWork(m);
  }

  /** The kubelet starts the container again (backOff.Next); its image is on the node. */
  private readonly restart = (m: ManagedPod): void => {
    if (m.pod.phase !== 'Starting' || this.downNodes.has(m.node!)) return;
    this.backOffs.get(m)?.restarted(this.sim.now);
    m.restartCount++;
    const startMs = m.template.containerStart.sample(this.host.restartDraws(m.service.name));
    this.after(startMs, this.containerRunning, m);
  };

  /** Out of the ready endpoints, not serving (its container is down). */
  private leaveEndpoints(m: ManagedPod): void {
    const { pod, service } = m;
    m.readyAt = Number.POSITIVE_INFINITY;
    if (pod.ready) {
      pod.ready = false;
      const index = service.readyPods.indexOf(pod);
      if (index >= 0) service.readyPods.splice(index, 1);
    }
    if (service.endpointSlice.get(pod) !== undefined) service.endpointSlice.set(pod, NOT_READY);
  }

  private gone(m: ManagedPod): void {
    this.setPhase(m, 'Gone');
    m.service.endpointSlice.remove(m.pod);
    this.host.podGone(m);
  }

  /** Out of the ready endpoints at once; the slice keeps it as terminating while it serves. */
  private leaveRotation(m: ManagedPod): void {
    const { pod, service } = m;
    if (!pod.ready) {
      if (service.endpointSlice.get(pod) !== undefined)
        service.endpointSlice.set(pod, NOT_READY_TERMINATING);
      return;
    }
    pod.ready = false;
    const index = service.readyPods.indexOf(pod);
    if (index >= 0) service.readyPods.splice(index, 1);
    service.endpointSlice.set(pod, TERMINATING);
  }

  private setPhase(m: ManagedPod, phase: PodPhase): void {
    m.pod.phase = phase;
    this.listener.podPhaseChanged(m.pod, phase, this.sim.now);
  }

  /** A step after a delay: at once when there is none (no event for a zero wait). */
  private after(delayMs: number, step: (m: ManagedPod) => void, m: ManagedPod): void {
    if (delayMs > 0) this.sim.schedule(delayMs, step, m);
    else step(m);
  }
}
