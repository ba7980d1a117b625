import type { Problem } from './errors.js';
import { formatCpu, formatMemory } from './print.js';
import type { Scenario } from './schema.js';

/**
 * The largest task Fargate offers (EKS user guide, "Fargate Pod configuration"): 16 vCPU
 * and 120 GB. The model sizes each pod's task (src/model/cost/fargate-billing.ts); a pod
 * whose requests, plus the 256 MB EKS adds for kubelet, kube-proxy and containerd, exceed
 * this has none and would stay Pending forever, so it is refused here.
 */
const LARGEST_TASK = { cpu: 16, memory: 120 * 2 ** 30 };
const EKS_OVERHEAD_BYTES = 256 * 2 ** 20;

/** What `compute: fargate` cannot do, as EKS refuses it. */
export function checkFargate(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  for (const [name, service] of Object.entries(scenario.services)) {
    if (service.compute !== 'fargate') continue;
    const path = ['services', name, 'compute'];
    const sidecar = sidecarRequests(scenario, service);
    const cpu = service.resources.requests.cpu + sidecar.cpu;
    const memory = service.resources.requests.memory + sidecar.memory;
    if (cpu > LARGEST_TASK.cpu + 1e-9 || memory + EKS_OVERHEAD_BYTES > LARGEST_TASK.memory)
      problems.push({
        path,
        message: `its pod requests ${formatCpu(cpu)} CPU and ${formatMemory(memory)} (+ 256Mi for EKS's components); the largest Fargate task is 16 vCPU and 120 GB: lower the requests or use compute: nodes`,
      });
    if ((service.mesh?.strategy ?? scenario.mesh.strategy) === 'ambient')
      problems.push({
        path,
        message:
          "ambient's ztunnel is a DaemonSet, and Fargate runs no DaemonSets: use a sidecar mesh strategy for this service, or compute: nodes",
      });
  }
  return problems;
}

/** The sidecar EKS sizes the pod with (its containers add up), when its mesh injects one. */
function sidecarRequests(
  scenario: Scenario,
  service: Scenario['services'][string],
): { cpu: number; memory: number } {
  const strategy = service.mesh?.strategy ?? scenario.mesh.strategy;
  const section =
    strategy === 'sidecar' ? 'sidecar' : strategy === 'sidecar-light' ? 'sidecarLight' : undefined;
  return section === undefined ? { cpu: 0, memory: 0 } : scenario.mesh[section].resources.requests;
}
