import type { CostLine } from '../../metrics/run-result.js';
import type { FunctionArchitecture } from '../serverless/function-usage.js';
import { chargeMicroUsd, usdOf } from './exact-usd.js';
import type { FargatePrices } from './prices.js';

const GiB = 2 ** 30;
/** EKS adds 256 MB to a Fargate pod's memory for kubelet, kube-proxy and containerd. */
export const EKS_FARGATE_OVERHEAD_BYTES = 256 * 2 ** 20;
/** Fargate bills per second, at least one minute per task. */
export const FARGATE_MINIMUM_SECONDS = 60;

/** A task size Fargate offers: vCPU and memory (GB of 1024 MB). */
export interface FargateTaskSize {
  vcpu: number;
  memoryGb: number;
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/**
 * Fargate's vCPU and memory combinations (AWS EKS user guide, "Fargate Pod configuration";
 * ECS task sizes are the same), smallest first.
 */
export const FARGATE_TASK_SIZES: readonly FargateTaskSize[] = [
  ...[0.5, 1, 2].map((memoryGb) => ({ vcpu: 0.25, memoryGb })),
  ...range(1, 4, 1).map((memoryGb) => ({ vcpu: 0.5, memoryGb })),
  ...range(2, 8, 1).map((memoryGb) => ({ vcpu: 1, memoryGb })),
  ...range(4, 16, 1).map((memoryGb) => ({ vcpu: 2, memoryGb })),
  ...range(8, 30, 1).map((memoryGb) => ({ vcpu: 4, memoryGb })),
  ...range(16, 60, 4).map((memoryGb) => ({ vcpu: 8, memoryGb })),
  ...range(32, 120, 8).map((memoryGb) => ({ vcpu: 16, memoryGb })),
];

/**
 * The task a pod's requests get: the smallest combination with at least its vCPU and its
 * memory plus the overhead (EKS: 256 MB). Worked example (the EKS guide's): 1 vCPU and 8 GB
 * need 8.25 GB, which no 1 vCPU task has, so the pod runs on 2 vCPU and 9 GB. Undefined
 * when no task is large enough (above 16 vCPU or 120 GB).
 */
export function fargateTaskSize(
  requests: { cpuCores: number; memoryBytes: number },
  overheadBytes = EKS_FARGATE_OVERHEAD_BYTES,
): FargateTaskSize | undefined {
  const memoryGb = (requests.memoryBytes + overheadBytes) / GiB;
  return FARGATE_TASK_SIZES.find(
    (size) => size.vcpu >= requests.cpuCores && size.memoryGb >= memoryGb,
  );
}

/** One task's life: from the start of its image pull to its end, in simulated ms. */
export interface FargateTask {
  service: string;
  size: FargateTaskSize;
  architecture: FunctionArchitecture;
  startMs: number;
  endMs: number;
  /** the seconds billed when already worked out (a run's window takes part of a task's bill) */
  billedSeconds?: number;
}

/** A task's billed seconds: its life rounded up to a second, at least a minute. */
export function fargateBilledSeconds(task: FargateTask): number {
  if (task.billedSeconds !== undefined) return task.billedSeconds;
  const seconds = Math.ceil((task.endMs - task.startMs) / 1000 - 1e-9);
  return Math.max(seconds, FARGATE_MINIMUM_SECONDS);
}

/**
 * Per-task containers' bill: per service, its tasks' vCPU-hours and GB-hours, each task
 * billed per second with a one-minute minimum, charged exactly (quarter vCPU-seconds and
 * half GB-seconds are whole numbers). Worked example: 5 tasks of 1 vCPU and 2 GB running
 * 10 minutes a day for 30 days are 25 vCPU-h (1.012 USD at 0.04048) and 50 GB-h
 * (0.22225 USD at 0.004445): 1.23 USD.
 */
export function fargateCost(
  tasks: readonly FargateTask[],
  prices: FargatePrices,
): { lines: CostLine[]; usd: number } {
  const byService = new Map<
    string,
    { quarterVcpuSeconds: bigint; halfGbSeconds: bigint; arch: FunctionArchitecture }[]
  >();
  for (const task of tasks) {
    const seconds = BigInt(fargateBilledSeconds(task));
    const rows = byService.get(task.service) ?? [];
    let row = rows.find((candidate) => candidate.arch === task.architecture);
    if (row === undefined) {
      row = { quarterVcpuSeconds: 0n, halfGbSeconds: 0n, arch: task.architecture };
      rows.push(row);
    }
    row.quarterVcpuSeconds += BigInt(Math.round(task.size.vcpu * 4)) * seconds;
    row.halfGbSeconds += BigInt(Math.round(task.size.memoryGb * 2)) * seconds;
    byService.set(task.service, rows);
  }
  const lines: CostLine[] = [];
  let microUsd = 0n;
  for (const [service, rows] of byService) {
    for (const row of rows) {
      const vcpu = chargeMicroUsd(row.quarterVcpuSeconds, prices.perVcpuHour[row.arch], 4n * 3600n);
      const memory = chargeMicroUsd(row.halfGbSeconds, prices.perGBHour[row.arch], 2n * 3600n);
      microUsd += vcpu + memory;
      lines.push({
        item: 'fargate-vcpu',
        subject: service,
        quantity: Number(row.quarterVcpuSeconds) / (4 * 3600),
        unit: 'vCPU-h',
        unitPriceUsd: prices.perVcpuHour[row.arch],
        costUsd: usdOf(vcpu),
      });
      lines.push({
        item: 'fargate-memory',
        subject: service,
        quantity: Number(row.halfGbSeconds) / (2 * 3600),
        unit: 'GB-h',
        unitPriceUsd: prices.perGBHour[row.arch],
        costUsd: usdOf(memory),
      });
    }
  }
  return { lines, usd: usdOf(microUsd) };
}
