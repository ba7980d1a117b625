import type { EventHandle } from '../engine/event-queue.js';
import type { FailureCause } from '../metrics/run-result.js';
import type { ClientLoop } from './arrivals/closed-loop.js';
import type { Pod } from './pod.js';
import type { CallTarget } from './service.js';
import type { Client } from './traffic/client.js';
import type { Connection } from './traffic/connection-pool.js';

/** One end-to-end request from a client: it ends exactly once, by its response or timeout. */
export class Request {
  ended = false;
  timeout: EventHandle = -1;
  /** the client's call to the entry service: its edge records the client's view */
  root: Call | undefined = undefined;

  constructor(
    readonly startedAt: number,
    /** arrived after warm-up, so its outcome counts in the headline metrics */
    readonly measured: boolean,
    /** the closed-loop client to notify when the request ends, if any */
    readonly client: ClientLoop | undefined,
  ) {}
}

/**
 * One hop of a request: a call to one endpoint of one service, served by one pod. Its
 * progress through the endpoint's steps is kept here so that the event actions, created
 * once per simulation, need no per-event closure.
 */
export class Call {
  pod: Pod | undefined = undefined;
  /** when the caller sent it (edge latency) and when it reached the pod (service latency) */
  sentAt = 0;
  arrivedAt = 0;
  /** when it got its worker slot and asked for a core: the start of its CPU wait */
  cpuAskedAt = 0;
  cpuMs = 0;
  holdsWorker = false;
  nextStep = 0;
  pendingBranches = 0;
  finished = false;
  failure: FailureCause | undefined = undefined;
  /** the caller's client that sent it, and its connection (src/model/traffic/client.ts) */
  client: Client | undefined = undefined;
  connection: Connection | undefined = undefined;

  constructor(
    readonly request: Request,
    readonly parent: Call | undefined,
    readonly target: CallTarget,
    /** the zone of the caller's pod, or undefined for a client outside the cluster */
    readonly callerZone: string | undefined,
  ) {}
}
