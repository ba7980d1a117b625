import type {
  NodeLedgerMetrics,
  PhaseSeconds,
  PodLedgerMetrics,
  ServiceLedger,
} from '../run-result.js';
import { ALIVE_PHASES } from './alive-phases.js';
import type { LedgerNode, LedgerPod } from './ledger-subjects.js';
import { type MeasuredWindow, msInWindow } from './measured-window.js';
import { PodCensus } from './pod-census.js';
import { PodLedger } from './pod-ledger.js';

/** A node's ledger before its bill: the model's billing rule adds billedSeconds and costUsd. */
export type NodeUsage = Omit<NodeLedgerMetrics, 'billedSeconds' | 'costUsd'>;

interface NodeLife {
  readonly node: LedgerNode;
  readonly addedMs: number;
  removedMs: number | null;
}

/**
 * The ledgers of every pod and node of a run, kept by listening to the cluster's lifecycle
 * (it implements src/model/cluster/lifecycle-listener.ts's LifecycleListener; simulate.ts
 * checks that at compile time). Work happens on lifecycle events, when the measured window
 * opens and closes, and when the figures are read at the end; memory grows with pods and
 * nodes, never with requests.
 */
export class ClusterLedger {
  /** in order of creation: the order of the output rows */
  private readonly pods = new Map<LedgerPod, PodLedger>();
  private readonly nodes = new Map<LedgerNode, NodeLife>();
  /** a pod's sidecar container (a mesh's proxy), by the pod: it follows the pod's phases */
  private readonly sidecars = new Map<LedgerPod, PodLedger>();
  /** pods by service, version and phase now: the time series' census */
  readonly census = new PodCensus();

  constructor(readonly window: MeasuredWindow) {}

  podCreated(pod: LedgerPod, phase: string, version: string, nowMs: number): void {
    const ledger = new PodLedger(pod, version, phase, nowMs, this.window);
    this.pods.set(pod, ledger);
    this.census.add(pod.serviceName, version, ledger.phaseIndex, 1);
  }

  podPhaseChanged(pod: LedgerPod, phase: string, nowMs: number): void {
    const ledger = this.pods.get(pod)!;
    this.census.add(pod.serviceName, ledger.version, ledger.phaseIndex, -1);
    ledger.enterPhase(phase, nowMs);
    this.census.add(pod.serviceName, ledger.version, ledger.phaseIndex, 1);
    this.sidecars.get(pod)?.enterPhase(phase, nowMs);
  }

  /**
   * A container beside the pod's own (a mesh's sidecar), bound to its node: a row of its own
   * for its CPU, in the pod's phase from now on and gone with it, but no pod: it is in
   * neither the census nor its node's pod-seconds.
   */
  sidecarAdded(pod: LedgerPod, container: LedgerPod, nowMs: number): void {
    const own = this.pods.get(pod)!;
    const ledger = new PodLedger(
      container,
      own.version,
      ALIVE_PHASES[own.phaseIndex]!,
      nowMs,
      this.window,
    );
    ledger.bind(own.node, nowMs);
    this.pods.set(container, ledger);
    this.sidecars.set(pod, ledger);
  }

  podBound(pod: LedgerPod, node: LedgerNode, nowMs: number): void {
    this.pods.get(pod)!.bind(node.name, nowMs);
  }

  nodeAdded(node: LedgerNode, nowMs: number): void {
    this.nodes.set(node, { node, addedMs: nowMs, removedMs: null });
  }

  nodeRemoved(node: LedgerNode, nowMs: number): void {
    this.nodes.get(node)!.removedMs = nowMs;
  }

  /** At warmup: CPU use counts from here. */
  windowOpened(nowMs: number): void {
    for (const ledger of this.pods.values()) ledger.windowOpened(nowMs);
  }

  /** At duration: CPU use counts until here. */
  windowClosed(nowMs: number): void {
    for (const ledger of this.pods.values()) ledger.windowClosed(nowMs);
  }

  /** Every pod's ledger, in order of creation. */
  podRows(): PodLedgerMetrics[] {
    return [...this.pods.values()].map((ledger) => {
      const used = ledger.cpuCoreMsUsed / 1000;
      const requested = ledger.cpuCoreMsRequested / 1000;
      return {
        pod: ledger.pod.name,
        service: ledger.pod.serviceName,
        version: ledger.version,
        node: ledger.node,
        createdMs: ledger.createdMs,
        goneMs: ledger.goneMs,
        phaseSeconds: phaseSecondsOf(ledger, ALIVE_PHASES),
        cpuCoreSecondsUsed: used,
        cpuCoreSecondsRequested: requested,
        cpuRequestUtilization: requested > 0 ? used / requested : null,
      };
    });
  }

  /** Each service's pods' ledgers summed, by service (a service with no pod is absent). */
  serviceLedgers(rows: readonly PodLedgerMetrics[]): Map<string, ServiceLedger> {
    const ofService = groupBy(rows, (row) => row.service);
    return new Map(
      [...ofService].map(([service, own]) => [
        service,
        {
          podPhaseSeconds: sumPhases(own.map((row) => row.phaseSeconds)),
          cpuCoreSecondsUsed: sum(own.map((row) => row.cpuCoreSecondsUsed)),
          cpuCoreSecondsRequested: sum(own.map((row) => row.cpuCoreSecondsRequested)),
        },
      ]),
    );
  }

  /** Every node's ledger, in order of addition, with its pods' figures summed. */
  nodeRows(rows: readonly PodLedgerMetrics[]): NodeUsage[] {
    const podsOn = groupBy(rows, (row) => row.node);
    const sidecarNames = new Set([...this.sidecars.values()].map((ledger) => ledger.pod.name));
    return [...this.nodes.values()].map(({ node, addedMs, removedMs }) => {
      const own = podsOn.get(node.name) ?? [];
      const nodeSeconds = msInWindow(addedMs, removedMs ?? Infinity, this.window) / 1000;
      const pods = own.filter((row) => !sidecarNames.has(row.pod));
      const podPhaseSeconds = sumPhases(pods.map((row) => row.phaseSeconds));
      // Pending is the time before a node: it counts on none.
      podPhaseSeconds.Pending = 0;
      return {
        node: node.name,
        pool: node.pool,
        zone: node.zone,
        addedMs,
        removedMs,
        nodeSeconds,
        pricePerHourUsd: node.pricePerHourUsd,
        podPhaseSeconds,
        cpuCoreSecondsAllocatable: (node.allocatableMilliCpu / 1000) * nodeSeconds,
        cpuCoreSecondsRequested: sum(own.map((row) => row.cpuCoreSecondsRequested)),
        cpuCoreSecondsUsed: sum(own.map((row) => row.cpuCoreSecondsUsed)),
      };
    });
  }
}

/** An empty ledger: a service with no pod. */
export const NO_SERVICE_LEDGER: Readonly<ServiceLedger> = {
  podPhaseSeconds: sumPhases([]),
  cpuCoreSecondsUsed: 0,
  cpuCoreSecondsRequested: 0,
};

/** Grouped once, in row order (so every sum adds in the same order). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  return groups;
}

function phaseSecondsOf(ledger: PodLedger, phases: typeof ALIVE_PHASES): PhaseSeconds {
  const seconds = {} as PhaseSeconds;
  phases.forEach((phase, i) => {
    seconds[phase] = ledger.msIn(i) / 1000;
  });
  return seconds;
}

function sumPhases(all: readonly PhaseSeconds[]): PhaseSeconds {
  const total = {} as PhaseSeconds;
  for (const phase of ALIVE_PHASES) total[phase] = sum(all.map((seconds) => seconds[phase]));
  return total;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
