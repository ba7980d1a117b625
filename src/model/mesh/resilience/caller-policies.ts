import type { RandomStreams } from '../../../engine/random.js';
import type { Simulation } from '../../../engine/simulation.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { PolicyLookup } from '../../traffic.js';
import { appliesPolicies, meshStrategyOf } from '../strategy.js';
import { CallerPolicy } from './caller-policy.js';
import { hasPolicies, policySettings } from './policy-settings.js';

/** Whether any caller of the scenario (the ingress included) applies resilience policies. */
export function anyCallerAppliesPolicies(scenario: Scenario): boolean {
  if (appliesPolicies(scenario.mesh.strategy)) return true;
  return Object.values(scenario.services).some(
    (service) => service.mesh?.strategy !== undefined && appliesPolicies(service.mesh.strategy),
  );
}

/**
 * Makes each caller's policies for calls to `calleeName`: undefined where the caller's mesh
 * strategy applies none (`none`) or where nothing is configured or defaulted. Each gets its
 * own jitter stream, `svc:<callee>:retry@<caller>`, so no existing stream moves.
 */
export function callerPolicyFactory(
  scenario: Scenario,
  calleeName: string,
  streams: RandomStreams,
  sim: Simulation,
): (callerService: string | undefined, callerName: string) => CallerPolicy | undefined {
  const config = scenario.services[calleeName]?.trafficPolicy;
  return (callerService, callerName) => {
    const strategy = meshStrategyOf(scenario, callerService);
    if (!appliesPolicies(strategy)) return undefined;
    const settings = policySettings(strategy, config);
    if (!hasPolicies(settings)) return undefined;
    const jitter = streams.stream(`svc:${calleeName}:retry@${callerName}`).next;
    return new CallerPolicy(sim, settings, jitter);
  };
}

/** How the request path finds a call's policies: its caller's client's. */
export const policyOfCall: PolicyLookup = (call) =>
  call.target.service.clients?.forCall(call).policy;
