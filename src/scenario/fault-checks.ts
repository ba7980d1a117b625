import type { PathSegment, Problem } from './errors.js';
import type { FaultConfig } from './fault-schema.js';
import type { Scenario } from './schema.js';
import { callSites } from './semantic.js';
import { suggestFor } from './suggest.js';
import { formatDuration } from './units.js';

/**
 * The `faults:` list's references and times (docs/faults.md): each fault starts while
 * requests arrive, on a service, node or zone the scenario has.
 */
export function checkFaults(scenario: Scenario): Problem[] {
  return [
    ...(scenario.faults ?? []).flatMap((fault, index) =>
      faultProblems(scenario, fault, ['faults', index]),
    ),
    ...steadyStateProblems(scenario),
  ];
}

/** A steady-state window longer than the measured period would check nothing. */
function steadyStateProblems(scenario: Scenario): Problem[] {
  const window = scenario.steadyState?.window;
  const measured = scenario.duration - scenario.warmup;
  if (window === undefined || window <= measured) return [];
  return [
    {
      path: ['steadyState', 'window'],
      message: `${formatDuration(window)} is longer than the measured period (${formatDuration(measured)}: duration less warmup), so no window would be checked; give at most ${formatDuration(measured)}`,
    },
  ];
}

function faultProblems(scenario: Scenario, fault: FaultConfig, path: PathSegment[]): Problem[] {
  const problems: Problem[] = [];
  if (fault.at >= scenario.duration)
    problems.push({
      path: [...path, 'at'],
      message: `must be before duration (${formatDuration(scenario.duration)}): faults start while requests arrive`,
    });
  const named = (name: string, names: string[], what: string, at: PathSegment[]) => {
    if (!names.includes(name))
      problems.push({
        path: at,
        message: `unknown ${what} "${name}"${suggestFor(name, names, `the ${what}s are`)}`,
      });
  };
  if (fault.podCrashes !== undefined)
    named(fault.podCrashes.service, Object.keys(scenario.services), 'service', [
      ...path,
      'podCrashes',
      'service',
    ]);
  if (fault.nodeFailure !== undefined)
    named(fault.nodeFailure.node, initialNodes(scenario), 'node', [...path, 'nodeFailure', 'node']);
  if (fault.zoneOutage !== undefined)
    named(fault.zoneOutage.zone, zonesWithNodes(scenario), 'zone', [...path, 'zoneOutage', 'zone']);
  const services = Object.keys(scenario.services);
  for (const kind of ['networkDelay', 'networkLoss', 'httpAbort'] as const) {
    const call = fault[kind];
    if (call === undefined) continue;
    named(call.service, services, 'service', [...path, kind, 'service']);
    if (call.from === undefined) continue;
    named(call.from, services, 'service', [...path, kind, 'from']);
    const problem = uncalledPair(scenario, call.from, call.service);
    if (problem !== undefined) problems.push({ path: [...path, kind, 'from'], message: problem });
  }
  const functions = Object.keys(scenario.functions ?? {});
  for (const kind of ['functionDelay', 'functionError'] as const) {
    const invocation = fault[kind];
    if (invocation !== undefined)
      named(invocation.function, functions, 'function', [...path, kind, 'function']);
  }
  return problems;
}

/**
 * A fault between two services acts on the calls from one to the other: where no endpoint
 * of `from` calls `service`, it would hit nothing, which is surely not what was meant.
 */
function uncalledPair(scenario: Scenario, from: string, service: string): string | undefined {
  if (scenario.services[from] === undefined || scenario.services[service] === undefined)
    return undefined;
  const callees = new Set(
    callSites(scenario)
      .filter((site) => site.from.startsWith(`${from}.`))
      .map((site) => site.call.service),
  );
  if (callees.has(service)) return undefined;
  const calls = callees.size === 0 ? 'calls no service' : `calls ${[...callees].join(', ')}`;
  return `${from} never calls ${service} (${from} ${calls}), so this fault would hit no call; name a caller of ${service}, or leave from out to hit every call into it`;
}

/** The nodes the cluster starts with, named <pool>-<i> (src/model/cluster.ts buildNode). */
function initialNodes(scenario: Scenario): string[] {
  return scenario.cluster.nodePools.flatMap((pool) =>
    Array.from({ length: pool.count }, (_, i) => `${pool.name}-${i}`),
  );
}

/** The zones some node of the cluster starts in (pools spread round-robin over theirs). */
function zonesWithNodes(scenario: Scenario): string[] {
  const zones = new Set<string>();
  for (const pool of scenario.cluster.nodePools) {
    const poolZones = pool.zones ?? scenario.cluster.zones;
    for (let i = 0; i < Math.min(pool.count, poolZones.length); i++) zones.add(poolZones[i]!);
  }
  return [...zones];
}
