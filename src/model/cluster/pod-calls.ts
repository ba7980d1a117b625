import type { Pod } from '../pod.js';
import type { Attempt } from '../traffic/attempt.js';

/**
 * The calls inside one pod (arrived, not finished), kept only in a run whose cluster can
 * change: a pod cut at the end of its grace period fails them with a reset, and a draining
 * pod learns when it has nothing left to do.
 */
export class PodCalls {
  private readonly inPod = new Set<Attempt>();
  /** told once, when the pod has no call left (in it or on its way to it) */
  private onDrained: (() => void) | undefined = undefined;
  /** Its container is down (crashed, or its node failed): nothing listens, calls are refused. */
  refusing = false;

  constructor(private readonly pod: Pod) {}

  /** A call reaches the pod; false when the pod is gone (nothing listens: connection refused). */
  enter(attempt: Attempt): boolean {
    if (this.pod.phase === 'Gone' || this.refusing) return false;
    this.inPod.add(attempt);
    return true;
  }

  /** The call has finished (after the pod's active count went down). */
  leave(attempt: Attempt): void {
    this.inPod.delete(attempt);
    if (this.onDrained !== undefined && this.pod.active === 0) this.drained();
  }

  /** Calls `then` once no call is in the pod or on its way to it: now, or when the last one ends. */
  whenDrained(then: () => void): void {
    this.onDrained = then;
    if (this.pod.active === 0) this.drained();
  }

  /** The calls still in the pod, in the order they arrived; nothing waits for the drain any more. */
  takeAll(): Attempt[] {
    this.onDrained = undefined;
    const calls = [...this.inPod];
    this.inPod.clear();
    return calls;
  }

  private drained(): void {
    const then = this.onDrained!;
    this.onDrained = undefined;
    then();
  }
}
