import type { Simulation } from '../../../engine/simulation.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import type { PodPicker } from '../../load-balancer.js';
import type { Pod } from '../../pod.js';
import type { Attempt } from '../../traffic/attempt.js';
import type { LogicalCall } from '../../traffic/logical-call.js';
import { backOffMs } from './back-off.js';
import { OutlierDetector } from './outlier-detector.js';
import type { PolicySettings, RetrySettings } from './policy-settings.js';
import { PoolLimits } from './pool-limits.js';

/**
 * One caller's resilience policies for calls to one service: what its proxy (or client
 * library) does, per caller pod and destination as Envoy keeps it. The request path asks
 * it, and only when a caller has one (src/model/traffic.ts):
 * - admit: the circuit breaker's max requests (503 UO beyond);
 * - choose: the pick, without ejected pods, and a retry avoiding the pods already tried;
 * - observed: each response, for outlier detection;
 * - retryAfter: whether a failed try is sent again, and after what back-off;
 * - release / callEnded: its counts when the caller stops waiting.
 */
export class CallerPolicy {
  /** tries in flight (Envoy's rq_active for this cluster) */
  private active = 0;
  /** retries scheduled or in flight (Envoy's rq_retry resource) */
  private retriesOutstanding = 0;
  readonly poolLimits: PoolLimits | undefined;
  readonly outlier: OutlierDetector | undefined;
  private readonly maxRequests: number;
  private readonly maxRetries: number;
  private healthy:
    | { pods: readonly Pod[]; version: number; inService: readonly Pod[] }
    | undefined = undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly settings: PolicySettings,
    /** uniforms for the back-off's jitter: the stream svc:<callee>:retry@<caller> */
    private readonly jitter: () => number,
  ) {
    const { breaker, outlier } = settings;
    this.maxRequests = breaker?.maxRequests ?? Number.POSITIVE_INFINITY;
    this.maxRetries = breaker?.maxRetries ?? Number.POSITIVE_INFINITY;
    this.poolLimits =
      breaker === undefined
        ? undefined
        : new PoolLimits(breaker.maxConnections, breaker.maxPending);
    this.outlier =
      outlier === undefined ? undefined : new OutlierDetector(sim, outlier, this.countEjection);
  }

  get routeTimeoutMs(): number | undefined {
    return this.settings.routeTimeoutMs;
  }

  get perTryTimeoutMs(): number | undefined {
    return this.settings.retry?.perTryTimeoutMs;
  }

  /** The circuit breaker's max requests: false means 503 UO at once, no try is sent. */
  admit(attempt: Attempt): boolean {
    if (this.active >= this.maxRequests) {
      this.countBreakerOverflow(attempt.call);
      return false;
    }
    this.active++;
    attempt.admitted = true;
    return true;
  }

  /** The caller stops waiting for the try (any way): its counts and its timer go. */
  release(attempt: Attempt): void {
    if (attempt.tryTimeout !== -1) {
      this.sim.cancel(attempt.tryTimeout);
      attempt.tryTimeout = -1;
    }
    if (!attempt.admitted) return;
    attempt.admitted = false;
    this.active--;
  }

  /** A pool refused to queue the call past maxPendingRequests. */
  countBreakerOverflow(call: LogicalCall): void {
    if (call.request.measured) call.target.attempts.resilience.breakerOverflows++;
  }

  /** A try's outcome from its pod (a response, or its per-try timeout); `hosts`: its cluster's pods. */
  observed(attempt: Attempt, failure: FailureCause | undefined, hosts: readonly Pod[]): void {
    const pod = attempt.picked ?? attempt.pod;
    const outlier = this.outlier;
    if (outlier === undefined || pod === undefined || hosts.length === 0) return;
    this.ejectingCall = attempt.call;
    outlier.observe(pod, failure, hosts, attempt.call.request.measured);
  }

  private ejectingCall: LogicalCall | undefined = undefined;

  private readonly countEjection = (kind: 'detected' | 'enforced', measured: boolean): void => {
    const call = this.ejectingCall;
    if (call === undefined || !measured) return;
    const stats = call.target.attempts.resilience;
    if (kind === 'detected') stats.ejectionsDetected++;
    else stats.ejectionsEnforced++;
  };

  /**
   * The pod for a try: the balancer's pick among the pods in service (all of them in panic:
   * fewer in service than minHealthPercent, Envoy's healthy_panic_threshold); none when
   * every pod is ejected and there is no panic (503 UH, no healthy upstream); a retry
   * re-picks up to hostSelectionRetryMaxAttempts times to find one its call has not tried
   * (previous_hosts), else takes the last pick.
   */
  choose(pods: readonly Pod[], attempt: Attempt, pick: PodPicker): Pod | undefined {
    const call = attempt.call;
    const candidates = this.inService(pods);
    if (candidates.length === 0) return undefined;
    let pod = pick(candidates, call.callerZone, call.target.callerPods);
    const tried = call.triedPods;
    if (tried !== undefined && candidates.length > 1) {
      const picks = this.settings.retry?.hostSelectionMaxAttempts ?? 0;
      for (let i = 0; i < picks && tried.includes(pod); i++)
        pod = pick(candidates, call.callerZone, call.target.callerPods);
    }
    attempt.picked = pod;
    return pod;
  }

  private inService(pods: readonly Pod[]): readonly Pod[] {
    const outlier = this.outlier;
    if (outlier === undefined || outlier.ejected === 0) return pods;
    const cached = this.healthy;
    if (cached !== undefined && cached.pods === pods && cached.version === outlier.version)
      return cached.inService;
    const inService = pods.filter((pod) => !outlier.isEjected(pod));
    // Istio sets Envoy's healthy_panic_threshold from minHealthPercent, 0 by default: "not
    // typically applicable in k8s environments with few pods per service" (pilot's
    // applyOutlierDetection); Envoy's own default is 50.
    const panic = inService.length < (pods.length * outlier.settings.minHealthPercent) / 100;
    this.healthy = { pods, version: outlier.version, inService: panic ? pods : inService };
    return this.healthy.inService;
  }

  /**
   * After a failed try while the caller still waits: the back-off before the next try, or
   * -1 for none. Envoy's RetryStateImpl::shouldRetry, in its order: the retry this call held
   * is released; a failure retry_on does not name is final; so is one past the number of
   * retries (URX); then the circuit breaker's retry limit (max retries, or the retry budget:
   * max(budget% × (active + pending), min concurrency)) may refuse it (an overflow: the
   * failure is final); else the retry is held and sent after the jittered back-off.
   */
  retryAfter(call: LogicalCall, failed: Attempt, failure: FailureCause): number {
    this.releaseRetry(call);
    const retry = this.settings.retry;
    if (retry === undefined || !retry.causes.has(failure)) return -1;
    const retriesDone = call.attempts - 1;
    if (retriesDone >= retry.attempts) return -1;
    const stats = call.target.attempts.resilience;
    const measured = call.request.measured;
    if (this.retriesOutstanding >= this.retryLimit(retry)) {
      if (measured) {
        if (retry.budget === undefined) stats.retryOverflows++;
        else stats.budgetRefusals++;
      }
      return -1;
    }
    const pod = failed.picked ?? failed.pod;
    if (pod !== undefined) {
      if (call.triedPods === undefined) call.triedPods = [pod];
      else call.triedPods.push(pod);
    }
    this.retriesOutstanding++;
    call.holdsRetry = true;
    if (measured) stats.retries++;
    return backOffMs(retriesDone + 1, retry.baseMs, retry.maxMs, this.jitter());
  }

  /** Envoy's retry budget (resource_manager_impl.h, RetryBudgetImpl::max) or max retries. */
  private retryLimit(retry: RetrySettings): number {
    const budget = retry.budget;
    if (budget === undefined) return this.maxRetries;
    const pending = this.poolLimits?.pending ?? 0;
    return Math.max(
      Math.floor((budget.percent / 100) * (this.active + pending)),
      budget.minConcurrency,
    );
  }

  private releaseRetry(call: LogicalCall): void {
    if (!call.holdsRetry) return;
    call.holdsRetry = false;
    this.retriesOutstanding--;
  }

  /** The call ended for its caller: its try, retry and timers are let go. */
  callEnded(call: LogicalCall): void {
    if (call.attempt !== undefined) this.release(call.attempt);
    this.releaseRetry(call);
    if (call.routeDeadline !== -1) {
      this.sim.cancel(call.routeDeadline);
      call.routeDeadline = -1;
    }
    if (call.retryEvent !== -1) {
      this.sim.cancel(call.retryEvent);
      call.retryEvent = -1;
    }
  }
}
