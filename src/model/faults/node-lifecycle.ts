/**
 * What the node lifecycle controller (kube-controller-manager,
 * kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go) and the
 * DefaultTolerationSeconds admission plugin do when a node stops answering, with their
 * defaults (docs/faults.md cites each):
 *
 * 1. The kubelet stops renewing its Lease. `--node-monitor-grace-period` later (50 s since
 *    Kubernetes 1.29; it was 40 s) the controller sets the node's Ready condition Unknown:
 *    NotReady. It marks the node's pods Ready false (`MarkPodsNotReady`), so the
 *    EndpointSlice controller takes them out of the ready endpoints, and taints the node
 *    `node.kubernetes.io/unreachable:NoSchedule` (kube-scheduler places nothing there).
 * 2. It taints the node `node.kubernetes.io/unreachable:NoExecute`, through a per-zone
 *    rate-limited queue: `--node-eviction-rate` 0.1 nodes per second (a token bucket with
 *    burst 1: the first node at once, each next one 10 s later) while the zone is healthy or
 *    fully down.
 * 3. Every pod tolerates that taint for 300 s (`--default-unreachable-toleration-seconds`,
 *    added by the DefaultTolerationSeconds admission plugin), then the taint manager deletes
 *    it: its ReplicaSet makes a replacement, which kube-scheduler places on a node that
 *    answers. The deleted pod stays Terminating until its node returns.
 *
 * Simplifications: NotReady comes exactly the grace period after the failure (the kubelet's
 * last renewal is taken as the failure instant; the controller's 5 s monitor period is not
 * modelled), and a partial disruption of a zone (at least 3 nodes and 55% NotReady, not all),
 * which slows or stops evictions, is not modelled.
 */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const UNREACHABLE_TOLERATION_MS = 300_000;
/** --node-eviction-rate: nodes per second tainted NoExecute in a zone */
export const NODE_EVICTION_RATE_PER_S = 0.1;

/** The per-zone NoExecute tainting queue: a token bucket of rate 0.1/s and burst 1. */
export class ZoneTainter {
  private readonly nextFreeMs = new Map<string, number>();

  /** When a node of `zone` marked NotReady at `nowMs` is tainted NoExecute. */
  taintAt(zone: string, nowMs: number): number {
    const at = Math.max(nowMs, this.nextFreeMs.get(zone) ?? nowMs);
    this.nextFreeMs.set(zone, at + 1000 / NODE_EVICTION_RATE_PER_S);
    return at;
  }
}
