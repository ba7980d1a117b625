import type { RandomStreams } from '../../../engine/random.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { DistributionCache } from '../../distribution-cache.js';
import { meshHasProxies } from '../proxy/mesh-proxies.js';
import { hasProxies } from '../proxy/proxy-settings.js';
import { meshStrategyOf } from '../strategy.js';

/**
 * How long a `setPolicy` on `service` takes to reach each caller's proxy: the control plane
 * pushes a DestinationRule's trafficPolicy as it pushes a VirtualService (control-plane.ts),
 * so the same debounce and push, drawn per proxy and change from `svc:<service>:policy-push`.
 * A caller without a proxy has no control plane: kube-proxy's rules, or a client library's
 * configuration, change when the event says (undefined). Undefined for a scenario without
 * proxies at all, whose setPolicy acts at once as it always has.
 */
export function policyPushOf(
  scenario: Scenario,
  service: string,
  streams: RandomStreams,
  distributions: DistributionCache,
): ((callerService: string | undefined) => number | undefined) | undefined {
  if (!meshHasProxies(scenario)) return undefined;
  const { debounceAfter, push } = scenario.mesh.controlPlane;
  const pushTime = distributions.get(push);
  let draws: (() => number) | undefined;
  return (callerService) => {
    if (!hasProxies(meshStrategyOf(scenario, callerService))) return undefined;
    draws ??= streams.stream(`svc:${service}:policy-push`).next;
    return debounceAfter + pushTime.sample(draws);
  };
}
