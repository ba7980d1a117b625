import type { ReplicaSizing } from './compute-schema.js';
import { formatCpu } from './print.js';
import type { Scenario } from './schema.js';

/**
 * Why a right-sized service got its replicas, in one line (`explain`, `validate --print`):
 * `api: 8 replicas for 2.4 cores at the workloads' mean rates: 2.4 / (60% × 500m) = 8
 * (min 2, max 100)`.
 */
export function rightSizingLine(name: string, replicas: number, sizing: ReplicaSizing): string {
  const cores = Number(sizing.demandCores.toPrecision(4));
  const formula = `${cores} / (${sizing.targetCPUUtilization}% × ${formatCpu(sizing.podRequestCores)}) → ${sizing.unclamped}`;
  const clamp =
    replicas === sizing.unclamped
      ? `(min ${sizing.min}, max ${sizing.max})`
      : `raised or capped to ${replicas} by min ${sizing.min}, max ${sizing.max}`;
  return (
    `${name}: ${replicas} replica(s) for ${cores} cores of CPU at the workloads' mean rates, ` +
    `as the HPA would settle at ${sizing.targetCPUUtilization}% of the CPU request: ${formula} ${clamp}; ` +
    'a steady-state size: no reaction to bursts'
  );
}

/** The lines for every right-sized service of the scenario, in declaration order. */
export function rightSizingLines(scenario: Scenario): string[] {
  return Object.entries(scenario.services).flatMap(([name, service]) =>
    service.replicaSizing === undefined
      ? []
      : [rightSizingLine(name, service.replicas, service.replicaSizing)],
  );
}
