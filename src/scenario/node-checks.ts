import { createDistribution } from '../engine/distributions/create.js';
import type { Problem } from './errors.js';
import { formatCpu, formatMemory, isDistribution } from './print.js';
import type { Scenario } from './schema.js';

/**
 * Checks on nodes as clouds sell them and on the network's bytes (docs/nodes.md): the
 * reservations leave something for pods, every DaemonSet fits on every node, and call
 * sizes have a finite mean of at most 1Gi.
 */

const MiB = 2 ** 20;
const MAX_MEAN_SIZE_BYTES = 2 ** 30;

/** What each pool's nodes offer pods once the DaemonSets' pods are on them: cores, bytes, pods. */
export function schedulable(scenario: Scenario) {
  const daemons = Object.values(scenario.cluster.daemonSets);
  const daemonMilliCpu = daemons.reduce((sum, d) => sum + Math.round(d.requests.cpu * 1000), 0);
  const daemonMemory = daemons.reduce((sum, d) => sum + Math.round(d.requests.memory), 0);
  return scenario.cluster.nodePools.map((pool) => ({
    name: pool.name,
    cpuCores: (Math.round(pool.allocatable.cpuCores * 1000) - daemonMilliCpu) / 1000,
    memoryBytes: Math.floor(pool.allocatable.memoryBytes) - daemonMemory,
    pods: pool.maxPods - daemons.length,
  }));
}

/** Reservations larger than the node leave pods nothing: a typo in kubeReserved, usually. */
export function checkReservations({ cluster }: Scenario): Problem[] {
  return cluster.nodePools.flatMap((pool, index) => {
    const { cpuCores, memoryBytes } = pool.allocatable;
    const problems: Problem[] = [];
    const path = ['cluster', 'nodePools', index];
    if (cpuCores <= 0) {
      problems.push({
        path,
        message: `kubeReserved and systemReserved CPU (${formatCpu(pool.kubeReserved.cpu)} + ${formatCpu(pool.systemReserved.cpu)}) leave nothing of the node's ${formatCpu(pool.cpuCores)} CPU for pods`,
      });
    }
    if (memoryBytes <= 0) {
      problems.push({
        path,
        message: `kubeReserved, systemReserved and evictionHard memory (${mib(pool.kubeReserved.memory)} + ${mib(pool.systemReserved.memory)} + ${mib(pool.evictionHard)}) leave nothing of the node's ${mib(pool.memoryBytes)} for pods`,
      });
    }
    return problems;
  });
}

/** A DaemonSet runs a pod on every node: each must fit on every pool's nodes, with room left. */
export function checkDaemonSets(scenario: Scenario): Problem[] {
  const { cluster } = scenario;
  if (Object.keys(cluster.daemonSets).length === 0) return [];
  const problems: Problem[] = [];
  const count = Object.keys(cluster.daemonSets).length;
  schedulable(scenario).forEach((left, index) => {
    const pool = cluster.nodePools[index]!;
    // A node that keeps everything for itself is reported by checkReservations.
    if (pool.allocatable.cpuCores <= 0 || pool.allocatable.memoryBytes <= 0) return;
    const why =
      left.pods < 1
        ? `leave no room for other pods under its maxPods of ${pool.maxPods}`
        : left.cpuCores < 0
          ? `request more CPU than its ${formatCpu(pool.allocatable.cpuCores)} allocatable`
          : left.memoryBytes < 0
            ? `request more memory than its ${mib(pool.allocatable.memoryBytes)} allocatable`
            : undefined;
    if (why !== undefined)
      problems.push({
        path: ['cluster', 'daemonSets'],
        message: `the DaemonSets' ${count} pods on each node of pool "${pool.name}" ${why}`,
      });
  });
  for (const [name, daemon] of Object.entries(cluster.daemonSets)) {
    const smallest = Math.min(...cluster.nodePools.map((pool) => pool.cpuCores));
    if (daemon.cpuUsage > smallest)
      problems.push({
        path: ['cluster', 'daemonSets', name, 'cpuUsage'],
        message: `uses ${formatCpu(daemon.cpuUsage)} CPU, more than the smallest node's ${formatCpu(smallest)} cores`,
      });
  }
  return problems;
}

/** A call's size distribution must have a mean, and not an absurd one. */
export function checkSizes({ services }: Scenario): Problem[] {
  return Object.entries(services).flatMap(([service, config]) =>
    Object.entries(config.endpoints).flatMap(([endpoint, e]) =>
      (['requestSize', 'responseSize'] as const).flatMap((field) => {
        if (!isDistribution(e[field])) return [];
        let mean: number;
        try {
          mean = createDistribution(e[field]).mean;
        } catch {
          return []; // checkDistributions reports a distribution that cannot be built
        }
        // An infinite mean is the distributions' check (semantic.ts): said once, there.
        if (!Number.isFinite(mean) || mean <= MAX_MEAN_SIZE_BYTES) return [];
        return [
          {
            path: ['services', service, 'endpoints', endpoint, field],
            message: `the mean size must be at most 1Gi; got ${formatMemory(Math.round(mean))}`,
          },
        ];
      }),
    ),
  );
}

function mib(bytes: number): string {
  const value = formatMemory(bytes);
  return typeof value === 'number' ? `${Math.round(bytes / MiB)}Mi` : value;
}
