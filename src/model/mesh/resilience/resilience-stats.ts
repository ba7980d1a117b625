/**
 * What the resilience policies did on one edge (caller service → callee), the measured
 * requests' (as the edge's attempts), summed over the caller's pods: Envoy's cluster stats
 * upstream_rq_retry, upstream_rq_retry_overflow (split here: the max_retries limit, or the
 * retry budget), upstream_rq_pending_overflow (calls refused with 503 UO) and
 * outlier_detection.ejections_detected_* / ejections_enforced_*.
 */
export class ResilienceStats {
  retries = 0;
  retryOverflows = 0;
  budgetRefusals = 0;
  breakerOverflows = 0;
  ejectionsDetected = 0;
  ejectionsEnforced = 0;
}
