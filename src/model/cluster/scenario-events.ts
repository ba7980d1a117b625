import type { Simulation } from '../../engine/simulation.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import { type ControlSurface, DEFAULT_PROVISIONING_DELAY_MS } from './control-surface.js';

/** Schedules a scenario's `events:` list: each acts on the control surface at its time. */
export function scheduleScenarioEvents(
  sim: Simulation,
  events: readonly ScenarioEvent[],
  surface: ControlSurface,
): void {
  const apply = (event: ScenarioEvent) => applyEvent(event, surface);
  for (const event of events) sim.scheduleAt(event.at, apply, event);
}

function applyEvent(event: ScenarioEvent, surface: ControlSurface): void {
  if (event.scale !== undefined)
    surface.scale(event.scale.service, event.scale.replicas, event.scale.version);
  else if (event.setTemplate !== undefined)
    surface.setTemplate(event.setTemplate.service, event.setTemplate);
  else if (event.addNodes !== undefined) {
    const { pool, count, provisioningDelay } = event.addNodes;
    surface.addNodes(pool, count, provisioningDelay ?? DEFAULT_PROVISIONING_DELAY_MS);
  } else if (event.removeNodes !== undefined)
    surface.removeNodes(event.removeNodes.pool, event.removeNodes.count);
  else if (event.deletePod !== undefined) surface.deletePod(event.deletePod);
  else if (event.crashPod !== undefined) surface.crashPod(event.crashPod);
  else if (event.setPolicy !== undefined)
    surface.setLoadBalancer(event.setPolicy.service, event.setPolicy.loadBalancer);
  else if (event.setRouting !== undefined)
    surface.setRouting(event.setRouting.service, event.setRouting.routing);
  else if (event.breakPod !== undefined)
    surface.breakPod(event.breakPod.pod, event.breakPod.errorRate);
  else if (event.rollout !== undefined) surface.rollout(event.rollout.service, event.rollout);
  else if (event.rollback !== undefined) surface.rollback(event.rollback.service);
  else if (event.promote !== undefined) surface.promoteRollout(event.promote.service);
  else if (event.abort !== undefined) surface.abortRollout(event.abort.service);
}
