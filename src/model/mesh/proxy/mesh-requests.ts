import type { Scenario } from '../../../scenario/schema.js';
import { bindPod, type ClusterNode, type PodRequests, podRequests } from '../../cluster.js';
import { meshStrategyOf } from '../strategy.js';
import { sidecarConfigOf } from './proxy-settings.js';

/**
 * What a mesh's proxies ask of the scheduler: an injected sidecar adds its container's
 * requests to its pod's (a pod's requests are its containers' sum, which the scheduler fits
 * against the node's allocatable), and ambient's ztunnel is a DaemonSet pod on every node.
 */

/** A service's pod requests, its sidecar's included when its strategy injects one. */
export function meshedPodRequests(
  scenario: Scenario,
  service: string,
  requests: { cpu: number; memory: number },
): { cpu: number; memory: number } {
  const sidecar = sidecarConfigOf(scenario.mesh, meshStrategyOf(scenario, service));
  if (sidecar === undefined) return requests;
  const extra = sidecar.resources.requests;
  return { cpu: requests.cpu + extra.cpu, memory: requests.memory + extra.memory };
}

/** A pod template whose scheduler requests include its service's sidecar (its CPU weight does not). */
export function withMeshRequests<T extends { requests: PodRequests; cpuRequest: number }>(
  scenario: Scenario,
  service: string,
  template: T,
): T {
  const own = { cpu: template.cpuRequest, memory: template.requests.memoryBytes };
  const meshed = meshedPodRequests(scenario, service, own);
  return meshed === own ? template : { ...template, requests: podRequests(service, meshed) };
}

/** Whether any service runs under ambient (a ztunnel on every node). */
export function usesAmbient(scenario: Scenario): boolean {
  if (scenario.mesh.strategy === 'ambient') return true;
  return Object.keys(scenario.services).some(
    (name) => meshStrategyOf(scenario, name) === 'ambient',
  );
}

/**
 * Binds ambient's ztunnel DaemonSet pod to each node, before any service's pod is placed,
 * as the cluster's own DaemonSets are (cluster.ts buildNode). A no-op without ambient.
 */
export function bindMeshDaemonSets(scenario: Scenario, nodes: readonly ClusterNode[]): void {
  if (!usesAmbient(scenario)) return;
  const requests = podRequests(undefined, scenario.mesh.ztunnel.resources.requests);
  for (const node of nodes) bindPod(node, requests);
}
