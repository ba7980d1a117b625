import type { Simulation } from '../engine/simulation.js';
import type { CallStats } from '../metrics/call-stats.js';
import type { FailureCause } from '../metrics/run-result.js';
import type { Network } from './network.js';
import type { Pod } from './pod.js';
import type { Request } from './request.js';
import type { CallTarget } from './service.js';
import {
  Attempt,
  type AttemptPhase,
  CALLING,
  CANCELLED,
  FINISHED,
  ON_CPU,
  QUEUED,
  SENT,
} from './traffic/attempt.js';
import type { AttemptObserver } from './traffic/attempt-observer.js';
import type { SendStep } from './traffic/client.js';
import { LogicalCall } from './traffic/logical-call.js';
import { NEVER_RETRY, type RetryDecision } from './traffic/retry-decision.js';
import type { Transfers } from './transfers.js';

/** Told when an end-to-end request ends; the workload and the metrics listen. */
export type RequestEndListener = (request: Request, failure: FailureCause | undefined) => void;

/**
 * How a call moves through the system. A logical call (what the caller's code asked for)
 * is made of attempts, each to one pod, one event per step of its life:
 *   send ─network─▶ arrive at pod ─(worker, maybe queued)─▶ CPU (maybe queued for a core)
 *   ─▶ downstream steps in order (a parallel step waits for all its branches)
 *   ─▶ finish ─network─▶ the caller continues, or the client gets its response.
 * A failed attempt may be sent again (RetryDecision; by default never). A failure anywhere
 * (overflow 503, application error 500, no ready pod, a gone pod, a call step's deadline)
 * ends the call
 * and fails its caller in turn, keeping the root cause. A caller that gives up (its
 * deadline, or it was cancelled itself) cancels its attempts where the callee's service
 * learns of it (`onClientGone: cancel`). Actions are created once, here, and get the
 * Attempt or LogicalCall as their event data: no closure per event.
 */
