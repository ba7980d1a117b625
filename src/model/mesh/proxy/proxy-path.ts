import type { Simulation } from '../../../engine/simulation.js';
import type { Pod } from '../../pod.js';
import type { Service } from '../../service.js';
import { type Attempt, CANCELLED } from '../../traffic/attempt.js';
import { Hop, type MeshProxy } from './proxy.js';

/** What the request path does once the proxies have let an attempt through. */
export type PathStep = (attempt: Attempt) => void;

/** A waypoint's pods, taken in turn (an ambient service that asked for L7 features). */
export class WaypointPool {
  private turn = 0;
  constructor(readonly proxies: readonly MeshProxy[]) {}

  next(): MeshProxy {
    const proxy = this.proxies[this.turn]!;
    this.turn = (this.turn + 1) % this.proxies.length;
    return proxy;
  }
}

/** Told when a response leaves the callee's side, and when it leaves its waypoint. */
export interface ResponseReports {
  callee: PathStep;
  waypoint: PathStep;
}

/** The mTLS settings the path needs (mesh.mtls). */
export interface MtlsSettings {
  readonly enabled: boolean;
  readonly roundTrips: number;
}

/**
 * The proxies on a call's path, as the request path (src/model/traffic.ts) meets them: it
 * hands an attempt over where it would have put it on the wire, and gets it back where it
 * would have had it arrive. A request crosses the caller's proxy (its sidecar, its node's
 * ztunnel, or the ingress gateway), the network, a waypoint and the network again if the
 * callee's service has one, and the callee's proxy; a response the same way back. Each
 * crossing is CPU on one of that proxy's workers (proxy.ts). An attempt cancelled while in
 * a proxy is dropped when the proxy is done with it; on the wire, Traffic.cancel takes its
 * event back as without a mesh. A strategy without proxies has no ProxyPath at all.
 */
export class ProxyPath {
  private arrive: PathStep = () => {};
  private deliver: PathStep = () => {};
  private responded: ResponseReports = { callee: () => {}, waypoint: () => {} };

  constructor(
    private readonly sim: Simulation,
    /** the ingress gateway, the caller's proxy for clients outside the cluster */
    private readonly gateway: MeshProxy | undefined,
    private readonly waypoints: ReadonlyMap<Service, WaypointPool>,
    private readonly mtls: MtlsSettings,
  ) {}

  /**
   * Where the path gives attempts back: their arrival at the pod, their response delivered;
   * and whom it tells when a proxy that reports has sent a response on (`responded`).
   */
  connect(arrive: PathStep, deliver: PathStep, responded?: ResponseReports): void {
    this.arrive = arrive;
    this.deliver = deliver;
    if (responded !== undefined) this.responded = responded;
  }

  /** The attempt leaves its caller for its pod; `wireMs`: its connection's wait and the network. */
  sendRequest(attempt: Attempt, wireMs: number): void {
    const hop = new Hop(attempt, wireMs, this.waypointOf(attempt));
    const caller = this.callerProxy(attempt);
    if (caller === undefined) this.leaveCaller(hop);
    else caller.forward(hop, this.leaveCaller);
  }

  /** Its response leaves the pod; `wireMs`: the network back. */
  sendResponse(attempt: Attempt, wireMs: number): void {
    const hop = new Hop(attempt, wireMs, this.waypointOf(attempt));
    const callee = attempt.pod!.proxy;
    if (callee === undefined) this.leaveCallee(hop);
    else callee.respond(hop, this.leaveCallee);
  }

  /**
   * The mTLS handshake of a new connection between the two proxies: its round trips after
   * TCP's and each side's CPU, which also keeps one of each proxy's workers busy. Plaintext
   * (mTLS off, or no proxy at either end) costs nothing more than TCP.
   */
  handshakeMs(attempt: Attempt, pod: Pod, roundTripMs: number): number {
    const caller = this.callerProxy(attempt);
    const callee = pod.proxy;
    if (!this.mtls.enabled || (caller === undefined && callee === undefined)) return 0;
    const cpuMs = (caller?.handshake() ?? 0) + (callee?.handshake() ?? 0);
    return this.mtls.roundTrips * roundTripMs + cpuMs;
  }

  private callerProxy(attempt: Attempt): MeshProxy | undefined {
    const parent = attempt.call.parent;
    return parent === undefined ? this.gateway : parent.pod!.proxy;
  }

  private waypointOf(attempt: Attempt): MeshProxy | undefined {
    if (this.waypoints.size === 0) return undefined;
    return this.waypoints.get(attempt.call.target.service)?.next();
  }

  private readonly leaveCaller = (hop: Hop): void => {
    const attempt = hop.attempt;
    if (attempt.phase === CANCELLED) return;
    const next = hop.waypoint === undefined ? this.reachCallee : this.reachWaypoint;
    attempt.event = this.sim.schedule(hop.wireMs, next, hop);
  };

  private readonly reachWaypoint = (hop: Hop): void => {
    hop.attempt.event = -1;
    hop.attempt.waypointAt = this.sim.now;
    hop.waypoint!.forward(hop, this.leaveWaypoint);
  };

  /** A waypoint is one more network hop: it repeats the call's own latency. */
  private readonly leaveWaypoint = (hop: Hop): void => {
    const attempt = hop.attempt;
    if (attempt.phase === CANCELLED) return;
    attempt.event = this.sim.schedule(hop.wireMs, this.reachCallee, hop);
  };

  private readonly reachCallee = (hop: Hop): void => {
    const attempt = hop.attempt;
    attempt.event = -1;
    attempt.inboundAt = this.sim.now;
    const callee = attempt.pod!.proxy;
    if (callee === undefined) this.arrive(attempt);
    else callee.forward(hop, this.enterCallee);
  };

  private readonly enterCallee = (hop: Hop): void => {
    if (hop.attempt.phase !== CANCELLED) this.arrive(hop.attempt);
  };

  /** The callee's proxy (if any) has done its response work: the destination's report. */
  private readonly leaveCallee = (hop: Hop): void => {
    this.responded.callee(hop.attempt);
    const next = hop.waypoint === undefined ? this.reachCaller : this.backThroughWaypoint;
    this.sim.schedule(hop.wireMs, next, hop);
  };

  private readonly backThroughWaypoint = (hop: Hop): void => {
    hop.waypoint!.respond(hop, this.leaveWaypointBack);
  };

  private readonly leaveWaypointBack = (hop: Hop): void => {
    this.responded.waypoint(hop.attempt);
    this.sim.schedule(hop.wireMs, this.reachCaller, hop);
  };

  private readonly reachCaller = (hop: Hop): void => {
    const caller = this.callerProxy(hop.attempt);
    if (caller === undefined) this.deliver(hop.attempt);
    else caller.respond(hop, this.delivered);
  };

  private readonly delivered = (hop: Hop): void => {
    this.deliver(hop.attempt);
  };
}
