import type { Simulation } from '../engine/simulation.js';
import type { CallStats } from '../metrics/call-stats.js';
import type { FailureCause } from '../metrics/run-result.js';
import type { Network } from './network.js';
import type { Pod } from './pod.js';
import { Call, type Request } from './request.js';
import type { CallTarget } from './service.js';
import type { SendStep } from './traffic/client.js';
import type { Transfers } from './transfers.js';

/** Told when an end-to-end request ends; the workload and the metrics listen. */
export type RequestEndListener = (request: Request, failure: FailureCause | undefined) => void;

/**
 * How a call moves through the system, one event per step of its life:
 *   send ─network─▶ arrive at pod ─(worker, maybe queued)─▶ CPU (maybe queued for a core)
 *   ─▶ downstream steps in order (a parallel step waits for all its branches)
 *   ─▶ finish ─network─▶ the caller continues, or the client gets its response.
 * A failure anywhere (overflow 503, application error 500, no ready pod) ends the call and
 * fails its caller in turn, keeping the root cause. Actions are created once, here, and
 * get the Call as their event data: no closure per event.
 */
export class Traffic {
  /**
   * Calls sent whose response has not been delivered, orphans included (a branch still
   * running after its parent failed fast, a server still working for a client that timed
   * out): the run is over only when these are done, or the drain ends.
   */
  callsInFlight = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    private readonly totals: CallStats,
    private readonly onRequestEnd: RequestEndListener,
    /** counts the bytes of every call and response (docs/nodes.md) */
    private readonly transfers: Transfers,
  ) {}

  /** Starts a request from a client outside the cluster. */
  startRequest(request: Request, entry: CallTarget, timeoutMs: number | undefined): void {
    if (timeoutMs !== undefined)
      request.timeout = this.sim.schedule(timeoutMs, this.timeOut, request);
    this.totals.arrived();
    request.root = new Call(request, undefined, entry, undefined);
    this.send(request.root);
  }

  private send(call: Call): void {
    const { service } = call.target;
    this.callsInFlight++;
    call.sentAt = this.sim.now;
    call.target.edge.arrived();
    if (service.clients !== undefined) {
      service.clients.of(call).send(call, this.dispatch);
      return;
    }
    if (service.readyPods.length === 0) {
      this.dispatch(call, undefined, 'unavailable');
      return;
    }
    const pod = service.pickPod(service.readyPods, call.callerZone, call.target.callerPods);
    this.dispatch(call, pod, 'direct');
  }

  /**
   * The call leaves for the pod its caller chose (src/model/traffic/client.ts): at once on
   * an open connection, after a round trip on a new one; a refused connect fails after it.
   */
  private readonly dispatch = (call: Call, pod: Pod | undefined, step: SendStep): void => {
    if (pod === undefined) {
      call.failure = 'unavailable';
      call.finished = true;
      this.sim.schedule(0, this.deliverResponse, call);
      return;
    }
    if (step === 'refused') {
      call.failure = 'connect_failure';
      call.finished = true;
      this.sim.schedule(this.connectMs(call, pod), this.deliverResponse, call);
      return;
    }
    call.pod = pod;
    pod.active++;
    this.transfers.requestSent(call);
    const waitMs = step === 'direct' ? 0 : this.connectionWaitMs(call, pod, step);
    this.sim.schedule(
      waitMs + this.network.latencyMs(call.callerZone, pod.zone, call.target.networkNext),
      this.arrive,
      call,
    );
  };

  /** Until the call's connection is open: a new one's handshake, or the rest of it. */
  private connectionWaitMs(call: Call, pod: Pod, step: SendStep): number {
    const connection = call.connection!;
    if (step === 'opened') connection.readyAt = this.sim.now + this.connectMs(call, pod);
    return Math.max(0, connection.readyAt - this.sim.now);
  }

  /** Opening a connection: one round trip (SYN, SYN-ACK). The mesh's TLS handshake adds here. */
  private connectMs(call: Call, pod: Pod): number {
    const { networkNext } = call.target;
    return (
      this.network.latencyMs(call.callerZone, pod.zone, networkNext) +
      this.network.latencyMs(pod.zone, call.callerZone, networkNext)
    );
  }

  private readonly arrive = (call: Call): void => {
    const pod = call.pod!;
    call.arrivedAt = this.sim.now;
    call.target.service.stats.arrived();
    // Only a cluster that can change keeps its pods' calls (src/model/cluster/pod-calls.ts).
    if (pod.calls !== undefined && !pod.calls.enter(call)) {
      this.finish(call, 'connect_failure', 'here');
      return;
    }
    if (pod.workersBusy < pod.concurrency) {
      this.takeWorker(pod, call);
    } else if (pod.workerQueue.length < pod.queueLimit) {
      pod.workerQueue.push(call);
    } else {
      this.finish(call, 'overflow', 'here');
    }
  };

  private takeWorker(pod: Pod, call: Call): void {
    const now = this.sim.now;
    pod.workersBusy++;
    pod.busyWorkers.add(now, 1);
    call.holdsWorker = true;
    const endpoint = call.target.endpoint;
    if (call.request.measured) endpoint.workerWait.record(now - call.arrivedAt);
    const cpu = pod.version === undefined ? endpoint.cpu : pod.version.cpu(endpoint);
    const workMs = cpu.sample(endpoint.cpuNext);
    // Its time on the CPU were nothing else running: what a CPU wait is measured against.
    call.cpuMs = workMs / pod.cpu.speed;
    call.cpuAskedAt = now;
    pod.cpu.run(call, workMs);
  }

  /** Its CPU burst is done: called by the pod's CPU (src/model/cpu/). */
  readonly cpuDone = (call: Call): void => {
    if (call.finished) return; // cut when its pod's grace period ended: nothing to continue
    const pod = call.pod!;
    if (call.request.measured)
      call.target.endpoint.cpuWait.record(cpuWaitMs(this.sim.now - call.cpuAskedAt, call.cpuMs));
    if (!call.target.service.holdWorkerWhileWaiting) this.releaseWorker(pod, call);
    const endpoint = call.target.endpoint;
    const errorRate =
      pod.version === undefined ? endpoint.errorRate : pod.version.errorRate(endpoint);
    if (errorRate > 0 && endpoint.errorNext() < errorRate) this.finish(call, 'error', 'here');
    else this.continueSteps(call);
  };

  private releaseWorker(pod: Pod, call: Call): void {
    call.holdsWorker = false;
    pod.workersBusy--;
    pod.busyWorkers.add(this.sim.now, -1);
    const waiting = pod.workerQueue.shift();
    if (waiting !== undefined) this.takeWorker(pod, waiting);
  }

  /** Runs the endpoint's steps from call.nextStep until one must wait for a response. */
  private continueSteps(call: Call): void {
    const { steps, callNext } = call.target.endpoint;
    const zone = call.pod!.zone;
    while (call.nextStep < steps.length) {
      const step = steps[call.nextStep++]!;
      if (step.kind === 'call') {
        if (!taken(step.target, callNext)) continue;
        call.pendingBranches = 1;
        this.send(new Call(call.request, call, step.target, zone));
        return;
      }
      let sent = 0;
      for (const branch of step.branches) {
        if (!taken(branch, callNext)) continue;
        sent++;
        this.send(new Call(call.request, call, branch, zone));
      }
      call.pendingBranches = sent;
      if (sent > 0) return;
    }
    this.finish(call, undefined, 'here');
  }

  /**
   * Fails a call in a pod that is being killed (its grace period is over, or it crashed):
   * a reset (Envoy UC). Its CPU burst, if running, is not taken back (that is cancellation's
   * work); when it completes, it is ignored.
   */
  cutCall(call: Call): void {
    this.finish(call, 'reset', 'here');
  }

  /** `origin`: whether a failure began in this call's pod or in a downstream call. */
  private finish(
    call: Call,
    failure: FailureCause | undefined,
    origin: 'here' | 'downstream',
  ): void {
    const pod = call.pod!;
    call.finished = true;
    call.failure = failure;
    if (call.holdsWorker) this.releaseWorker(pod, call);
    pod.active--;
    pod.calls?.leave(call);
    pod.served++;
    const latencyMs = this.sim.now - call.arrivedAt;
    const failed = failure !== undefined;
    const passedOn = origin === 'downstream';
    const { measured } = call.request;
    call.target.service.stats.ended(latencyMs, failed, measured, passedOn);
    call.target.endpoint.stats.ended(latencyMs, failed, measured, passedOn, failure);
    if (!failed) this.transfers.responseSent(call);
    this.sim.schedule(
      this.network.latencyMs(pod.zone, call.callerZone, call.target.networkNext),
      this.deliverResponse,
      call,
    );
  }

  private readonly deliverResponse = (call: Call): void => {
    this.callsInFlight--;
    call.client?.responded(call, this.dispatch);
    if (call.parent === undefined && call.request.ended) return; // timed out: edge already counted
    call.target.edge.ended(
      this.sim.now - call.sentAt,
      call.failure !== undefined,
      call.request.measured,
    );
    const parent = call.parent;
    if (parent === undefined) {
      this.endRequest(call.request, call.failure);
      return;
    }
    if (parent.finished) return; // it already failed fast on another branch
    if (call.failure !== undefined) {
      this.finish(parent, call.failure, 'downstream');
      return;
    }
    if (--parent.pendingBranches === 0) this.continueSteps(parent);
  };

  /** The client gives up: its edge sees a failure now; the servers work on, unaware. */
  private readonly timeOut = (request: Request): void => {
    request.timeout = -1;
    const root = request.root!;
    root.target.edge.ended(this.sim.now - root.sentAt, true, request.measured);
    this.endRequest(request, 'timeout');
  };

  private endRequest(request: Request, failure: FailureCause | undefined): void {
    if (request.ended) return; // the client already timed out
    request.ended = true;
    if (request.timeout !== -1) this.sim.cancel(request.timeout);
    this.totals.ended(this.sim.now - request.startedAt, failure !== undefined, request.measured);
    this.onRequestEnd(request, failure);
  }
}

/**
 * Time runnable but not running: queued for a core (FIFO), or sharing cores and throttled
 * (CFS), beyond the burst's own time. Below a nanosecond it is float rounding, not a wait.
 */
function cpuWaitMs(elapsedMs: number, aloneMs: number): number {
  const wait = elapsedMs - aloneMs;
  return wait > 1e-6 ? wait : 0;
}

function taken(target: CallTarget, next: () => number): boolean {
  return target.probability >= 1 || next() < target.probability;
}
