import type { Simulation } from '../engine/simulation.js';
import type { CallStats } from '../metrics/call-stats.js';
import type { FailureCause } from '../metrics/run-result.js';
import type { InjectedFaults } from './faults/injected-faults.js';
import type { ProxyPath } from './mesh/proxy/proxy-path.js';
import type { CallerPolicy } from './mesh/resilience/caller-policy.js';
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
import { ProbeRequest } from './traffic/probe-request.js';
import { NEVER_RETRY, type RetryDecision } from './traffic/retry-decision.js';
import type { Transfers } from './transfers.js';

/** A caller without a client sees no cluster (outlier detection skips it). */
const NO_HOSTS: readonly Pod[] = [];

/** The resilience policies of a call's caller for its callee (issue 12, M2), if any. */
export type PolicyLookup = (call: LogicalCall) => CallerPolicy | undefined;

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
  /** Issue 12, M1: the mesh's proxies on every call's path (useProxies); none without a mesh. */
  private proxies: ProxyPath | undefined = undefined;
  /** M4: what the mesh's proxies report (src/model/traffic/attempt-observer.ts); none: no cost */
  observer: AttemptObserver | undefined = undefined;
  /** Issue 14: faults injected into calls (src/model/faults/injected-faults.ts); none: no cost */
  injected: InjectedFaults | undefined = undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    private readonly totals: CallStats,
    private readonly onRequestEnd: RequestEndListener,
    /** counts the bytes of every call and response (docs/nodes.md) */
    private readonly transfers: Transfers,
    /** whether a failed attempt is sent again */
    private readonly retry: RetryDecision = NEVER_RETRY,
    /** absent when no caller applies policies (mesh strategy none): nothing is asked */
    private readonly policies?: PolicyLookup,
  ) {}

  /** Every call crosses the mesh's proxies from now on (src/model/mesh/proxy/proxy-path.ts). */
  useProxies(proxies: ProxyPath): void {
    this.proxies = proxies;
    proxies.connect(this.arrive, this.deliverResponse, {
      callee: this.responseForwarded,
      waypoint: this.waypointResponded,
    });
  }

  /** The callee's side has sent the response on, after its proxy's work (reporter=destination). */
  private readonly responseForwarded = (attempt: Attempt): void => {
    this.observer?.responseForwarded(attempt, this.sim.now);
  };

  /** The callee's waypoint has passed the response back (reporter=waypoint). */
  private readonly waypointResponded = (attempt: Attempt): void => {
    this.observer?.waypointResponded(attempt, this.sim.now);
  };

  /** Starts a request from a client outside the cluster. */
  startRequest(request: Request, entry: CallTarget, timeoutMs: number | undefined): void {
    this.totals.arrived();
    this.sendRequest(request, entry, timeoutMs);
  }

  /**
   * Sends a request's attempt into the system; on its own, a client's retry
   * (src/model/arrivals/client-retry.ts): no new arrival from the client.
   */
  sendRequest(request: Request, entry: CallTarget, timeoutMs: number | undefined): void {
    const call = new LogicalCall(request, undefined, entry, undefined);
    request.root = call;
    this.observer?.requestStarted(request, this.sim.now);
    this.startCall(call, timeoutMs);
  }

  /**
   * Issue 13: a call from an event source (src/model/serverless/events/) to a function: a
   * request of its own whose end goes to `request.onEnd`, not to the client metrics.
   */
  startBackground(request: Request, entry: CallTarget): void {
    const call = new LogicalCall(request, undefined, entry, undefined);
    request.root = call;
    this.startCall(call, undefined);
  }

  /** The caller asks: its deadline starts, and the first attempt goes out. */
  private startCall(call: LogicalCall, timeoutMs: number | undefined): void {
    if (timeoutMs !== undefined) call.deadline = this.sim.schedule(timeoutMs, this.deadline, call);
    call.sentAt = this.sim.now;
    call.target.edge.arrived();
    if (this.policies !== undefined) this.applyPolicy(call, this.policies(call));
    this.send(call);
  }

  /** The caller's policies govern the call: its route timeout covers every try. */
  private applyPolicy(call: LogicalCall, policy: CallerPolicy | undefined): void {
    call.policy = policy;
    const routeMs = policy?.routeTimeoutMs;
    if (routeMs !== undefined)
      call.routeDeadline = this.sim.schedule(routeMs, this.routeTimedOut, call);
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
    if (call.policy !== undefined && !this.admit(call.policy, attempt)) return;
    if (this.injected !== undefined && this.aborted(attempt, this.injected)) return;
    if (service.invoker !== undefined) {
      this.gatewayDeadline(call, service.invoker.integrationTimeoutMs(attempt));
      service.invoker.invoke(attempt, this.dispatch);
      return;
    }
    if (service.clients !== undefined) {
      service.clients.of(attempt).send(attempt, this.dispatch, this.mirror);
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
   * An injected abort (docs/faults.md) answers the attempt before it leaves, as the mesh's
   * route fault does (src/model/mesh/routing/proxy-routes.ts): cause fault_abort, no pod.
   */
  private aborted(attempt: Attempt, injected: InjectedFaults): boolean {
    const status = injected.abortStatus(attempt.call);
    if (status === 0) return false;
    attempt.abortStatus = status;
    this.dispatch(attempt, undefined, 'aborted');
    return true;
  }

  /**
   * A function's API gateway answers 504 when the function has not answered within its
   * integration timeout, counted from the call's first try (a shorter route timeout of the
   * caller's proxy stays). The function is not told: it runs, and is billed, to its end.
   */
  private gatewayDeadline(call: LogicalCall, timeoutMs: number | undefined): void {
    if (timeoutMs === undefined || call.attempts > 1 || call.ended) return;
    const routeMs = call.policy?.routeTimeoutMs;
    if (routeMs !== undefined && routeMs <= timeoutMs) return;
    if (call.routeDeadline !== -1) this.sim.cancel(call.routeDeadline);
    call.routeDeadline = this.sim.schedule(timeoutMs, this.routeTimedOut, call);
  }

  /** The caller's circuit breaker lets the try go (else 503 UO at once); its per-try timer starts. */
  private admit(policy: CallerPolicy, attempt: Attempt): boolean {
    if (!policy.admit(attempt)) {
      this.dispatch(attempt, undefined, 'overflow');
      return false;
    }
    const tryMs = policy.perTryTimeoutMs;
    if (tryMs !== undefined)
      attempt.tryTimeout = this.sim.schedule(tryMs, this.tryTimedOut, attempt);
    return true;
  }

  /** The call was sent again after its back-off. */
  private readonly resend = (call: LogicalCall): void => {
    call.retryEvent = -1;
    this.send(call);
  };

  /**
   * M3: a mirror's copy of a call, sent by the caller's proxy to `version` of the same
   * service (src/model/mesh/routing/): fire and forget. It is ended for its caller from the
   * start, so nobody waits for it and its response is dropped on arrival; the callee and its
   * own calls serve it as any call.
   */
  private readonly mirror = (call: LogicalCall, version: string): void => {
    const copy = new LogicalCall(call.request, call.parent, call.target, call.callerZone);
    copy.ended = true;
    copy.routedTo = version;
    copy.sentAt = this.sim.now;
    this.send(copy);
  };

  /**
   * The attempt leaves for the pod its caller chose (src/model/traffic/client.ts): at once
   * on an open connection, after a round trip on a new one; a refused connect fails after it.
   * A function's instance (src/model/serverless/) may first make it wait `delayMs` (its API
   * gateway, its init), or refuse it (429).
   */
  private readonly dispatch = (
    attempt: Attempt,
    pod: Pod | undefined,
    step: SendStep | 'throttled',
    delayMs = 0,
  ): void => {
    const call = attempt.call;
    if (pod === undefined) {
      attempt.failure =
        step === 'overflow'
          ? 'circuit_open'
          : step === 'aborted'
            ? 'fault_abort'
            : step === 'throttled'
              ? 'throttled'
              : 'unavailable';
      attempt.phase = FINISHED;
      if (step === 'throttled') this.refusedByFunction(call);
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
    const requestBytes = this.transfers.requestSent(attempt);
    this.observer?.bytesCarried(attempt, requestBytes, 0);
    const waitMs =
      step === 'direct' || step === 'throttled'
        ? delayMs
        : this.connectionWaitMs(attempt, pod, step);
    let wireMs =
      waitMs + this.network.latencyMs(call.callerZone, pod.zone, call.target.networkNext);
    if (this.injected !== undefined) wireMs += this.injected.requestMs(call, requestBytes);
    if (this.proxies === undefined) attempt.event = this.sim.schedule(wireMs, this.arrive, attempt);
    else this.proxies.sendRequest(attempt, wireMs);
  };

  /**
   * A function (or its API gateway) refused the call with 429: a failure that begins at the
   * function (the registry's origin for `throttled`), counted at its `invoke` endpoint as a
   * service counts a call its full queue refused. No time passed in it.
   */
  private refusedByFunction(call: LogicalCall): void {
    const { target, request } = call;
    target.service.stats.arrived();
    target.service.stats.ended(0, true, request.measured, false);
    target.endpoint.stats.ended(0, true, request.measured, false, 'throttled');
  }

  /** Until the attempt's connection is open: a new one's handshake, or the rest of it. */
  private connectionWaitMs(attempt: Attempt, pod: Pod, step: SendStep): number {
    const connection = attempt.connection!;
    if (step === 'opened') {
      this.observer?.connectionOpened(attempt);
      let connectMs = this.connectMs(attempt, pod);
      if (this.injected !== undefined) connectMs += this.injected.handshakeMs(attempt.call);
      // The mesh's mTLS handshake follows TCP's round trip (proxy-path.ts).
      const tlsMs = this.proxies?.handshakeMs(attempt, pod, connectMs) ?? 0;
      connection.readyAt = this.sim.now + connectMs + tlsMs;
    }
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

  /** Opening a connection: one round trip (SYN, SYN-ACK); the mesh's TLS handshake follows. */
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
    if (attempt instanceof ProbeRequest) {
      attempt.cpuMs = attempt.workMs / pod.cpu.speed;
      pod.cpu.run(attempt, attempt.workMs);
      return;
    }
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
    if (attempt instanceof ProbeRequest) {
      attempt.phase = FINISHED;
      this.releaseWorker(pod, attempt);
      attempt.answered(attempt);
      return;
    }
    const { target, request } = attempt.call;
    const endpoint = target.endpoint;
    if (request.measured)
      endpoint.cpuWait.record(cpuWaitMs(this.sim.now - attempt.cpuAskedAt, attempt.cpuMs));
    attempt.phase = CALLING;
    if (!target.service.holdWorkerWhileWaiting) this.releaseWorker(pod, attempt);
    const errorRate =
      pod.version === undefined ? endpoint.errorRate : pod.version.errorRate(endpoint);
    if (errorRate > 0 && endpoint.errorNext() < errorRate) this.finish(attempt, 'error', 'here');
    else if (pod.fault !== undefined && pod.fault.next() < pod.fault.errorRate)
      this.finish(attempt, 'error', 'here');
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
  cutCall(attempt: Attempt, cause: FailureCause = 'reset'): void {
    const phase = attempt.phase;
    if (phase === SENT || phase === FINISHED || phase === CANCELLED) return;
    this.stopWork(attempt, phase);
    this.finish(attempt, cause, 'here');
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
    target.service.invoker?.ended(attempt, true);
    const latencyMs = this.sim.now - attempt.arrivedAt;
    const failed = failure !== undefined;
    const passedOn = origin === 'downstream';
    const { measured } = request;
    target.service.stats.ended(latencyMs, failed, measured, passedOn);
    target.endpoint.stats.ended(latencyMs, failed, measured, passedOn, failure);
    pod.versionStats?.ended(latencyMs, failed, measured, passedOn, failure);
    // Failing fast, it leaves the other calls of its step; those that can be told are.
    if (failed && attempt.firstChild !== undefined) this.leaveCalls(attempt, failure);
    let responseBytes = 0;
    if (!failed) {
      responseBytes = this.transfers.responseSent(attempt);
      this.observer?.bytesCarried(attempt, 0, responseBytes);
    }
    this.observer?.responseSent(attempt, this.sim.now);
    let wireMs = this.network.latencyMs(pod.zone, attempt.call.callerZone, target.networkNext);
    if (this.injected !== undefined)
      wireMs += this.injected.responseMs(attempt.call, responseBytes);
    if (this.proxies === undefined) {
      this.observer?.responseForwarded(attempt, this.sim.now);
      this.sim.schedule(wireMs, this.deliverResponse, attempt);
    } else this.proxies.sendResponse(attempt, wireMs);
  }

  private readonly deliverResponse = (attempt: Attempt): void => {
    this.callsInFlight--;
    attempt.client?.responded(attempt, this.dispatch);
    const call = attempt.call;
    call.policy?.release(attempt);
    // The caller stopped waiting (its edge already counted it), or gave up on this try.
    if (call.ended || attempt.abandoned) return;
    this.observer?.responseReceived(attempt, this.sim.now);
    this.tryEnded(call, attempt, attempt.failure);
  };

  /** A try's outcome reaches its caller: a response, or its per-try timeout. */
  private tryEnded(call: LogicalCall, attempt: Attempt, failure: FailureCause | undefined): void {
    const { measured } = call.request;
    call.target.attempts.ended(failure !== undefined, measured);
    const policy = call.policy;
    if (policy !== undefined)
      policy.observed(attempt, failure, attempt.client?.clusterOf(call) ?? NO_HOSTS);
    const parent = call.parent;
    const callerWaits = parent === undefined || parent.phase === CALLING;
    if (failure !== undefined && callerWaits) {
      if (policy !== undefined) {
        const backOffMs = policy.retryAfter(call, attempt, failure);
        if (backOffMs >= 0) {
          call.retryEvent = this.sim.schedule(backOffMs, this.resend, call);
          return;
        }
      } else if (this.retry(call, attempt)) {
        this.send(call);
        return;
      }
    }
    // A try its per-try timeout abandoned has no response: the call ends with the timeout.
    this.endCall(call, failure !== undefined, attempt.abandoned ? failure : undefined);
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
  }

  /**
   * The call ends for its caller: its edge counts it now, and its caller's proxy reports it
   * (with `gaveUp` when no response ended it: the caller stopped waiting, or the last try's
   * per-try timeout passed).
   */
  private endCall(call: LogicalCall, failed: boolean, gaveUp?: FailureCause): void {
    call.ended = true;
    if (call.policy !== undefined) call.policy.callEnded(call);
    else if (call.routeDeadline !== -1) {
      // A function's gateway timeout, the one route deadline without a proxy's policy.
      this.sim.cancel(call.routeDeadline);
      call.routeDeadline = -1;
    }
    if (call.deadline !== undefined) {
      this.sim.cancel(call.deadline);
      call.deadline = undefined;
    }
    call.target.edge.ended(this.sim.now - call.sentAt, failed, call.request.measured);
    this.observer?.callEnded(call, this.sim.now, failed, gaveUp);
  }

  /**
   * The caller's timeout passed: the end client's ('timeout') or a call step's
   * ('deadline_exceeded', which fails the caller as any failure does). Its edge sees a
   * failure now; the attempt is left to its server, which stops only if it learns of it.
   * A deadline begins on the client's side (the cause registry's origin), so the calling
   * endpoint counts it as passed on, as it does a call that found no ready pod.
   */
  private readonly deadline = (call: LogicalCall): void => {
    call.deadline = undefined;
    this.expire(call, call.parent === undefined ? 'timeout' : 'deadline_exceeded');
  };

  /**
   * The route timeout of the caller's proxy passed (every try and back-off included): 504
   * UT, `deadline_exceeded`, also for the ingress's call (the gateway answers the client).
   */
  private readonly routeTimedOut = (call: LogicalCall): void => {
    call.routeDeadline = -1;
    this.expire(call, 'deadline_exceeded');
  };

  private expire(call: LogicalCall, cause: FailureCause): void {
    const { request, parent } = call;
    // In a back-off no try is out: the last one was counted at its response.
    if (call.retryEvent === -1) call.target.attempts.ended(true, request.measured);
    this.observer?.responseReceived(call.attempt!, this.sim.now, cause);
    this.endCall(call, true, cause);
    this.giveUp(call.attempt!, cause);
    if (parent === undefined) this.endRequest(request, cause);
    else if (parent.phase === CALLING) this.finish(parent, cause, 'downstream');
  }

  /**
   * A try's per-try timeout passed: its caller's proxy resets it (the server stops only if
   * it learns of it: onClientGone) and takes it as a 504 (UT), which its retry policy may
   * send again, to another pod.
   */
  private readonly tryTimedOut = (attempt: Attempt): void => {
    attempt.tryTimeout = -1;
    const call = attempt.call;
    attempt.abandoned = true;
    call.policy!.release(attempt);
    this.observer?.responseReceived(attempt, this.sim.now, 'deadline_exceeded');
    this.giveUp(attempt, 'deadline_exceeded');
    this.tryEnded(call, attempt, 'deadline_exceeded');
  };

  /**
   * The caller stops waiting for the calls of the attempt's current step: each one not yet
   * ended whose server learns of it ends now as a failure on its edge, and its attempt is
   * cancelled. Calls to servers that never learn run on as orphans, their responses
   * ignored (counted on their edge when they arrive, as before cancellation existed).
   */
  private leaveCalls(attempt: Attempt, cause: FailureCause): void {
    for (let call = attempt.firstChild; call !== undefined; call = call.nextSibling) {
      if (call.ended || !this.stopsWhenGivenUp(call.attempt!)) continue;
      call.target.attempts.ended(true, call.request.measured);
      this.observer?.responseReceived(call.attempt!, this.sim.now, cause);
      this.endCall(call, true, cause);
      this.cancel(call.attempt!, cause);
    }
  }

  /** Its caller gave up on the attempt: the server stops only if it learns of it. */
  private giveUp(attempt: Attempt, cause: FailureCause): void {
    if (this.stopsWhenGivenUp(attempt)) this.cancel(attempt, cause);
  }

  /** Its server learns that the caller gave up, or it never left the caller (it waits for a connection). */
  private stopsWhenGivenUp(attempt: Attempt): boolean {
    return attempt.waitingFor !== undefined || attempt.call.target.service.cancelsWhenClientGone;
  }

  /**
   * Cancels an attempt, wherever it is: on the wire it never arrives; queued, it leaves
   * the worker queue; on the CPU, its burst stops and frees the core; calling, it gives up
   * its own calls in turn. It sends no response. A finished attempt (its response on the
   * way) has nothing left to stop. The service counts it as a failure passed on, with the
   * caller's cause: it began with the caller. Its connection is freed for the next call.
   */
  cancel(attempt: Attempt, cause: FailureCause): void {
    if (attempt.waitingFor !== undefined) {
      attempt.waitingFor.leave(attempt);
      attempt.phase = CANCELLED;
      this.callsInFlight--;
      return;
    }
    const pod = attempt.pod;
    const phase = attempt.phase;
    if (pod === undefined || phase === FINISHED || phase === CANCELLED) return;
    attempt.phase = CANCELLED;
    this.callsInFlight--;
    attempt.client?.responded(attempt, this.dispatch);
    pod.active--;
    attempt.call.target.service.invoker?.ended(attempt, phase !== SENT);
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
    pod.versionStats?.ended(latencyMs, true, request.measured, true, cause);
    this.observer?.responseSent(attempt, this.sim.now, cause);
    if (phase === CALLING && attempt.firstChild !== undefined) this.leaveCalls(attempt, cause);
  }

  /**
   * A kubelet's probe reaches its pod (src/model/cluster/readiness-probe.ts): it takes a
   * worker slot, or waits in the worker queue, as a call does; false when the queue is full.
   */
  admitProbe(probe: ProbeRequest): boolean {
    const pod = probe.pod!;
    if (pod.workersBusy < pod.concurrency) this.takeWorker(pod, probe);
    else if (pod.workerQueue.length < pod.queueLimit) {
      probe.phase = QUEUED;
      pod.workerQueue.push(probe);
    } else return false;
    return true;
  }

  /** The kubelet stops probing the pod: its probe leaves the queue, or the CPU and its worker. */
  dropProbe(probe: ProbeRequest): void {
    const phase = probe.phase;
    if (phase === FINISHED || phase === CANCELLED) return;
    probe.phase = CANCELLED;
    this.stopWork(probe, phase);
    if (probe.holdsWorker) this.releaseWorker(probe.pod!, probe);
  }

  /** Takes the attempt out of its pod's worker queue, or its burst off the CPU. */
  private stopWork(attempt: Attempt, phase: AttemptPhase): void {
    if (phase === QUEUED) attempt.pod!.workerQueue.remove(attempt);
    else if (phase === ON_CPU) attempt.pod!.cpu.cancel(attempt);
  }

  private endRequest(request: Request, failure: FailureCause | undefined): void {
    if (request.ended) return; // the client already timed out
    request.ended = true;
    if (request.onEnd !== undefined) {
      request.onEnd(failure);
      return;
    }
    // The client sends it again: its request goes on, as a new attempt.
    if (failure !== undefined && request.retry?.retried(request, failure) === true) return;
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
