import type { Distribution } from '../../engine/distributions/distribution.js';
import type { Simulation } from '../../engine/simulation.js';
import { MAX_INIT_MS } from '../../scenario/function-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { BurstDone } from '../cpu/cpu-scheduler.js';
import type { InjectedFaults } from '../faults/injected-faults.js';
import { Pod } from '../pod.js';
import type { Service } from '../service.js';
import type { Attempt } from '../traffic/attempt.js';
import { CANCELLED, SENT } from '../traffic/attempt.js';
import type { AccountConcurrency } from './account-concurrency.js';
import { FunctionInstance } from './function-instance.js';
import type { FunctionStats } from './function-stats.js';
import type { FunctionUsageSink, InvocationUsage } from './function-usage.js';
import { vcpuSpeed } from './handler-work.js';
import { InstanceCpu } from './instance-cpu.js';
import type { ReportLog } from './report-log.js';
import type { TokenBucket } from './token-bucket.js';

export type FunctionConfig = NonNullable<Scenario['functions']>[string];

/** How a call reaches its function's instance: Traffic's dispatch, with a delay before the wire. */
export type InvokeDispatch = (
  attempt: Attempt,
  instance: Pod | undefined,
  step: 'direct' | 'throttled',
  delayMs: number,
) => void;

/** What Traffic asks of a function (src/model/traffic.ts). */
export interface FunctionInvoker {
  /**
   * How long the API gateway in front of this call waits for the function before it answers
   * 504 (the integration timeout); undefined without one. The function runs on: it is not told.
   */
  integrationTimeoutMs(attempt: Attempt): number | undefined;
  /** A call to the function: it gets an instance (warm, or new and cold) or a 429. */
  invoke(attempt: Attempt, dispatch: InvokeDispatch): void;
  /**
   * The invocation on this attempt's instance ended (finished, failed or cancelled); `ran`:
   * its handler started (a call cancelled on its way to the instance ran none).
   */
  ended(attempt: Attempt, ran: boolean): void;
}

/** The API gateway in front of a function: its throttle and its added latency. */
export interface GatewayFront {
  readonly apiType: 'http' | 'rest';
  readonly throttle: TokenBucket;
  readonly latency: Distribution;
  readonly integrationTimeoutMs: number;
}

export interface FunctionPoolParts {
  readonly sim: Simulation;
  readonly name: string;
  readonly config: FunctionConfig;
  readonly service: Service;
  readonly account: AccountConcurrency;
  readonly scaling: TokenBucket;
  readonly gateway: GatewayFront | undefined;
  readonly init: Distribution;
  readonly keepAlive: Distribution;
  /** uniforms, one stream each: fn:<name>:init, :keepalive, :gateway */
  readonly initNext: () => number;
  readonly keepAliveNext: () => number;
  readonly gatewayNext: () => number;
  readonly zones: readonly string[];
  readonly cpuDone: BurstDone;
  readonly stats: FunctionStats;
  readonly log: ReportLog;
  readonly usage: FunctionUsageSink | undefined;
  /** fails the attempt with `error` where it is (its timeout) */
  readonly cut: (attempt: Attempt) => void;
  /** the instance is gone: the services' clients forget it as a caller */
  readonly forgetCaller: (pod: Pod) => void;
  /** Issue 14: faults injected into invocations (docs/faults.md); undefined: none */
  readonly faults?: InjectedFaults;
}

/** An injected invocation error: the handler's attempt fails as its application error does. */
const INJECTED_ERROR = { errorRate: 1, next: () => 0 } as const;

/**
 * A function's execution environments (docs/serverless.md, "Instances"): one invocation at a
 * time each; an idle one reused most recently used first (provisioned ones before the
 * others); else a new one, which pays its init (or SnapStart restore), if the concurrency
 * limits and the scaling rate allow; else 429. An idle instance is reclaimed after its
 * keep-alive, drawn afresh for each idle period from the end of its last invocation; one past
 * its maximum lifetime is recycled when its invocation ends. Provisioned instances are ready
 * from the start and never reclaimed.
 */
export class FunctionPool implements FunctionInvoker {
  private readonly idle: FunctionInstance[] = [];
  private readonly provisionedIdle: FunctionInstance[] = [];
  private readonly byPod = new Map<Pod, FunctionInstance>();
  private alive = 0;
  private busy = 0;
  private provisionedBusy = 0;
  private created = 0;
  private invocations = 0;
  private readonly speed: number;

