import { meshClientSettings } from '../../model/mesh/proxy/proxy-settings.js';
import { defaultRetries } from '../../model/mesh/resilience/policy-settings.js';
import { meshStrategyOf } from '../../model/mesh/strategy.js';
import type { MeshStrategy } from '../../scenario/mesh-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { RetriesConfig } from '../../scenario/traffic-policy-schema.js';
import { formatDuration } from '../../scenario/units.js';

type ServiceConfig = Scenario['services'][string];

/**
 * What the mesh does to calls, per service, as the run will apply it: the balancer the
 * callers' proxies use, the policies in force (Istio's implicit retries included: a user
 * who configured none should still see them), the versions and how calls are split. Empty
 * for a scenario with no mesh, no policies and no versions: its explanation is unchanged.
 */
export function meshSection(s: Scenario): string {
  const lines = Object.entries(s.services).flatMap(([name, config]) =>
    serviceLines(s, name, config),
  );
  if (s.mesh.strategy === 'none' && lines.length === 0) return '';
  return [
    'Mesh (docs/mesh.md)',
    `  strategy ${s.mesh.strategy}${STRATEGY_TEXT[s.mesh.strategy]}`,
    ...lines,
  ].join('\n');
}

const STRATEGY_TEXT: Record<MeshStrategy, string> = {
  none: ': kube-proxy, no proxy, no policies',
  library: ": the callers' client library applies the policies, no proxy",
  sidecar: ': an Envoy (istio-proxy) container in every pod, mTLS between them',
  'sidecar-light': ': a linkerd-proxy container in every pod, mTLS between them',
  ambient: ': a ztunnel per node (L4, mTLS), waypoints where a service asks for one',
};

/** Calls to a service are handled by its callers; they are taken to run the scenario's strategy. */
function serviceLines(s: Scenario, name: string, config: ServiceConfig): string[] {
  const callers = s.mesh.strategy;
  const facts = [
    balancerText(s, name, config),
    ...policyTexts(callers, config),
    ...routingTexts(config),
  ].filter((fact) => fact !== '');
  return facts.length === 0 ? [] : [`  calls to ${name}: ${facts.join('; ')}`];
}

function balancerText(s: Scenario, name: string, config: ServiceConfig): string {
  const settings = meshClientSettings(meshStrategyOf(s, name), s.mesh, config);
  return settings === undefined ? '' : `the callers' proxies balance by ${settings.policy}`;
}

/** The balancer calls to a service go through: its callers' proxies' under a mesh. */
export function balancerInForce(s: Scenario, name: string, config: ServiceConfig): string {
  const settings = meshClientSettings(meshStrategyOf(s, name), s.mesh, config);
  return settings === undefined
    ? config.loadBalancer
    : `${settings.policy} (in the callers' proxies)`;
}

function policyTexts(callers: MeshStrategy, config: ServiceConfig): string[] {
  if (callers === 'none') return [];
  const policy = config.trafficPolicy;
  const retries = policy?.retries ?? defaultRetries(callers);
  return [
    policy?.timeout === undefined ? '' : `route timeout ${formatDuration(policy.timeout)}`,
    retries === undefined ? '' : retriesText(retries, policy?.retries === undefined),
    policy?.circuitBreaker === undefined ? '' : 'a circuit breaker',
    policy?.outlierDetection === undefined ? '' : 'outlier detection',
  ];
}

function retriesText(retries: RetriesConfig, isDefault: boolean): string {
  if (retries.attempts === 0) return 'no retries';
  const on = retries.retryOn.map((condition) =>
    condition === 'retriable-status-codes' ? retries.retriableStatusCodes.join(',') : condition,
  );
  const perTry =
    retries.perTryTimeout === undefined ? '' : `, ${formatDuration(retries.perTryTimeout)} per try`;
  const whose = isDefault ? " (Istio's default: no trafficPolicy.retries)" : '';
  return `up to ${retries.attempts} retries on ${on.join(', ')}${perTry}${whose}`;
}

function routingTexts(config: ServiceConfig): string[] {
  const versions = config.versions;
  if (versions === undefined) return [];
  const pods = Object.entries(versions).map(([version, v]) => `${version} ${v.replicas} pod(s)`);
  const split = config.routing?.split;
  const shares =
    split === undefined
      ? 'any ready pod (no split)'
      : Object.entries(split)
          .map(([version, weight]) => `${version} ${Number((weight * 100).toFixed(4))}%`)
          .join(', ');
  return [`versions ${pods.join(', ')}`, `split ${shares}`];
}
