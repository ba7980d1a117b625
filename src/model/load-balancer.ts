import type { RandomStream } from '../engine/random.js';
import type { Pod } from './pod.js';

export type LoadBalancerPolicy =
  | 'kube-proxy'
  | 'round-robin'
  | 'random'
  | 'least-request'
  | 'peak-ewma';

/**
 * Chooses one of a service's ready pods for each call. The caller's zone and its service's
 * ready pods (both undefined for a client outside the cluster) are what zone-aware routing
 * weighs; the plain policies ignore them.
 */
export type PodPicker = (
  pods: readonly Pod[],
  callerZone?: string,
  callerPods?: readonly Pod[],
) => Pod;

/** What a balancer of one client (src/model/traffic/client.ts) weighs instead of the defaults. */
export interface PickerOptions {
  /**
   * The requests least-request compares: by default every caller's (`pod.active`, one
   * balancer shared by all callers); a client's own outstanding requests to the pod, as
   * each Envoy sees only its own.
   */
  activeOf?: (pod: Pod) => number;
  /** round-robin's first turn (default 0); a client starts at a random pod */
  firstTurn?: number;
  /**
   * peak-ewma's cost of a pod: a client's latency estimate × (its pending requests + 1)
   * (src/model/mesh/resilience/peak-ewma.ts); without it, peak-ewma weighs `activeOf`.
   */
  costOf?: (pod: Pod) => number;
}

/**
 * - kube-proxy: iptables mode, the default without a mesh, picks a backend uniformly at
 *   random per connection (without a connection model, every call is a new connection).
 * - random: uniform.
 * - round-robin: in turn.
 * - least-request: Envoy's default for LEAST_REQUEST, power of two choices: draw two
 *   distinct pods at random, take the one with fewer active requests (the first on a tie).
 * - peak-ewma: Linkerd's (Finagle's) power of two choices over `costOf`, the cheaper of two
 *   distinct random pods (the first on a tie).
 */
export function createPodPicker(
  policy: LoadBalancerPolicy,
  stream: RandomStream,
  options: PickerOptions = {},
): PodPicker {
  const next = stream.next;
  switch (policy) {
    case 'kube-proxy':
    case 'random':
      return (pods) => pods[Math.floor(next() * pods.length)]!;
    case 'round-robin': {
      let turn = options.firstTurn ?? 0;
      return (pods) => pods[turn++ % pods.length]!;
    }
    case 'least-request':
    case 'peak-ewma': {
      const activeOf =
        (policy === 'peak-ewma' ? options.costOf : undefined) ??
        options.activeOf ??
        ((pod: Pod) => pod.active);
      return (pods) => {
        if (pods.length === 1) return pods[0]!;
        const first = Math.floor(next() * pods.length);
        const second = (first + 1 + Math.floor(next() * (pods.length - 1))) % pods.length;
        const a = pods[first]!;
        const b = pods[second]!;
        return activeOf(b) < activeOf(a) ? b : a;
      };
    }
  }
}

/**
 * Zone-aware routing, as Envoy's zone aware load balancing does it
 * (envoyproxy.io, intro/arch_overview/upstream/load_balancing/zone_aware; the rule is in
 * ZoneAwareLoadBalancerBase::regenerateLocalityRoutingStructures). A zone's capacity is its
 * share of the callee's ready pods; its demand is its share of the caller's ready pods.
 * - Local zone with at least its demand in capacity: every call stays in the zone.
 * - Otherwise the local zone takes capacity / demand of the calls, and the rest go to the
 *   other zones in proportion to their residual capacity, capacity − demand where positive.
 * So each callee pod keeps roughly the same number of calls while as many as possible stay
 * local. Then `base` picks a pod within the chosen zone. A client outside the cluster has no
 * zone: its calls are not zone-routed. Unlike Envoy, no minimum cluster size (Envoy's
 * min_cluster_size, default 6) is required, and shares are exact fractions, not 0.01% steps.
 *
 * Worked example: frontend has one pod in each of zones a, b, c; cart has two pods, in a and
 * b. Zones a and b have capacity 1/2 ≥ demand 1/3: their calls stay local. Zone c has
 * capacity 0: its calls go to a and b, each with residual 1/2 − 1/3 = 1/6, so half each.
 * Cross-zone share: 1/3 of the calls, against 2/3 with a zone-blind random choice.
 */
