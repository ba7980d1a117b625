import type { DistributionSpec } from '../../engine/distributions/spec.js';
import { distributionText, formatCpu, formatDuration, formatMemory } from '../../scenario/index.js';
import type { ScenarioEvent } from '../../scenario/schema.js';

/**
 * The scenario's `events:` in time order (events at the same time in the file's order, as
 * the run applies them), one line each in the scenario's own words:
 * `1m: rollout api to v2 (errorRate 20% on get)`.
 */
export function eventLines(events: readonly ScenarioEvent[]): string[] {
  // Array.prototype.sort is stable: equal times keep the file's order.
  return [...events]
    .sort((a, b) => a.at - b.at)
    .map((e) => `${e.at === 0 ? '0s' : formatDuration(e.at)}: ${eventText(e)}`);
}

function eventText(e: ScenarioEvent): string {
  if (e.rollout !== undefined) return `rollout ${templateText(e.rollout)}`;
  if (e.setTemplate !== undefined)
    return `setTemplate ${templateText(e.setTemplate)}: pods created from now on`;
  if (e.rollback !== undefined) return `rollback ${e.rollback.service} (kubectl rollout undo)`;
  if (e.promote !== undefined)
    return `promote ${e.promote.service} (kubectl argo rollouts promote)`;
  if (e.abort !== undefined) return `abort ${e.abort.service} (kubectl argo rollouts abort)`;
  if (e.scale !== undefined) {
    const version = e.scale.version === undefined ? '' : ` of version ${e.scale.version}`;
    return `scale ${e.scale.service} to ${e.scale.replicas} replicas${version}`;
  }
  if (e.addNodes !== undefined) {
    const delay = e.addNodes.provisioningDelay;
    const ready = delay === undefined ? '' : `, ready after ${formatDuration(delay)}`;
    return `addNodes: ${e.addNodes.count} to pool ${e.addNodes.pool}${ready}`;
  }
  if (e.removeNodes !== undefined)
    return `removeNodes: ${e.removeNodes.count} from pool ${e.removeNodes.pool}, newest first`;
  if (e.deletePod !== undefined) return `deletePod ${e.deletePod}`;
  if (e.crashPod !== undefined) return `crashPod ${e.crashPod}`;
  if (e.setPolicy !== undefined)
    return `setPolicy ${e.setPolicy.service}: loadBalancer ${e.setPolicy.loadBalancer}`;
  if (e.breakPod !== undefined)
    return `breakPod ${e.breakPod.pod}: errorRate ${percent(e.breakPod.errorRate)}`;
  const routing = e.setRouting!;
  const parts = Object.keys(routing.routing).filter(
    (key) => routing.routing[key as keyof typeof routing.routing] !== undefined,
  );
  return `setRouting ${routing.service}: ${parts.join(', ')} (docs/mesh/routing.md)`;
}

type TemplateChange = NonNullable<ScenarioEvent['rollout']>;

/** `api to v2 (errorRate 20% on get, cpu 8ms on list, new resources)` */
function templateText(change: TemplateChange): string {
  const endpoints = Object.entries(change.endpoints ?? {}).flatMap(([endpoint, e]) => [
    ...(e.cpu === undefined ? [] : [`cpu ${cpuText(e.cpu)} on ${endpoint}`]),
    ...(e.errorRate === undefined ? [] : [`errorRate ${percent(e.errorRate)} on ${endpoint}`]),
  ]);
  const requests = change.resources?.requests;
  const changes = [
    ...endpoints,
    ...(requests === undefined
      ? []
      : [`requests cpu ${formatCpu(requests.cpu)}, memory ${formatMemory(requests.memory)}`]),
    ...(change.lifecycle === undefined ? [] : ['its own lifecycle']),
  ];
  const details = changes.length === 0 ? '' : ` (${changes.join(', ')})`;
  return `${change.service} to ${change.version}${details}`;
}

/** A histogram has no text form (print.ts): said by name. */
function cpuText(spec: DistributionSpec): string {
  return spec.kind === 'histogram' ? 'a histogram' : distributionText(spec);
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(4))}%`;
}
