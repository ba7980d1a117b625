import { failureCauseInfo } from '../../../metrics/failure-causes.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import type { Pod } from '../../pod.js';

/** The workload Istio names for requests from outside: they enter through its ingress gateway. */
export const INGRESS_WORKLOAD = 'istio-ingressgateway';
/** What a proxy writes for a label it cannot know (Istio's "unknown"). */
export const UNKNOWN = 'unknown';

/** A pod's version label: its own version (the scenario's first for a service without versions). */
export function versionOf(pod: Pod | undefined): string {
  return pod === undefined ? UNKNOWN : pod.versionName;
}

export interface ResponseLabels {
  responseCode: number;
  responseFlags: string;
}

const OK: ResponseLabels = { responseCode: 200, responseFlags: '-' };
/** Envoy's DC: the downstream connection went away before the response; no code was sent. */
const DOWNSTREAM_GONE: ResponseLabels = { responseCode: 0, responseFlags: 'DC' };

/** The code and flags of a response as the failure-cause registry gives them; 200 for none. */
export function responseLabels(failure: FailureCause | undefined): ResponseLabels {
  if (failure === undefined) return OK;
  const info = failureCauseInfo(failure);
  return { responseCode: info.httpStatus, responseFlags: info.responseFlag };
}

/**
 * What a caller's proxy records when its caller stops waiting: the route's own timeout is
 * Envoy's upstream request timeout (504 UT, as the registry gives deadline_exceeded); any
 * other cause is the application going away (the end client, or a caller failing fast on
 * another branch), which the proxy sees as a downstream disconnect (code 0, DC).
 */
export function gaveUpLabels(cause: FailureCause): ResponseLabels {
  return cause === 'deadline_exceeded' ? responseLabels(cause) : DOWNSTREAM_GONE;
}

/** The callee's side stopped because its caller went away: no response, Envoy's DC. */
export function cancelledLabels(): ResponseLabels {
  return DOWNSTREAM_GONE;
}
