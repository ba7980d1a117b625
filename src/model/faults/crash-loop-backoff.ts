/**
 * The kubelet's restart back-off for one container, as kubernetes/kubernetes does it:
 * `doBackOff` in pkg/kubelet/kuberuntime/kuberuntime_manager.go over the
 * `flowcontrol.Backoff` of k8s.io/client-go/util/flowcontrol/backoff.go, made in
 * pkg/kubelet/kubelet.go with `backOffPeriod` 10 s and `MaxContainerBackOff` 300 s.
 *
 * - A container that exits with no back-off entry (its first crash, or its first since the
 *   entry expired) is restarted at once, and the entry starts at 10 s (`Next`).
 * - Otherwise it waits until `entry.backoff` has passed since it exited
 *   (`IsInBackOffSince(key, finishedAt)`: the pod shows CrashLoopBackOff), then is restarted
 *   and the entry doubles, capped at 300 s.
 * - An entry expires when more than 2 × 300 s = 10 min passed since its last update
 *   (`hasExpired`): "After containers in a Pod run for 10 minutes without any problems, the
 *   kubelet resets the restart backoff timer" (kubernetes.io, pod-lifecycle, "Container
 *   restarts").
 *
 * So a container that crashes again as soon as it runs waits 0, 10, 20, 40, 80, 160, 300,
 * 300 ... s before its restarts. msasim restarts at the instant the back-off ends (the
 * kubelet does at its next pod sync, within a second or so) and adds no jitter (the kubelet
 * adds none). Kubernetes 1.33's alpha gates ReduceDefaultCrashLoopBackOffDecay (1 s to 60 s)
 * and KubeletCrashLoopBackOffMax are not modelled.
 */
export const INITIAL_BACK_OFF_MS = 10_000;
export const MAX_BACK_OFF_MS = 300_000;

export class CrashLoopBackOff {
  private backOffMs = 0;
  /** when the entry was last updated (a restart); -Infinity: no entry */
  private lastUpdateMs = Number.NEGATIVE_INFINITY;

  /** The container exited at `nowMs`: how long until the kubelet restarts it. */
  delayAfterExit(nowMs: number): number {
    if (this.expired(nowMs)) return 0;
    return this.backOffMs;
  }

  /** The kubelet restarts the container at `nowMs` (`backOff.Next`). */
  restarted(nowMs: number): void {
    if (this.expired(nowMs)) this.backOffMs = INITIAL_BACK_OFF_MS;
    else this.backOffMs = Math.min(2 * this.backOffMs, MAX_BACK_OFF_MS);
    this.lastUpdateMs = nowMs;
  }

  private expired(nowMs: number): boolean {
    return nowMs - this.lastUpdateMs > 2 * MAX_BACK_OFF_MS;
  }
}
