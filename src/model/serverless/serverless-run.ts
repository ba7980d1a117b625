import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { FunctionsResult } from '../../metrics/function-result.js';
import { DEFAULT_ACCOUNT_CONCURRENCY } from '../../scenario/function-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import { resolvePrices } from '../cost/prices.js';
import type { BurstDone } from '../cpu/cpu-scheduler.js';
import type { DistributionCache } from '../distribution-cache.js';
import type { InjectedFaults } from '../faults/injected-faults.js';
import type { Pod } from '../pod.js';
import type { FunctionInstancesView } from '../result.js';
import type { Service } from '../service.js';
import type { Attempt } from '../traffic/attempt.js';
import { AccountConcurrency } from './account-concurrency.js';
import { FunctionPool, type GatewayFront } from './function-pool.js';
import { FunctionStats } from './function-stats.js';
import type { FunctionUsageSink } from './function-usage.js';
import { defaultInit } from './init-defaults.js';
import { ReportLog } from './report-log.js';
import { TokenBucket } from './token-bucket.js';

/** Lambda's scaling window: `scalingRate` new instances per 10 s, refilled continuously. */
const SCALING_WINDOW_MS = 10_000;

/**
 * How long API Gateway waits for its integration by API type when the scenario gives none:
 * a REST API's default 29 s, an HTTP API's 30 s (docs/serverless.md, "The API gateway").
 */
const GATEWAY_INTEGRATION_TIMEOUT_MS = { http: 30_000, rest: 29_000 } as const;

/** API Gateway's own latency by API type when the scenario gives none (docs/serverless.md). */
const GATEWAY_LATENCY = {
  http: { kind: 'lognormal', median: 5, p99: 20 },
  rest: { kind: 'lognormal', median: 10, p99: 40 },
} as const;

export interface ServerlessRunParts {
  readonly scenario: Scenario;
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly distributions: DistributionCache;
  /** the functions as services (function-services.ts), by name */
  readonly services: ReadonlyMap<string, Service>;
  /** every service a function may call: they forget a gone instance as a caller */
  readonly callees: Iterable<Service>;
  readonly cpuDone: BurstDone;
  readonly cut: (attempt: Attempt) => void;
  readonly usage: FunctionUsageSink | undefined;
  /** Issue 14: faults injected into invocations (docs/faults.md) */
  readonly faults?: InjectedFaults;
}

/**
 * The run's functions: a pool per function (its instances), the account's concurrency they
 * share, their statistics and the REPORT-line sample. Made only when the scenario has
 * functions: a scenario without any builds none of it and draws from no `fn:` stream.
 */
export class ServerlessRun {
  private readonly stats = new Map<string, FunctionStats>();
  private readonly pools: FunctionPool[] = [];
  private readonly log: ReportLog;