  constructor(private readonly parts: FunctionPoolParts) {
    const { config } = parts;
    this.speed =
      vcpuSpeed(config.memoryMb) * (config.architecture === 'arm64' ? config.armSpeed : 1);
    for (let i = 0; i < config.provisionedConcurrency; i++) {
      const instance = this.create(0, 0, true);
      this.provisionedIdle.push(instance);
    }
    this.levels();
  }

  integrationTimeoutMs(): number | undefined {
    return this.parts.gateway?.integrationTimeoutMs;
  }

  invoke(attempt: Attempt, dispatch: InvokeDispatch): void {
    const { sim, gateway, account, config, stats } = this.parts;
    const now = sim.now;
    const measured = attempt.call.request.measured;
    let delayMs = 0;
    if (gateway !== undefined) {
      if (measured) stats.gatewayRequests++;
      if (!gateway.throttle.take(now)) {
        stats.throttled(now, measured, true);
        dispatch(attempt, undefined, 'throttled', 0);
        return;
      }
      delayMs = gateway.latency.sample(this.parts.gatewayNext);
    }
    const instance = account.admits(config.reservedConcurrency, this.busy)
      ? (this.warmInstance() ?? this.coldInstance(now))
      : undefined;
    if (instance === undefined) {
      stats.throttled(now, measured, false);
      dispatch(attempt, undefined, 'throttled', 0);
      return;
    }
    this.start(instance, attempt);
    if (this.parts.faults !== undefined) this.injectFaults(instance, attempt, this.parts.faults);
    delayMs += Math.max(0, instance.readyAt - now);
    instance.timeout = sim.schedule(delayMs + config.timeout, this.timedOut, instance);
    dispatch(attempt, instance.pod, 'direct', delayMs);
  }

  /**
   * What the run's injected faults do to this invocation (FIS's Lambda actions): a hold
   * before the handler, inside the invocation (its duration and timeout count it), and an
   * error, with or without the handler's run. The instance serves this invocation alone, so
   * its CPU and its pod's fault carry them until the invocation ends.
   */
  private injectFaults(instance: FunctionInstance, attempt: Attempt, faults: InjectedFaults): void {
    const fault = faults.invocation(attempt.call);
    const cpu = instance.pod.cpu as InstanceCpu;
    cpu.startDelayMs = fault.delayMs;
    cpu.skipNextBurst = fault.error === 'skip';
    instance.pod.fault = fault.error === 'none' ? undefined : INJECTED_ERROR;
  }

  /**
   * An idle instance, provisioned first: the most recently used, or (`reuse: newest`) the
   * most recently created; its reclaim is called off.
   */
  private warmInstance(): FunctionInstance | undefined {
    const instance =
      this.provisionedIdle.pop() ??
      (this.parts.config.reuse === 'newest' ? this.takeNewest() : this.idle.pop());
    if (instance !== undefined && instance.expiry !== -1) {
      this.parts.sim.cancel(instance.expiry);
      instance.expiry = -1;
    }
    return instance;
  }

  /** The idle instance created last (a scan: this rule is for validation-sized pools). */
  private takeNewest(): FunctionInstance | undefined {
    let newest = -1;
    for (let i = 0; i < this.idle.length; i++)
      if (newest < 0 || this.idle[i]!.createdAt >= this.idle[newest]!.createdAt) newest = i;
    return newest < 0 ? undefined : this.idle.splice(newest, 1)[0];
  }

  /** A new instance, if the scaling rate has a token for it; it pays its init. */
  private coldInstance(now: number): FunctionInstance | undefined {
    if (!this.parts.scaling.take(now)) return undefined;
    const { init, initNext } = this.parts;
    const initMs = Math.min(MAX_INIT_MS, init.sample(initNext));
    const instance = this.create(now, now + initMs, false);
    instance.initMs = initMs;
    instance.cold = true;
    return instance;
  }

  private create(now: number, readyAt: number, provisioned: boolean): FunctionInstance {
    const { name, config, sim, zones, cpuDone } = this.parts;
    const index = this.created++;
    const pod = new Pod(
      `${name}-${index}`,
      name,
      'lambda',
      zones[index % zones.length]!,
      1,
      0,
      new InstanceCpu(sim, this.speed, cpuDone),
      this.speed,
      undefined,
    );
    const instance = new FunctionInstance(
      pod,
      now,
      readyAt,
      provisioned,
      config.snapStart && !provisioned,
    );
    this.byPod.set(pod, instance);
    this.alive++;
    this.parts.stats.initializing(now, readyAt);
    return instance;
  }

