import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { FaultRecord, FaultsResult } from '../../metrics/fault-result.js';
import type { FaultConfig } from '../../scenario/fault-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { ControlSurface } from '../cluster/control-surface.js';
import type { LifecycleListener } from '../cluster/lifecycle-listener.js';
import type { ClusterNode } from '../cluster.js';
import { faultRecordOf } from './fault-record.js';
import type { InjectedFaults } from './injected-faults.js';
import { type CrashFault, PodCrashes } from './pod-crashes.js';
import { SteadyStateCheck } from './steady-state.js';

/**
 * A run's `faults:` and `steadyState:` (docs/faults.md): schedules each fault on the control
 * surface, counts what it hit and the requests that failed while it lasted, and checks the
 * steady-state hypothesis. Built only for a scenario with faults or a steady state.
 */
export class FaultRun {
  private readonly records: FaultRecord[] = [];
  private readonly crashes: PodCrashes;
  private readonly steadyState: SteadyStateCheck | undefined;

  constructor(
    private readonly sim: Simulation,
    scenario: Scenario,
    streams: RandomStreams,
    /** the live cluster, built after this (it tells this run's listener from its start) */
    private readonly surfaceOf: () => ControlSurface,
    /** the cluster's nodes as they are when a zone fails */
    private readonly nodes: () => readonly ClusterNode[],
    /** the faults on calls and invocations, already on the request path (their records) */
    injected?: InjectedFaults,
  ) {
    const crashFaults: CrashFault[] = [];
    for (const [index, config] of (scenario.faults ?? []).entries()) {
      const injectedRecord = injected?.records.get(index);
      const record = injectedRecord ?? faultRecordOf(config, scenario.duration);
      this.records.push(record);
      if (injectedRecord !== undefined) continue;
      if (config.podCrashes !== undefined)
        crashFaults.push({
          config: config.podCrashes,
          startMs: record.startMs,
          endMs: record.endMs,
          record,
          crashed: new Set(),
        });
      else sim.scheduleAt(config.at, this.start, { config, record });
    }
    this.crashes = new PodCrashes(
      sim,
      { restartContainer: (name) => surfaceOf().restartContainer(name) },
      (service) => streams.stream(`fault:${service}:crash`).next,
      crashFaults,
    );
    const { steadyState } = scenario;
    this.steadyState =
      steadyState === undefined
        ? undefined
        : new SteadyStateCheck(steadyState, scenario.warmup, scenario.duration);
  }

  /** What it hears of the pods' phases (to start crash clocks); the run fans it out. */
  get listener(): LifecycleListener {
    return {
      podCreated: (pod, phase, _version, nowMs) => this.crashes.podCreated(pod, phase, nowMs),
      podPhaseChanged: (pod, phase, nowMs) => this.crashes.podPhaseChanged(pod, phase, nowMs),
      podBound: () => {},
      nodeAdded: () => {},
      nodeRemoved: () => {},
    };
  }

  /** A measured request ended now, after arriving at `startedAtMs`. */
  requestEnded(startedAtMs: number, ok: boolean): void {
    const now = this.sim.now;
    this.steadyState?.requestEnded(startedAtMs, now - startedAtMs, ok);
    if (ok) return;
    for (const record of this.records)
      if (record.startMs <= now && now < record.endMs) record.requestsFailed++;
  }

  result(): FaultsResult {
    const faults = this.records;
    return this.steadyState === undefined
      ? { faults }
      : { faults, steadyState: this.steadyState.verdict() };
  }

  private readonly start = ({ config, record }: { config: FaultConfig; record: FaultRecord }) => {
    const names =
      config.nodeFailure !== undefined
        ? [config.nodeFailure.node]
        : this.nodes()
            .filter((node) => node.zone === config.zoneOutage!.zone && node.task === undefined)
            .map((node) => node.name);
    const failed: string[] = [];
    for (const name of names) {
      const pods = this.surfaceOf().failNode(name);
      if (pods === undefined) continue;
      failed.push(name);
      record.podsAffected += pods;
    }
    if (config.duration !== undefined && failed.length > 0)
      this.sim.schedule(config.duration, this.restore, failed);
  };

  private readonly restore = (names: string[]) => {
    for (const name of names) this.surfaceOf().restoreNode(name);
  };
}
