import type { PathSegment, Problem } from './errors.js';
import type { Scenario, ScenarioEvent } from './schema.js';
import { suggestFor } from './suggest.js';
import { formatDuration } from './units.js';

/**
 * The `events:` list's references and times (docs/lifecycle.md): each event acts while
 * requests arrive, on a service, pool, endpoint or pod the scenario has.
 */
export function checkEvents(scenario: Scenario): Problem[] {
  return (scenario.events ?? []).flatMap((event, index) =>
    eventProblems(scenario, event, ['events', index]),
  );
}

function eventProblems(scenario: Scenario, event: ScenarioEvent, path: PathSegment[]): Problem[] {
  const problems: Problem[] = [];
  if (event.at >= scenario.duration) {
    problems.push({
      path: [...path, 'at'],
      message: `must be before duration (${formatDuration(scenario.duration)}): events act while requests arrive`,
    });
  }
  const service = (name: string, at: PathSegment[]) => {
    const problem = serviceProblem(scenario, name);
    if (problem !== undefined) problems.push({ path: at, message: problem });
  };
  const pool = (name: string, at: PathSegment[]) => {
    const pools = scenario.cluster.nodePools.map((p) => p.name);
    if (!pools.includes(name))
      problems.push({
        path: at,
        message: `unknown node pool "${name}"${suggestFor(name, pools, 'the pools are')}`,
      });
  };
  const pod = (name: string, at: PathSegment[]) => {
    const problem = podProblem(scenario, name);
    if (problem !== undefined) problems.push({ path: at, message: problem });
  };
  if (event.scale !== undefined) service(event.scale.service, [...path, 'scale', 'service']);
  if (event.setPolicy !== undefined)
    service(event.setPolicy.service, [...path, 'setPolicy', 'service']);
  if (event.setTemplate !== undefined)
    problems.push(...templateProblems(scenario, event.setTemplate, [...path, 'setTemplate']));
  if (event.rollout !== undefined)
    problems.push(...deploymentProblems(scenario, event.rollout.service, [...path, 'rollout']));
  if (event.rollout !== undefined && problems.length === 0)
    problems.push(...templateProblems(scenario, event.rollout, [...path, 'rollout']));
  if (event.rollback !== undefined) {
    const at = [...path, 'rollback'];
    const found = deploymentProblems(scenario, event.rollback.service, at);
    problems.push(...(found.length > 0 ? found : historyProblems(scenario, event, at)));
  }
  if (event.addNodes !== undefined) pool(event.addNodes.pool, [...path, 'addNodes', 'pool']);
  if (event.removeNodes !== undefined)
    pool(event.removeNodes.pool, [...path, 'removeNodes', 'pool']);
  if (event.deletePod !== undefined) pod(event.deletePod, [...path, 'deletePod']);
  if (event.crashPod !== undefined) pod(event.crashPod, [...path, 'crashPod']);
  if (event.breakPod !== undefined) pod(event.breakPod.pod, [...path, 'breakPod', 'pod']);
  return problems;
}

/**
 * kubectl rollout undo needs a revision to go back to: a `rollout` of the service before
 * this `rollback` (a rollback with none does nothing: "no rollout history found").
 */
function historyProblems(scenario: Scenario, rollback: ScenarioEvent, at: PathSegment[]) {
  const service = rollback.rollback!.service;
  const earlier = (scenario.events ?? []).some(
    (event) => event.rollout?.service === service && event.at < rollback.at,
  );
  if (earlier) return [];
  return [
    {
      path: [...at, 'service'],
      message: `no rollout of "${service}" before ${formatDuration(rollback.at)}: there is no earlier revision to roll back to (Kubernetes: "no rollout history found"); add a rollout event before it, or drop the rollback`,
    },
  ];
}

/** A Deployment's rollout replaces one ReplicaSet by another: a service without `versions`. */
function deploymentProblems(scenario: Scenario, name: string, at: PathSegment[]): Problem[] {
  const problem = serviceProblem(scenario, name);
  if (problem !== undefined) return [{ path: [...at, 'service'], message: problem }];
  if (scenario.services[name]!.versions === undefined) return [];
  return [
    {
      path: [...at, 'service'],
      message: `service "${name}" declares versions side by side (one ReplicaSet each): a rollout or rollback needs a service run by one Deployment, without versions`,
    },
  ];
}

function templateProblems(
  scenario: Scenario,
  change: NonNullable<ScenarioEvent['setTemplate']>,
  at: PathSegment[],
) {
  const problem = serviceProblem(scenario, change.service);
  if (problem !== undefined) return [{ path: [...at, 'service'], message: problem }];
  const endpoints = Object.keys(scenario.services[change.service]!.endpoints);
  return Object.keys(change.endpoints ?? {})
    .filter((name) => !endpoints.includes(name))
    .map((name) => ({
      path: [...at, 'endpoints', name],
      at: 'key' as const,
      message: `service "${change.service}" has no endpoint "${name}"${suggestFor(name, endpoints, 'its endpoints are')}`,
    }));
}

function serviceProblem(scenario: Scenario, name: string): string | undefined {
  if (Object.hasOwn(scenario.services, name)) return undefined;
  const services = Object.keys(scenario.services);
  return `unknown service "${name}"${suggestFor(name, services, 'the services are')}`;
}

/** A pod's name is <service>-<n>; whether that pod exists when the event comes is the run's. */
function podProblem(scenario: Scenario, name: string): string | undefined {
  const match = /^(.+)-(0|[1-9][0-9]*)$/.exec(name);
  if (match !== null && Object.hasOwn(scenario.services, match[1]!)) return undefined;
  return `"${name}" names no pod: pods are named <service>-<n>, like ${Object.keys(scenario.services)[0]}-0`;
}