  private start(instance: FunctionInstance, attempt: Attempt): void {
    instance.attempt = attempt;
    instance.busySince = Math.max(this.parts.sim.now, instance.readyAt);
    this.busy++;
    if (instance.provisioned) this.provisionedBusy++;
    this.parts.account.started(this.parts.config.reservedConcurrency);
    this.levels();
  }

  ended(attempt: Attempt, ran: boolean): void {
    const instance = this.byPod.get(attempt.pod!);
    if (instance === undefined || instance.attempt !== attempt) return;
    const { sim, config, account, stats } = this.parts;
    const now = sim.now;
    if (instance.timeout !== -1) sim.cancel(instance.timeout);
    instance.timeout = -1;
    instance.attempt = undefined;
    stats.served(instance.busySince, now);
    this.busy--;
    if (instance.provisioned) this.provisionedBusy--;
    account.ended(config.reservedConcurrency);
    const durationMs = ran ? Math.max(0, now - attempt.arrivedAt) : 0;
    const failed = attempt.failure !== undefined || attempt.phase === CANCELLED;
    const measured = attempt.call.request.measured;
    stats.ended(now, {
      durationMs,
      cold: instance.cold,
      initMs: instance.initMs,
      failed,
      measured,
    });
    if (measured) this.report(now, instance, durationMs);
    instance.initMs = 0;
    instance.cold = false;
    if (this.recycled(instance, now)) this.destroy(instance);
    else this.rest(instance, now);
    this.levels();
  }

  /**
   * The run is over: invocations still running are cut here, so that each is counted (and
   * reported to the usage sink) once, with the time it ran; the instances still alive are
   * told to the statistics with the time they lived.
   */
  cutAll(endMs: number): void {
    for (const instance of [...this.byPod.values()]) {
      const attempt = instance.attempt;
      if (attempt !== undefined) this.ended(attempt, attempt.phase !== SENT);
    }
    for (const instance of this.byPod.values()) {
      this.parts.stats.lived(instance.createdAt, endMs);
      if (instance.readyAt > endMs) this.parts.stats.initCutShort(endMs, instance.readyAt);
    }
  }

  private report(now: number, instance: FunctionInstance, durationMs: number): void {
    const { name, config, usage, log } = this.parts;
    const record: InvocationUsage = {
      functionName: name,
      memoryMb: config.memoryMb,
      architecture: config.architecture,
      ephemeralStorageMb: config.ephemeralStorageMb,
      durationMs,
      initMs: instance.initMs,
      provisioned: instance.provisioned,
      restoredFromSnapshot: instance.restored && instance.cold,
      runtime: config.runtime,
    };
    usage?.invocation(record);
    log.record(now, `${name}-${++this.invocations}`, record);
  }

  /** Whether the instance goes now: it timed out, or an on-demand one outlived its lifetime. */
  private recycled(instance: FunctionInstance, now: number): boolean {
    if (instance.doomed) return true;
    return !instance.provisioned && now - instance.createdAt >= this.parts.config.maxLifetime;
  }

  /** Idle: on top of its stack; an on-demand one is reclaimed after its keep-alive. */
  private rest(instance: FunctionInstance, now: number): void {
    if (instance.provisioned) {
      this.provisionedIdle.push(instance);
      return;
    }
    this.idle.push(instance);
    const { keepAlive, keepAliveNext, config, sim } = this.parts;
    // Idle from the end of its last invocation, or of its init if that is later.
    const idleFrom = Math.max(now, instance.readyAt);
    const lifeLeft = instance.createdAt + config.maxLifetime - idleFrom;
    const keepMs = Math.min(keepAlive.sample(keepAliveNext), lifeLeft);
    instance.expiry = sim.schedule(idleFrom - now + Math.max(0, keepMs), this.reclaim, instance);
  }

  private readonly reclaim = (instance: FunctionInstance): void => {
    instance.expiry = -1;
    const at = this.idle.indexOf(instance);
    if (at >= 0) this.idle.splice(at, 1);
    this.destroy(instance);
    this.levels();
  };

  private destroy(instance: FunctionInstance): void {
    this.parts.stats.lived(instance.createdAt, this.parts.sim.now);
    this.byPod.delete(instance.pod);
    this.alive--;
    this.parts.forgetCaller(instance.pod);
  }

  /** Lambda ends an invocation at its timeout and resets the environment. */
  private readonly timedOut = (instance: FunctionInstance): void => {
    instance.timeout = -1;
    const attempt = instance.attempt;
    if (attempt === undefined) return;
    instance.doomed = true;
    this.parts.cut(attempt);
  };

  private levels(): void {
    this.parts.stats.levels(this.parts.sim.now, this.busy, this.provisionedBusy, this.alive);
  }
}
