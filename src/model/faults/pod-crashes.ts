import type { Simulation } from '../../engine/simulation.js';
import type { FaultRecord } from '../../metrics/fault-result.js';
import type { FaultConfig } from '../../scenario/fault-schema.js';
import type { ControlSurface } from '../cluster/control-surface.js';
import type { PodPhase } from '../cluster/lifecycle-listener.js';
import type { Pod } from '../pod.js';

/** A `podCrashes` fault with what the run records of it. */
export interface CrashFault {
  readonly config: NonNullable<FaultConfig['podCrashes']>;
  readonly startMs: number;
  readonly endMs: number;
  readonly record: FaultRecord;
  readonly crashed: Set<string>;
}

/**
 * Crashes by mean time between failures: each run of a pod's container lasts an exponential
 * time of mean `mtbf` before it crashes (a Poisson process per running container), drawn
 * from `fault:<service>:crash` when the container starts (or when the fault starts, for one
 * already running: the exponential has no memory, so this is the same law). A crash is the
 * kubelet's restart in place (ControlSurface.restartContainer). It listens to the pods'
 * phases to learn when a container starts: Starting → Running, or created Ready at 0.
 */
export class PodCrashes {
  private readonly byService = new Map<string, CrashFault[]>();
  /** each pod's last phase and how many times its container has started */
  private readonly phaseOf = new Map<Pod, PodPhase>();
  private readonly runsOf = new Map<Pod, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly surface: Pick<ControlSurface, 'restartContainer'>,
    private readonly draws: (service: string) => () => number,
    faults: readonly CrashFault[],
  ) {
    for (const fault of faults) {
      const list = this.byService.get(fault.config.service) ?? [];
      list.push(fault);
      this.byService.set(fault.config.service, list);
    }
  }

  podCreated(pod: Pod, phase: PodPhase, nowMs: number): void {
    this.phaseOf.set(pod, phase);
    if (phase === 'Ready') this.containerStarted(pod, nowMs);
  }

  podPhaseChanged(pod: Pod, phase: PodPhase, nowMs: number): void {
    const before = this.phaseOf.get(pod);
    if (phase === 'Gone') {
      this.phaseOf.delete(pod);
      this.runsOf.delete(pod);
      return;
    }
    this.phaseOf.set(pod, phase);
    if (phase === 'Running' && before === 'Starting') this.containerStarted(pod, nowMs);
    else if (phase === 'Starting' || phase === 'Terminating') this.bumpRun(pod);
  }

  private containerStarted(pod: Pod, nowMs: number): void {
    const faults = this.byService.get(pod.serviceName);
    if (faults === undefined) return;
    const run = this.bumpRun(pod);
    const next = this.draws(pod.serviceName);
    for (const fault of faults) {
      const from = Math.max(nowMs, fault.startMs);
      if (from >= fault.endMs) continue;
      const crashAt = from - fault.config.mtbf * Math.log(1 - next());
      if (crashAt < fault.endMs) this.sim.scheduleAt(crashAt, this.crash, { pod, run, fault });
    }
  }

  /** A new container run (or none): clocks of the previous one no longer apply. */
  private bumpRun(pod: Pod): number {
    const run = (this.runsOf.get(pod) ?? 0) + 1;
    this.runsOf.set(pod, run);
    return run;
  }

  private readonly crash = (c: { pod: Pod; run: number; fault: CrashFault }): void => {
    if (this.runsOf.get(c.pod) !== c.run) return;
    if (!this.surface.restartContainer(c.pod.name)) return;
    c.fault.record.crashes++;
    c.fault.crashed.add(c.pod.name);
    c.fault.record.podsAffected = c.fault.crashed.size;
  };
}
