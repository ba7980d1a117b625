import type { PoolLimits } from '../mesh/resilience/pool-limits.js';
import type { Pod } from '../pod.js';
import { RingQueue } from '../ring-queue.js';
import type { Attempt } from './attempt.js';
import type { ConnectionAge } from './connection-age.js';

/**
 * The wire protocol of a service's callers: HTTP/1.1 carries one request per connection at
 * a time; HTTP/2 (and gRPC, which runs on it) multiplexes every request as a stream on one
 * connection.
 */
export type Protocol = 'http1' | 'http2';

export interface PoolSettings {
  readonly protocol: Protocol;
  /** HTTP/1.1: most connections open at once; a call finding all busy waits for one */
  readonly maxConnections: number;
  /** a connection idle this long is closed (found closed when next wanted: no event) */
  readonly idleTimeoutMs: number;
  /** gRPC servers' MaxConnectionAge and MaxConnectionAgeGrace (undefined: infinite) */
  readonly maxConnectionAgeMs?: number | undefined;
  readonly maxConnectionAgeGraceMs?: number | undefined;
}

/** One TCP connection of a caller, to the pod it was connected to. */
export class Connection {
  /** requests on it now: at most 1 under HTTP/1.1 */
  streams = 0;
  idleSince = 0;
  /** when its handshake ends: a stream put on it before then waits (HTTP/2) */
  readyAt = 0;
  /** when its server sends GOAWAY (gRPC's MaxConnectionAge): no new streams from then */
  goAwayAt = Number.POSITIVE_INFINITY;
  /** the streams on it, kept only when the server will close it after a grace */
  onIt: Set<Attempt> | undefined = undefined;

  constructor(
    readonly pod: Pod,
    readonly pool: ConnectionPool,
  ) {}
}

/**
 * How a call got its connection: an open one reused (no cost), a new one opened (a round
 * trip first), or none: the chosen pod refused (it is gone), the caller sees no pod, or all
 * HTTP/1.1 connections are busy and the call waits for one, or would wait beyond its
 * caller's circuit breaker's max pending requests (`overflow`: 503 UO).
 */
export type Acquired = 'reused' | 'opened' | 'refused' | 'unavailable' | 'waiting' | 'overflow';

/** Whether a pod still accepts connections: the truth, not the caller's view. */
export type Serving = (pod: Pod) => boolean;

/**
 * A caller's connections to one destination: to one pod (the client balances each request
 * and keeps a pool per pod, as Envoy does), or to the Service's virtual IP (kube-proxy
 * picks the pod when the connection is opened: `choosePod`). Idle HTTP/1.1 connections are
 * reused most recently used first, as Go's net/http Transport does; an HTTP/2 pool keeps one
 * connection and puts every request on it (gRPC's one connection per address; Envoy opens a
 * second only at max_concurrent_streams, default 2^31 − 1).
 */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly waiting = new RingQueue<Attempt>();
  private shared: Connection | undefined = undefined;
  /** HTTP/1.1 connections open, busy or idle */
  private openCount = 0;

  constructor(
    private readonly settings: PoolSettings,
    private readonly choosePod: () => Pod | undefined,
    private readonly serving: Serving,
    /** the server's MaxConnectionAge, if it has one (gRPC) */
    private readonly age: ConnectionAge | undefined = undefined,
    /** the caller's circuit breaker, shared by its pools to the service (issue 12, M2) */
    private readonly limits?: PoolLimits,
  ) {}

  /**
   * Gives the call a connection (attempt.connection), or queues it (`waiting`). `dequeued`:
   * the call was just taken from the front of the queue (nextWaiting), so the calls still
   * waiting are behind it, not ahead.
   */
  acquire(attempt: Attempt, nowMs: number, dequeued = false): Acquired {
    return this.settings.protocol === 'http2'
      ? this.acquireStream(attempt, nowMs)
      : this.acquireConnection(attempt, nowMs, dequeued);
  }

  /** The call's response is back: its stream ends, or its connection is free again. */
  release(connection: Connection, nowMs: number, attempt: Attempt): void {
    connection.onIt?.delete(attempt);
    connection.streams--;
    if (connection.streams > 0) return;
    connection.idleSince = nowMs;
    if (this.settings.protocol === 'http1') {
      if (this.serving(connection.pod)) this.idle.push(connection);
      else this.closed();
    }
  }

  /** The longest-waiting attempt, now that a connection is free. */
  nextWaiting(): Attempt | undefined {
    const attempt = this.waiting.shift();
    if (attempt === undefined) return undefined;
    attempt.waitingFor = undefined;
    if (this.limits !== undefined) this.limits.pending--;
    return attempt;
  }

  /** Its caller gave up on a waiting attempt: it leaves the queue and is never sent. */
  leave(attempt: Attempt): void {
    if (this.waiting.remove(attempt) && this.limits !== undefined) this.limits.pending--;
    attempt.waitingFor = undefined;
  }

  private acquireStream(attempt: Attempt, nowMs: number): Acquired {
    const open = this.shared;
    if (open !== undefined && this.usable(open, nowMs)) {
      open.streams++;
      open.onIt?.add(attempt);
      attempt.connection = open;
      return 'reused';
    }
    this.shared = undefined;
    const opened = this.open(attempt);
    if (opened === 'opened') this.shared = attempt.connection;
    return opened;
  }

  private acquireConnection(attempt: Attempt, nowMs: number, dequeued: boolean): Acquired {
    if (!dequeued && this.waiting.length > 0) return this.wait(attempt);
    for (let idle = this.idle.pop(); idle !== undefined; idle = this.idle.pop()) {
      if (this.usable(idle, nowMs)) {
        idle.streams = 1;
        idle.onIt?.add(attempt);
        attempt.connection = idle;
        return 'reused';
      }
      this.closed();
    }
    if (
      this.openCount < this.settings.maxConnections &&
      (this.limits === undefined || this.limits.canOpen())
    ) {
      const opened = this.open(attempt);
      if (opened === 'opened') {
        this.openCount++;
        if (this.limits !== undefined) this.limits.connections++;
      }
      return opened;
    }
    return this.wait(attempt);
  }

  /** The call waits for a connection, unless its caller's breaker has too many waiting. */
  private wait(attempt: Attempt): Acquired {
    const limits = this.limits;
    if (limits !== undefined) {
      if (!limits.canWait()) return 'overflow';
      limits.pending++;
    }
    this.waiting.push(attempt);
    attempt.waitingFor = this;
    return 'waiting';
  }

  private closed(): void {
    this.openCount--;
    if (this.limits !== undefined) this.limits.connections--;
  }

  /** Its pod still serves, its server has not sent GOAWAY, and it has not been idle past the timeout. */
  private usable(connection: Connection, nowMs: number): boolean {
    if (!this.serving(connection.pod) || nowMs >= connection.goAwayAt) return false;
    return connection.streams > 0 || nowMs - connection.idleSince < this.settings.idleTimeoutMs;
  }

  /** Connects to a pod: a refused connect leaves attempt.connection naming the pod it tried. */
  private open(attempt: Attempt): Acquired {
    const pod = this.choosePod();
    if (pod === undefined) return 'unavailable';
    const connection = new Connection(pod, this);
    attempt.connection = connection;
    if (!this.serving(pod)) return 'refused';
    connection.streams = 1;
    if (this.age !== undefined) {
      this.age.opened(connection);
      connection.onIt?.add(attempt);
    }
    return 'opened';
  }
}
