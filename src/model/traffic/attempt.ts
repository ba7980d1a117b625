import type { EventHandle } from '../../engine/event-queue.js';
import type { FailureCause } from '../../metrics/run-result.js';
import type { Pod } from '../pod.js';
import type { Client } from './client.js';
import type { Connection, ConnectionPool } from './connection-pool.js';
import type { LogicalCall } from './logical-call.js';

/**
 * Where an attempt is in its life; what cancelling it has to undo depends on it.
 * On the wire to its pod (or to no pod: `unavailable`), queued for a worker slot, on the
 * CPU (queued for a core or running), waiting for its downstream calls, finished (its
 * response on the way back), or cancelled (the server gave up its work).
 */
export const SENT = 0;
export const QUEUED = 1;
export const ON_CPU = 2;
export const CALLING = 3;
export const FINISHED = 4;
export const CANCELLED = 5;
export type AttemptPhase =
  | typeof SENT
  | typeof QUEUED
  | typeof ON_CPU
  | typeof CALLING
  | typeof FINISHED
  | typeof CANCELLED;

/**
 * One try of a logical call: sent to one pod, served there through the endpoint's steps,
 * with its own times, outcome and pending event. Its progress is kept here so that the
 * event actions, created once per simulation, need no per-event closure.
 */
export class Attempt {
  pod: Pod | undefined = undefined;
  phase: AttemptPhase = SENT;
  /**
   * Its pending event, so that cancelling it can take the event back: the arrival at its
   * pod while on the wire, its CPU burst's end on a FIFO core; -1 otherwise.
   */
  event: EventHandle = -1;
  /** when it was sent and when it reached the pod (service latency) */
  sentAt = 0;
  arrivedAt = 0;
  /** when it got its worker slot and asked for a core: the start of its CPU wait */
  cpuAskedAt = 0;
  cpuMs = 0;
  holdsWorker = false;
  nextStep = 0;
  pendingBranches = 0;
  /** the calls of its current step, linked through LogicalCall.nextSibling */
  firstChild: LogicalCall | undefined = undefined;
  failure: FailureCause | undefined = undefined;
  /** the caller's client that sent it, and its connection (src/model/traffic/client.ts) */
  client: Client | undefined = undefined;
  connection: Connection | undefined = undefined;
  /** the HTTP/1.1 pool it waits in for a free connection, not sent yet */
  waitingFor: ConnectionPool | undefined = undefined;
  /**
   * What only a mesh's proxies and policies set, made on the first write: every call makes
   * an attempt, so each field here would be allocated and initialised per hop of every run
   * (chain-6's bench: 7 fields, 56 bytes a hop). Read through the accessors below, which
   * answer the defaults while it is absent.
   */
  private mesh: AttemptMeshState | undefined = undefined;

  constructor(readonly call: LogicalCall) {}

  private meshState(): AttemptMeshState {
    if (this.mesh === undefined) this.mesh = new AttemptMeshState();
    return this.mesh;
  }

  /**
   * Mesh: when it reached its callee's inbound proxy and its callee's waypoint (ambient), where
   * those proxies' reports start their clocks (docs/mesh/telemetry.md).
   */
  get inboundAt(): number {
    return this.mesh === undefined ? 0 : this.mesh.inboundAt;
  }
  set inboundAt(ms: number) {
    this.meshState().inboundAt = ms;
  }
  get waypointAt(): number {
    return this.mesh === undefined ? 0 : this.mesh.waypointAt;
  }
  set waypointAt(ms: number) {
    this.meshState().waypointAt = ms;
  }

  // Resilience (issue 12, M2: src/model/mesh/resilience/).
  /** counted in its caller's circuit breaker (max requests) until its caller stops waiting */
  get admitted(): boolean {
    return this.mesh?.admitted === true;
  }
  set admitted(admitted: boolean) {
    this.meshState().admitted = admitted;
  }
  /** its per-try timeout's event; -1: none */
  get tryTimeout(): EventHandle {
    return this.mesh === undefined ? -1 : this.mesh.tryTimeout;
  }
  set tryTimeout(handle: EventHandle) {
    this.meshState().tryTimeout = handle;
  }
  /** its caller stopped waiting for it (per-try timeout): its response is ignored */
  get abandoned(): boolean {
    return this.mesh?.abandoned === true;
  }
  set abandoned(abandoned: boolean) {
    this.meshState().abandoned = abandoned;
  }
  /** the pod its caller's balancer picked, even if the connect to it failed */
  get picked(): Pod | undefined {
    return this.mesh?.picked;
  }
  set picked(pod: Pod | undefined) {
    this.meshState().picked = pod;
  }
  /** M3: the HTTP status of a fault-injection abort (cause fault_abort); 0 otherwise */
  get abortStatus(): number {
    return this.mesh === undefined ? 0 : this.mesh.abortStatus;
  }
  set abortStatus(status: number) {
    this.meshState().abortStatus = status;
  }
}

/** An attempt's fields that only a mesh sets (see Attempt.mesh); the defaults are none's. */
class AttemptMeshState {
  inboundAt = 0;
  waypointAt = 0;
  admitted = false;
  tryTimeout: EventHandle = -1;
  abandoned = false;
  picked: Pod | undefined = undefined;
  abortStatus = 0;
}
