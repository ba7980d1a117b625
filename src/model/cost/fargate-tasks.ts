import type { MeasuredWindow } from '../../metrics/ledger/measured-window.js';
import type { PodLedgerMetrics } from '../../metrics/run-result.js';
import { type FargateTaskRecord, fargateNodeName } from '../cluster/fargate-task.js';
import type { FargateTask } from './fargate-billing.js';
import { billedMsInWindow } from './node-billing.js';

/** Fargate bills per second with a one-minute minimum per task (AWS Fargate pricing). */
const FARGATE_RULE = { incrementMs: 1000, minimumMs: 60_000 } as const;

/**
 * The run's Fargate tasks as the bill sees them: each from the moment its capacity was
 * there (the pod bound to its node, when its image pull starts) to its pod's end, billed
 * per second with a one-minute minimum; of that stretch, the part inside the measured
 * window [warmup, duration), as every node's bill is cut (node-billing.ts). A task alive
 * through the whole window is billed exactly the window.
 */
export function fargateTasksInWindow(
  records: ReadonlyMap<string, FargateTaskRecord>,
  pods: readonly PodLedgerMetrics[],
  window: MeasuredWindow,
): FargateTask[] {
  const goneMs = new Map<string, number | null>();
  for (const pod of pods) if (records.has(pod.node)) goneMs.set(pod.node, pod.goneMs);
  const tasks: FargateTask[] = [];
  for (const [name, record] of records) {
    const billedMs = billedMsInWindow(
      record.startMs,
      goneMs.get(name) ?? null,
      FARGATE_RULE,
      window,
    );
    if (billedMs <= 0) continue;
    tasks.push({
      service: record.service,
      size: record.node.task!,
      architecture: 'x86_64',
      startMs: record.startMs,
      endMs: record.startMs + billedMs,
      // Whole seconds: the window's edges are whole seconds in every scenario but odd ones.
      billedSeconds: Math.ceil(billedMs / 1000 - 1e-9),
    });
  }
  return tasks;
}

/** The pods' ledgers, each Fargate pod's (not its sidecar's) with the task size it ran on. */
export function withTaskSizes(
  pods: PodLedgerMetrics[],
  records: ReadonlyMap<string, FargateTaskRecord>,
): PodLedgerMetrics[] {
  if (records.size === 0) return pods;
  for (const pod of pods) {
    const size = records.get(pod.node)?.node.task;
    if (size !== undefined && fargateNodeName(pod.pod) === pod.node)
      pod.task = { vcpu: size.vcpu, memoryGb: size.memoryGb };
  }
  return pods;
}