export function zoneAwarePicker(base: PodPicker, next: () => number): PodPicker {
  const plans = new WeakMap<readonly Pod[], ZonePlan>();
  return (pods, callerZone, callerPods) => {
    if (callerZone === undefined || callerPods === undefined || callerPods.length === 0)
      return base(pods);
    let plan = plans.get(callerPods);
    if (plan === undefined || !plan.fits(pods, callerPods)) {
      plan = new ZonePlan(pods, callerPods);
      plans.set(callerPods, plan);
    }
    return base(plan.podsFor(callerZone, next) ?? pods);
  };
}

/**
 * The callee's pods by zone and each caller zone's routing, computed once per set of ready
 * pods. It is rebuilt on any change of either side's pods, not only of their number: a pod
 * replaced by another (a rollout, a crash) leaves the count as it was, and a plan kept by
 * count would route to the gone pod. The pod lists may be changed in place (a service's
 * ready pods are), so the plan keeps its own copies to compare with.
 */
class ZonePlan {
  private readonly byZone = new Map<string, Pod[]>();
  private readonly routes = new Map<string, ZoneRoute>();
  private readonly callees: readonly Pod[];
  private readonly callers: readonly Pod[];

  constructor(pods: readonly Pod[], callerPods: readonly Pod[]) {
    this.callees = [...pods];
    this.callers = [...callerPods];
    for (const pod of pods) {
      const zonePods = this.byZone.get(pod.zone);
      if (zonePods === undefined) this.byZone.set(pod.zone, [pod]);
      else zonePods.push(pod);
    }
    const capacity = shares(pods);
    const demand = shares(callerPods);
    for (const zone of demand.keys()) this.routes.set(zone, route(zone, capacity, demand));
  }

  fits(pods: readonly Pod[], callerPods: readonly Pod[]): boolean {
    return samePods(pods, this.callees) && samePods(callerPods, this.callers);
  }

  /** The pods of the zone a call from `callerZone` goes to. */
  podsFor(callerZone: string, next: () => number): readonly Pod[] | undefined {
    const r = this.routes.get(callerZone);
    if (r === undefined) return undefined;
    if (r.localFraction >= 1 || (r.localFraction > 0 && next() < r.localFraction))
      return this.byZone.get(callerZone);
    if (r.residual.length === 0) return undefined;
    const draw = next() * r.residualTotal;
    const spill = r.residual.find(([, cumulative]) => draw < cumulative) ?? r.residual.at(-1)!;
    return this.byZone.get(spill[0]);
  }
}

function samePods(a: readonly Pod[], b: readonly Pod[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface ZoneRoute {
  /** share of the zone's calls that stay in it: 1, or capacity / demand */
  localFraction: number;
  /** the other zones with residual capacity, with the running total of it */
  residual: [zone: string, cumulative: number][];
  residualTotal: number;
}

function route(
  zone: string,
  capacity: ReadonlyMap<string, number>,
  demand: ReadonlyMap<string, number>,
): ZoneRoute {
  const local = capacity.get(zone) ?? 0;
  const wanted = demand.get(zone)!;
  if (local > 0 && local >= wanted) return { localFraction: 1, residual: [], residualTotal: 0 };
  const residual: [string, number][] = [];
  let total = 0;
  for (const [other, share] of capacity) {
    const spare = share - (demand.get(other) ?? 0);
    if (other === zone || spare <= 0) continue;
    total += spare;
    residual.push([other, total]);
  }
  return { localFraction: local / wanted, residual, residualTotal: total };
}

/** Each zone's share of the pods, in the pods' order of zones. */
function shares(pods: readonly Pod[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pod of pods) counts.set(pod.zone, (counts.get(pod.zone) ?? 0) + 1);
  for (const [zone, n] of counts) counts.set(zone, n / pods.length);
  return counts;
}