  constructor(private readonly parts: ServerlessRunParts) {
    const { scenario, sim, streams, distributions, services } = parts;
    this.log = new ReportLog(resolvePrices(scenario.pricing).functions.initBilled);
    const functions = scenario.functions ?? {};
    const reserved = Object.values(functions).reduce(
      (sum, f) => sum + (f.reservedConcurrency ?? 0),
      0,
    );
    const serverless = scenario.serverless;
    const account = new AccountConcurrency(
      serverless?.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
      reserved,
    );
    const scalingRate = serverless?.scalingRate ?? 1000;
    const callees = [...parts.callees];
    const forgetCaller = (pod: Pod) => {
      for (const callee of callees) callee.clients?.forget(pod);
    };
    for (const [name, config] of Object.entries(functions)) {
      const stats = new FunctionStats(config.provisionedConcurrency, {
        startMs: scenario.warmup,
        endMs: scenario.duration,
      });
      this.stats.set(name, stats);
      const stream = (purpose: string) => streams.stream(`fn:${name}:${purpose}`).next;
      const gateway: GatewayFront | undefined =
        config.gateway === undefined
          ? undefined
          : {
              apiType: config.gateway.type,
              throttle: new TokenBucket(
                config.gateway.throttle.burst,
                config.gateway.throttle.rate / 1000,
              ),
              latency: distributions.get(
                config.gateway.latency ?? GATEWAY_LATENCY[config.gateway.type],
              ),
              integrationTimeoutMs:
                config.gateway.integrationTimeout ??
                GATEWAY_INTEGRATION_TIMEOUT_MS[config.gateway.type],
            };
      const service = services.get(name)!;
      const pool = new FunctionPool({
        sim,
        name,
        config,
        service,
        account,
        scaling: new TokenBucket(scalingRate, scalingRate / SCALING_WINDOW_MS),
        gateway,
        init: distributions.get(
          (config.snapStart ? config.restore : config.init) ??
            defaultInit(config.runtime, config.snapStart),
        ),
        keepAlive: distributions.get(config.keepAlive),
        initNext: stream('init'),
        keepAliveNext: stream('keepalive'),
        gatewayNext: stream('gateway'),
        zones: scenario.cluster.zones,
        cpuDone: parts.cpuDone,
        stats,
        log: this.log,
        usage: parts.usage,
        cut: parts.cut,
        forgetCaller,
        faults: parts.faults,
      });
      service.invoker = pool;
      this.pools.push(pool);
    }
  }

  /**
   * The result, at the end of the run: functions.csv's rows over the measured period, the
   * minutes of the whole run, the REPORT sample; the usage sink is told of the provisioned
   * concurrency, the gateway requests and the SnapStart cache of the measured period (before
   * the run's cost is computed from it).
   */
  result(endMs: number): FunctionsResult {
    const { scenario, usage } = this.parts;
    for (const pool of this.pools) pool.cutAll(endMs);
    const functions = Object.entries(scenario.functions ?? {});
    for (const [name, config] of functions) {
      const stats = this.stats.get(name)!;
      if (config.provisionedConcurrency > 0)
        usage?.provisioned({
          functionName: name,
          memoryMb: config.memoryMb,
          architecture: config.architecture,
          instances: config.provisionedConcurrency,
          enabledFromMs: scenario.warmup,
          enabledUntilMs: scenario.duration,
        });
      if (config.gateway !== undefined)
        usage?.gatewayRequests({ apiType: config.gateway.type, requests: stats.gatewayRequests });
      // SnapStart keeps the version's snapshot cached while it is active: the measured period.
      if (config.snapStart)
        usage?.snapshotCached?.({
          functionName: name,
          memoryMb: config.memoryMb,
          architecture: config.architecture,
          activeMs: scenario.duration - scenario.warmup,
          runtime: config.runtime,
        });
    }
    return {
      functions: functions.map(([name, config]) =>
        this.stats.get(name)!.metrics({
          function: name,
          runtime: config.runtime,
          memoryMb: config.memoryMb,
          architecture: config.architecture,
          gatewayApi: config.gateway?.type ?? null,
        }),
      ),
      minutes: functions.flatMap(([name]) => this.stats.get(name)!.perMinute(name, endMs)),
      reportLines: this.log.lines,
    };
  }

  /** A function's instances alive now (timeseries.csv's ready pods of its row). */
  instancesNow(name: string): number {
    return this.stats.get(name)!.instancesNow;
  }

  /** A function's instances alive now and its measured cold starts, for the player (viz/). */
  live(name: string): { instances: number; coldStarts: number } {
    const stats = this.stats.get(name)!;
    return { instances: stats.instancesNow, coldStarts: stats.coldStarts };
  }

  /** A function's instances as its row in services.csv shows them (result.ts); after result(). */
  instancesView(name: string): FunctionInstancesView {
    return this.stats.get(name)!.instancesView();
  }

  dispose(): void {
    for (const stats of this.stats.values()) stats.dispose();
  }
}
