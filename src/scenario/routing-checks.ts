import type { PathSegment, Problem } from './errors.js';
import type { RoutingConfig } from './routing-schema.js';
import type { Scenario } from './schema.js';
import { suggestFor } from './suggest.js';

/**
 * Versions and routing (docs/mesh/routing.md): every version a route, a mirror or a
 * `scale` names exists; a split adds up to 100%; a match names a cohort some workload tags;
 * routing needs versions to route among; a versioned service changes by scaling a version.
 */
export function checkRouting(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const cohorts = new Set(scenario.workload.flatMap((w) => Object.keys(w.cohorts ?? {})));
  for (const [name, config] of Object.entries(scenario.services)) {
    const path = ['services', name];
    for (const [version, spec] of Object.entries(config.versions ?? {}))
      for (const endpoint of Object.keys(spec.endpoints ?? {}))
        if (!Object.hasOwn(config.endpoints, endpoint))
          problems.push({
            path: [...path, 'versions', version, 'endpoints', endpoint],
            at: 'key',
            message: `service "${name}" has no endpoint "${endpoint}"${suggestFor(endpoint, Object.keys(config.endpoints), 'its endpoints are')}`,
          });
    if (config.routing !== undefined)
      problems.push(
        ...routingProblems(scenario, name, config.routing, [...path, 'routing'], cohorts),
      );
  }
  (scenario.events ?? []).forEach((event, index) => {
    const at: PathSegment[] = ['events', index];
    const routing = event.setRouting;
    if (routing !== undefined && !Object.hasOwn(scenario.services, routing.service)) {
      const services = Object.keys(scenario.services);
      problems.push({
        path: [...at, 'setRouting', 'service'],
        message: `unknown service "${routing.service}"${suggestFor(routing.service, services, 'the services are')}`,
      });
    } else if (routing !== undefined)
      problems.push(
        ...routingProblems(
          scenario,
          routing.service,
          routing.routing,
          [...at, 'setRouting', 'routing'],
          cohorts,
        ),
      );
    const scale = event.scale;
    const scaled = scale === undefined ? undefined : scenario.services[scale.service];
    if (scale !== undefined && scaled !== undefined) {
      const versions = Object.keys(scaled.versions ?? {});
      if (scaled.versions !== undefined && scale.version === undefined)
        problems.push({
          path: [...at, 'scale'],
          message: `service "${scale.service}" runs versions side by side: say which to scale (version: ${versions.join(' or ')})`,
        });
      if (scale.version !== undefined && !versions.includes(scale.version))
        problems.push({
          path: [...at, 'scale', 'version'],
          message: versionProblem(scale.service, scale.version, versions),
        });
    }
    const template = event.setTemplate;
    if (template !== undefined && scenario.services[template.service]?.versions !== undefined)
      problems.push({
        path: [...at, 'setTemplate'],
        message: `service "${template.service}" runs versions side by side: change each with scale: { service, version, replicas } (setTemplate is for a service without versions)`,
      });
  });
  return problems;
}

function routingProblems(
  scenario: Scenario,
  service: string,
  routing: RoutingConfig,
  path: PathSegment[],
  cohorts: ReadonlySet<string>,
): Problem[] {
  const config = scenario.services[service]!;
  if (config.versions === undefined)
    return [
      {
        path,
        message: `service "${service}" has no versions to route among: give it versions (services.${service}.versions)`,
      },
    ];
  const versions = Object.keys(config.versions);
  const problems: Problem[] = [];
  if (config.clients === 'shared')
    problems.push({
      path: ['services', service, 'clients'],
      message:
        "routing acts in each caller's proxy, which has its own client: use clients: per-caller (or leave clients out)",
    });
  const version = (name: string, at: PathSegment[], key = false) => {
    if (!versions.includes(name))
      problems.push({
        path: at,
        ...(key ? { at: 'key' as const } : {}),
        message: versionProblem(service, name, versions),
      });
  };
  (routing.match ?? []).forEach((rule, i) => {
    version(rule.version, [...path, 'match', i, 'version']);
    if (!cohorts.has(rule.cohort))
      problems.push({
        path: [...path, 'match', i, 'cohort'],
        message: `no workload tags a cohort "${rule.cohort}"${suggestFor(rule.cohort, [...cohorts], 'the cohorts are')}: give a workload cohorts: { ${rule.cohort}: 10% }`,
      });
  });
  if (routing.split !== undefined) {
    for (const name of Object.keys(routing.split)) version(name, [...path, 'split', name], true);
    const total = Object.values(routing.split).reduce((sum, w) => sum + w, 0);
    if (Math.abs(total - 1) > 1e-9)
      problems.push({
        path: [...path, 'split'],
        message: `the weights add up to ${+(total * 100).toFixed(6)}%, not 100% (Istio requires route weights to sum to 100)`,
      });
  }
  if (routing.mirror !== undefined) version(routing.mirror.version, [...path, 'mirror', 'version']);
  return problems;
}

function versionProblem(service: string, version: string, versions: readonly string[]): string {
  return `service "${service}" has no version "${version}"${suggestFor(version, versions, 'its versions are')}`;
}