export class Traffic {
  /**
   * Attempts sent whose response has not been delivered, orphans included (a branch still
   * running after its parent failed fast, a server still working for a client that timed
   * out): the run is over only when these are done, or the drain ends.
   */
  callsInFlight = 0;
  /** M4: what the mesh's proxies report (src/model/traffic/attempt-observer.ts); none: no cost */
  observer: AttemptObserver | undefined = undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    private readonly totals: CallStats,
    private readonly onRequestEnd: RequestEndListener,
    /** counts the bytes of every call and response (docs/nodes.md) */
    private readonly transfers: Transfers,
    /** whether a failed attempt is sent again */
    private readonly retry: RetryDecision = NEVER_RETRY,
  ) {}

  /** Starts a request from a client outside the cluster. */
  startRequest(request: Request, entry: CallTarget, timeoutMs: number | undefined): void {
    const call = new LogicalCall(request, undefined, entry, undefined);
    request.root = call;
    this.observer?.requestStarted(request, this.sim.now);
    this.totals.arrived();
    this.startCall(call, timeoutMs);
  }

  /** The caller asks: its deadline starts, and the first attempt goes out. */
  private startCall(call: LogicalCall, timeoutMs: number | undefined): void {
    if (timeoutMs !== undefined) call.deadline = this.sim.schedule(timeoutMs, this.deadline, call);
    call.sentAt = this.sim.now;
    call.target.edge.arrived();
    this.send(call);
  }

  /**
   * Sends a new attempt of the call to a pod the load balancer picks: the caller's own
   * client's (src/model/traffic/client.ts) when the service has per-caller clients.
   */
  private send(call: LogicalCall): void {
    const attempt = new Attempt(call);
    call.attempt = attempt;
    call.attempts++;
    const { service } = call.target;
    this.callsInFlight++;
    attempt.sentAt = this.sim.now;
    if (service.clients !== undefined) {
      service.clients.of(attempt).send(attempt, this.dispatch);
      return;
    }
    if (service.readyPods.length === 0) {
      this.dispatch(attempt, undefined, 'unavailable');
      return;
    }
    const pod = service.pickPod(service.readyPods, call.callerZone, call.target.callerPods);
    this.dispatch(attempt, pod, 'direct');
  }

  /**
   * The attempt leaves for the pod its caller chose (src/model/traffic/client.ts): at once
   * on an open connection, after a round trip on a new one; a refused connect fails after it.
   */
  private readonly dispatch = (attempt: Attempt, pod: Pod | undefined, step: SendStep): void => {
    const call = attempt.call;
    if (pod === undefined) {
      attempt.failure = 'unavailable';
      attempt.phase = FINISHED;
      this.sim.schedule(0, this.deliverResponse, attempt);
      return;
    }
    if (step === 'refused') {
      attempt.failure = 'connect_failure';
      attempt.phase = FINISHED;
      this.sim.schedule(this.connectMs(attempt, pod), this.deliverResponse, attempt);
      return;
    }
    attempt.pod = pod;
    pod.active++;
    this.transfers.requestSent(attempt);
    const waitMs = step === 'direct' ? 0 : this.connectionWaitMs(attempt, pod, step);
    attempt.event = this.sim.schedule(
      waitMs + this.network.latencyMs(call.callerZone, pod.zone, call.target.networkNext),
      this.arrive,
      attempt,
    );
  };

  /** Until the attempt's connection is open: a new one's handshake, or the rest of it. */
  private connectionWaitMs(attempt: Attempt, pod: Pod, step: SendStep): number {
    const connection = attempt.connection!;
    if (step === 'opened') connection.readyAt = this.sim.now + this.connectMs(attempt, pod);
    return Math.max(0, connection.readyAt - this.sim.now);
  }

  /** The pod refused the attempt (it is gone): the caller learns it a network hop later. */
  private refuse(attempt: Attempt, pod: Pod): void {
    pod.active--;
    attempt.failure = 'connect_failure';
    attempt.phase = FINISHED;
    const { callerZone, target } = attempt.call;
    this.sim.schedule(
      this.network.latencyMs(pod.zone, callerZone, target.networkNext),
      this.deliverResponse,
      attempt,
    );
  }

  /** Opening a connection: one round trip (SYN, SYN-ACK). The mesh's TLS handshake adds here. */
  private connectMs(attempt: Attempt, pod: Pod): number {
    const { callerZone, target } = attempt.call;
    return (
      this.network.latencyMs(callerZone, pod.zone, target.networkNext) +
      this.network.latencyMs(pod.zone, callerZone, target.networkNext)
    );
  }

  private readonly arrive = (attempt: Attempt): void => {
    attempt.event = -1;
    const pod = attempt.pod!;
    // Only a cluster that can change keeps its pods' calls (src/model/cluster/pod-calls.ts).
    // A pod that is gone refuses the connection: its service never sees the call, and the
    // failure begins at the caller (the registry's origin for connect_failure).
    if (pod.calls !== undefined && !pod.calls.enter(attempt)) {
      this.refuse(attempt, pod);
      return;
    }
    attempt.arrivedAt = this.sim.now;
    attempt.call.target.service.stats.arrived();
    if (pod.workersBusy < pod.concurrency) {
      this.takeWorker(pod, attempt);
    } else if (pod.workerQueue.length < pod.queueLimit) {
      attempt.phase = QUEUED;
      pod.workerQueue.push(attempt);
    } else {
      this.finish(attempt, 'overflow', 'here');
    }
  };

  private takeWorker(pod: Pod, attempt: Attempt): void {
    const now = this.sim.now;
    pod.workersBusy++;
    pod.busyWorkers.add(now, 1);
    attempt.holdsWorker = true;
    attempt.phase = ON_CPU;
    const endpoint = attempt.call.target.endpoint;
    if (attempt.call.request.measured) endpoint.workerWait.record(now - attempt.arrivedAt);
    const cpu = pod.version === undefined ? endpoint.cpu : pod.version.cpu(endpoint);
    const workMs = cpu.sample(endpoint.cpuNext);
    // Its time on the CPU were nothing else running: what a CPU wait is measured against.
    attempt.cpuMs = workMs / pod.cpu.speed;
    attempt.cpuAskedAt = now;
    pod.cpu.run(attempt, workMs);
  }

  /** Its CPU burst is done: called by the pod's CPU (src/model/cpu/). */
  readonly cpuDone = (attempt: Attempt): void => {
    const pod = attempt.pod!;
    const { target, request } = attempt.call;
    const endpoint = target.endpoint;
    if (request.measured)
      endpoint.cpuWait.record(cpuWaitMs(this.sim.now - attempt.cpuAskedAt, attempt.cpuMs));
    attempt.phase = CALLING;
    if (!target.service.holdWorkerWhileWaiting) this.releaseWorker(pod, attempt);
    const errorRate =
      pod.version === undefined ? endpoint.errorRate : pod.version.errorRate(endpoint);
    if (errorRate > 0 && endpoint.errorNext() < errorRate) this.finish(attempt, 'error', 'here');
    else this.continueSteps(attempt);
  };

  private releaseWorker(pod: Pod, attempt: Attempt): void {
    attempt.holdsWorker = false;
    pod.workersBusy--;
    pod.busyWorkers.add(this.sim.now, -1);
    const waiting = pod.workerQueue.shift();
    if (waiting !== undefined) this.takeWorker(pod, waiting);
  }

  /** Runs the endpoint's steps from attempt.nextStep until one must wait for a response. */
  private continueSteps(attempt: Attempt): void {
    const { steps, callNext } = attempt.call.target.endpoint;
    const zone = attempt.pod!.zone;
    while (attempt.nextStep < steps.length) {
      const step = steps[attempt.nextStep++]!;
      if (step.kind === 'call') {
        if (!taken(step.target, callNext)) continue;
        attempt.pendingBranches = 1;
        attempt.firstChild = undefined;
        this.call(attempt, step.target, zone);
        return;
      }
      attempt.firstChild = undefined;
      let sent = 0;
      for (const branch of step.branches) {
        if (!taken(branch, callNext)) continue;
        sent++;
        this.call(attempt, branch, zone);
      }
      attempt.pendingBranches = sent;
      if (sent > 0) return;
    }
    this.finish(attempt, undefined, 'here');
  }

  /** The attempt's endpoint calls `target`: a new logical call, one of its step's calls. */
  private call(parent: Attempt, target: CallTarget, zone: string): void {
    const call = new LogicalCall(parent.call.request, parent, target, zone);
    call.nextSibling = parent.firstChild;
    parent.firstChild = call;
    this.startCall(call, target.timeoutMs);
  }

  /**
   * Fails an attempt in a pod that is being killed (its grace period is over, or it
   * crashed): its work stops as when cancelled, and its caller gets a reset (Envoy UC).
   * An attempt already finished or cancelled is left alone.
   */
  cutCall(attempt: Attempt): void {
    const phase = attempt.phase;
    if (phase === SENT || phase === FINISHED || phase === CANCELLED) return;
    this.stopWork(attempt, phase);
    this.finish(attempt, 'reset', 'here');
  }

  /** `origin`: whether a failure began in this attempt's pod or in a downstream call. */
  private finish(
    attempt: Attempt,
    failure: FailureCause | undefined,
    origin: 'here' | 'downstream',
  ): void {
    const pod = attempt.pod!;
    const { target, request } = attempt.call;
    attempt.phase = FINISHED;
    attempt.failure = failure;
    if (attempt.holdsWorker) this.releaseWorker(pod, attempt);
    pod.active--;
    pod.calls?.leave(attempt);
    pod.served++;
    const latencyMs = this.sim.now - attempt.arrivedAt;
    const failed = failure !== undefined;
    const passedOn = origin === 'downstream';
    const { measured } = request;
    target.service.stats.ended(latencyMs, failed, measured, passedOn);
    target.endpoint.stats.ended(latencyMs, failed, measured, passedOn, failure);
    // Failing fast, it leaves the other calls of its step; those that can be told are.
    if (failed && attempt.firstChild !== undefined) this.leaveCalls(attempt, failure);
    if (!failed) this.transfers.responseSent(attempt);
    this.observer?.responseSent(attempt, this.sim.now);
    this.sim.schedule(
      this.network.latencyMs(pod.zone, attempt.call.callerZone, target.networkNext),
      this.deliverResponse,
      attempt,
    );
  }

  private readonly deliverResponse = (attempt: Attempt): void => {
    this.callsInFlight--;
    attempt.client?.responded(attempt, this.dispatch);
    const call = attempt.call;
    if (call.ended) return; // the caller stopped waiting: its edge already counted it
    this.observer?.responseReceived(attempt, this.sim.now);
    const failure = attempt.failure;
    const { measured } = call.request;
    call.target.attempts.ended(failure !== undefined, measured);
    const parent = call.parent;
    const callerWaits = parent === undefined || parent.phase === CALLING;
    if (failure !== undefined && callerWaits && this.retry(call, attempt)) {
      this.send(call);
      return;
    }
    this.endCall(call, failure !== undefined);
    if (parent === undefined) {
      this.endRequest(call.request, failure);
      return;
    }
    if (!callerWaits) return; // it already failed fast on another branch, or was cancelled
    if (failure !== undefined) {
      this.finish(parent, failure, 'downstream');
      return;
    }
    if (--parent.pendingBranches === 0) this.continueSteps(parent);
  };

  /** The call ends for its caller: its edge counts it now. */
  private endCall(call: LogicalCall, failed: boolean): void {
    call.ended = true;
    if (call.deadline !== -1) {
      this.sim.cancel(call.deadline);
      call.deadline = -1;
    }
    call.target.edge.ended(this.sim.now - call.sentAt, failed, call.request.measured);
    this.observer?.callEnded(call, this.sim.now, failed);
  }

  /**
   * The caller's timeout passed: the end client's ('timeout') or a call step's
   * ('deadline_exceeded', which fails the caller as any failure does). Its edge sees a
   * failure now; the attempt is left to its server, which stops only if it learns of it.
   * A deadline begins on the client's side (the cause registry's origin), so the calling
   * endpoint counts it as passed on, as it does a call that found no ready pod.
   */
  private readonly deadline = (call: LogicalCall): void => {
    call.deadline = -1;
    const { request, parent } = call;
    const cause = parent === undefined ? 'timeout' : 'deadline_exceeded';
    call.target.attempts.ended(true, request.measured);
    this.observer?.responseReceived(call.attempt!, this.sim.now, cause);
    this.endCall(call, true);
    this.giveUp(call.attempt!, cause);
    if (parent === undefined) this.endRequest(request, cause);
    else if (parent.phase === CALLING) this.finish(parent, cause, 'downstream');
  };

  /**
   * The caller stops waiting for the calls of the attempt's current step: each one not yet
   * ended whose server learns of it ends now as a failure on its edge, and its attempt is
   * cancelled. Calls to servers that never learn run on as orphans, their responses
   * ignored (counted on their edge when they arrive, as before cancellation existed).
   */
  private leaveCalls(attempt: Attempt, cause: FailureCause): void {
    for (let call = attempt.firstChild; call !== undefined; call = call.nextSibling) {
      if (call.ended || !call.target.service.cancelsWhenClientGone) continue;
      call.target.attempts.ended(true, call.request.measured);
      this.observer?.responseReceived(call.attempt!, this.sim.now, cause);
      this.endCall(call, true);
      this.cancel(call.attempt!, cause);
    }
  }

  /** Its caller gave up on the attempt: the server stops only if it learns of it. */
  private giveUp(attempt: Attempt, cause: FailureCause): void {
    if (attempt.call.target.service.cancelsWhenClientGone) this.cancel(attempt, cause);
  }

  /**
   * Cancels an attempt, wherever it is: on the wire it never arrives; queued, it leaves
   * the worker queue; on the CPU, its burst stops and frees the core; calling, it gives up
   * its own calls in turn. It sends no response. A finished attempt (its response on the
   * way) has nothing left to stop. The service counts it as a failure passed on, with the
   * caller's cause: it began with the caller. Its connection is freed for the next call.
   */
  cancel(attempt: Attempt, cause: FailureCause): void {
    const pod = attempt.pod;
    const phase = attempt.phase;
    if (pod === undefined || phase === FINISHED || phase === CANCELLED) return;
    attempt.phase = CANCELLED;
    this.callsInFlight--;
    attempt.client?.responded(attempt, this.dispatch);
    pod.active--;
    if (phase === SENT) {
      this.sim.cancel(attempt.event);
      attempt.event = -1;
      pod.calls?.leave(attempt);
      return;
    }
    this.stopWork(attempt, phase);
    if (attempt.holdsWorker) this.releaseWorker(pod, attempt);
    pod.calls?.leave(attempt);
    pod.served++;
    const { target, request } = attempt.call;
    const latencyMs = this.sim.now - attempt.arrivedAt;
    target.service.stats.ended(latencyMs, true, request.measured, true);
    target.endpoint.stats.ended(latencyMs, true, request.measured, true, cause);
    this.observer?.responseSent(attempt, this.sim.now, cause);
    if (phase === CALLING && attempt.firstChild !== undefined) this.leaveCalls(attempt, cause);
  }

  /** Takes the attempt out of its pod's worker queue, or its burst off the CPU. */
  private stopWork(attempt: Attempt, phase: AttemptPhase): void {
    if (phase === QUEUED) attempt.pod!.workerQueue.remove(attempt);
    else if (phase === ON_CPU) attempt.pod!.cpu.cancel(attempt);
  }

  private endRequest(request: Request, failure: FailureCause | undefined): void {
    if (request.ended) return; // the client already timed out
    request.ended = true;
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
