/**
 * Why a request or call failed: an open, documented set. Each cause says what the caller
 * sees (the HTTP status, and the gRPC status where one is apt), the flag an Envoy access log
 * writes for it (%RESPONSE_FLAGS%, envoyproxy.io: configuration/observability/access_log),
 * and where it can begin. The output columns are derived from this list (errors_<id> in
 * runs.csv and summary.csv, the rows of failures.csv), in its order.
 *
 * To add a cause: append one entry at the END. Never reorder or remove one: the position of
 * a cause is the position of its columns, and readers of older files rely on it.
 */

/**
 * Where a failure can begin:
 * - `server`: in the called pod (its queue, its code, its termination); counted as
 *   originated at that service's endpoint, and as propagated at every caller that fails with it.
 * - `client`: at the caller's side (the end client, or a calling pod's client or proxy),
 *   before or without a response; no service originates it, and the calls that fail with
 *   it count it as propagated from downstream.
 * - `run`: the simulated run ended first; counted per request only.
 */
export type FailureOrigin = 'server' | 'client' | 'run';

export interface FailureCauseInfo {
  /** the id: column errors_<id>, failures.csv's `cause` */
  readonly id: string;
  /** one line: what happened */
  readonly meaning: string;
  /**
   * The HTTP status the caller sees; 0 when no response reached it, as Envoy's access log
   * writes %RESPONSE_CODE% then and load generators (k6) record it.
   */
  readonly httpStatus: number;
  /** Envoy's %RESPONSE_FLAGS% short form; "-" (Envoy's text for none) when it sets none */
  readonly responseFlag: string;
  /** the gRPC status a gRPC caller sees, where one is apt (grpc.io status codes); else null */
  readonly grpcStatus: string | null;
  readonly origin: FailureOrigin;
}

/** The registry: append only (see the top of this file). */
export const FAILURE_CAUSE_REGISTRY = [
  {
    id: 'timeout',
    meaning: "the end client gave up: the workload's timeout passed before the response came",
    httpStatus: 0,
    responseFlag: 'DC',
    grpcStatus: 'DEADLINE_EXCEEDED',
    origin: 'client',
  },
  {
    id: 'overflow',
    meaning: "a pod's worker queue was full and it refused the call",
    httpStatus: 503,
    responseFlag: '-',
    grpcStatus: 'UNAVAILABLE',
    origin: 'server',
  },
  {
    id: 'error',
    meaning: "the endpoint's own application error (its errorRate)",
    httpStatus: 500,
    responseFlag: '-',
    grpcStatus: 'INTERNAL',
    origin: 'server',
  },
  {
    id: 'unavailable',
    meaning: 'the called service had no ready pod: no healthy upstream',
    httpStatus: 503,
    responseFlag: 'UH',
    grpcStatus: 'UNAVAILABLE',
    origin: 'client',
  },
  {
    id: 'unfinished',
    meaning: 'still in flight when the drain after the run ended: it never ended',
    httpStatus: 0,
    responseFlag: '-',
    grpcStatus: null,
    origin: 'run',
  },
  {
    id: 'connect_failure',
    meaning: 'the connection to the chosen pod failed: the pod is gone or refuses connections',
    httpStatus: 503,
    responseFlag: 'UF',
    grpcStatus: 'UNAVAILABLE',
    origin: 'client',
  },
  {
    id: 'reset',
    meaning:
      'the stream or connection was reset mid-call, e.g. a pod killed at the end of its grace period',
    httpStatus: 503,
    responseFlag: 'UC',
    grpcStatus: 'UNAVAILABLE',
    origin: 'server',
  },
  {
    id: 'throttled',
    meaning: 'a rate limit refused the call: too many requests',
    httpStatus: 429,
    responseFlag: 'RL',
    grpcStatus: 'RESOURCE_EXHAUSTED',
    origin: 'server',
  },
  {
    id: 'circuit_open',
    meaning: "the caller's circuit breaker was open (its limit reached) and refused to send",
    httpStatus: 503,
    responseFlag: 'UO',
    grpcStatus: 'UNAVAILABLE',
    origin: 'client',
  },
  {
    id: 'deadline_exceeded',
    meaning:
      "a call step's own timeout passed (the calling service's client timeout, not the end client's)",
    httpStatus: 504,
    responseFlag: 'UT',
    grpcStatus: 'DEADLINE_EXCEEDED',
    origin: 'client',
  },
  {
    id: 'fault_abort',
    meaning:
      "the caller's proxy aborted the call by fault injection (routing.fault.abort); the caller sees the fault's httpStatus, 503 being the usual choice",
    httpStatus: 503,
    responseFlag: 'FI',
    grpcStatus: 'UNAVAILABLE',
    origin: 'client',
  },
] as const satisfies readonly FailureCauseInfo[];

/** Why a request failed; every request ends exactly once, as a success or with one cause. */
export type FailureCause = (typeof FAILURE_CAUSE_REGISTRY)[number]['id'];

/** The ids in registry order: the order of every column and row that lists causes. */
export const FAILURE_CAUSES: readonly FailureCause[] = FAILURE_CAUSE_REGISTRY.map(
  (cause) => cause.id,
);

const BY_ID: ReadonlyMap<string, FailureCauseInfo> = new Map(
  FAILURE_CAUSE_REGISTRY.map((cause) => [cause.id, cause]),
);

export function failureCauseInfo(cause: FailureCause): FailureCauseInfo {
  return BY_ID.get(cause)!;
}

/**
 * How many causes runs.csv had before the set was opened (timeout ... unfinished): their
 * errors_<id> columns keep their place in the middle of the row; the column of every cause
 * after them is appended at the end of the row, in registry order.
 */
export const CAUSES_IN_FIRST_LAYOUT = 5;
