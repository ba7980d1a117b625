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
  /**
   * Mesh: when it reached its callee's inbound proxy and its callee's waypoint (ambient), where
   * those proxies' reports start their clocks (docs/mesh/telemetry.md).
   */
  inboundAt = 0;
  waypointAt = 0;
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

  // Resilience (issue 12, M2: src/model/mesh/resilience/).
  /** counted in its caller's circuit breaker (max requests) until its caller stops waiting */
  admitted = false;
  /** its per-try timeout's event; -1: none */
  tryTimeout: EventHandle = -1;
  /** its caller stopped waiting for it (per-try timeout): its response is ignored */
  abandoned = false;
  /** the pod its caller's balancer picked, even if the connect to it failed */
  picked: Pod | undefined = undefined;
  /** M3: the HTTP status of a fault-injection abort (cause fault_abort); 0 otherwise */
  abortStatus = 0;

  constructor(readonly call: LogicalCall) {}
}
