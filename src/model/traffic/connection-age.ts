import type { Simulation } from '../../engine/simulation.js';
import type { Attempt } from './attempt.js';
import type { Connection } from './connection-pool.js';

/**
 * gRPC servers' maximum connection age (grpc-go keepalive.ServerParameters, enforced in
 * internal/transport/http2_server.go): MaxConnectionAge after a connection is made, plus a
 * jitter drawn per connection, uniform within +/-10% "to spread out connection storms", the
 * server sends GOAWAY: the connection takes no new streams, the client opens another (which
 * kube-proxy places anew), and the streams already on it finish. MaxConnectionAgeGrace
 * later, the server closes it: what is still on it fails with a reset (a stream still on the
 * wire then is not modelled: it is served). Both default to infinite.
 *
 * The client learns of the GOAWAY when it next wants a stream (no event); the forced close
 * is one event per connection, only with a grace.
 */
export class ConnectionAge {
  constructor(
    private readonly sim: Simulation,
    private readonly ageMs: number,
    /** undefined: infinite, the streams always finish */
    private readonly graceMs: number | undefined,
    /** uniforms for the jitter */
    private readonly next: () => number,
    /** fails a stream cut by the close (Traffic.cutCall) */
    private readonly reset: (attempt: Attempt) => void,
  ) {}

  /** A connection has just opened: when it goes away, and its close after the grace. */
  opened(connection: Connection): void {
    // grpc-go: MaxConnectionAge += rand.Int64N(2r) − r, r = MaxConnectionAge / 10.
    const jitterMs = (2 * this.next() - 1) * (this.ageMs / 10);
    connection.goAwayAt = this.sim.now + this.ageMs + jitterMs;
    if (this.graceMs === undefined) return;
    connection.onIt = new Set();
    this.sim.scheduleAt(connection.goAwayAt + this.graceMs, this.close, connection);
  }

  private readonly close = (connection: Connection): void => {
    const onIt = connection.onIt!;
    connection.onIt = undefined;
    for (const attempt of [...onIt]) this.reset(attempt);
  };
}
