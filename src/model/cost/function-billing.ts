import type {
  FunctionArchitecture,
  FunctionUsageSink,
  GatewayUsage,
  InvocationUsage,
  ProvisionedConcurrencyUsage,
  SnapshotCacheUsage,
} from '../serverless/function-usage.js';

/** Lambda rounds each invocation's duration up to 1 ms. */
const BILLING_MS = 1;
/** Provisioned concurrency is billed from enabling to disabling, rounded up to 5 minutes. */
export const PROVISIONED_BILLING_MS = 5 * 60_000;
/** A SnapStart snapshot is billed for at least 3 hours per function version. */
export const SNAPSHOT_CACHE_MINIMUM_MS = 3 * 3_600_000;
/** Ephemeral storage up to 512 MB is free. */
export const FREE_EPHEMERAL_STORAGE_MB = 512;
/**
 * Float noise below a nanosecond is not a billed millisecond: 120 ms computed as
 * 120.00000000001 is billed 120 ms, not 121.
 */
const CLOCK_NOISE_MS = 1e-6;

/**
 * The runtimes whose SnapStart snapshots are charged for (cache and restore): Python and
 * .NET. SnapStart for Java costs nothing beyond the invocation (AWS's SnapStart pricing,
 * docs/cost.md). A usage that names no runtime is charged, as the pricing page's examples are.
 */
const SNAPSTART_CHARGED_RUNTIMES: ReadonlySet<string> = new Set(['python', 'dotnet']);

export function snapStartCharged(usage: { runtime?: string }): boolean {
  return usage.runtime === undefined || SNAPSTART_CHARGED_RUNTIMES.has(usage.runtime);
}

/**
 * The billed milliseconds of one invocation: its handler's duration, plus its init when the
 * init is billed (on-demand: since 1 August 2025; provisioned instances were initialized
 * when enabled, their init is in the provisioned price; a SnapStart restore is not init:
 * it has its own charge, and its REPORT line's Billed Restore Duration counts only runtime
 * hooks, which msasim does not model), rounded up to 1 ms as one sum, as the REPORT line's
 * Billed Duration is. Worked example: a 102.25 ms handler after a 302.11 ms init is billed
 * 405 ms under the 2025 rule, 103 ms under the earlier one.
 */
export function billedMs(usage: InvocationUsage, initBilled: boolean): number {
  const initMs = initBilled && !usage.provisioned && !usage.restoredFromSnapshot ? usage.initMs : 0;
  return roundUp(usage.durationMs + initMs, BILLING_MS);
}

/** A provisioned span's billed milliseconds: its length rounded up to 5 minutes. */
export function provisionedBilledMs(usage: ProvisionedConcurrencyUsage): number {
  return roundUp(usage.enabledUntilMs - usage.enabledFromMs, PROVISIONED_BILLING_MS);
}

function roundUp(ms: number, stepMs: number): number {
  return Math.max(0, Math.ceil((ms - CLOCK_NOISE_MS) / stepMs) * stepMs);
}

/** One function's configuration as billed: a change of memory or storage is another row. */
export interface BilledFunction {
  functionName: string;
  memoryMb: number;
  architecture: FunctionArchitecture;
  ephemeralStorageMb: number;
}

/** Running totals of one billed function: whole numbers only, so they never drift. */
export interface FunctionTotals extends BilledFunction {
  requests: number;
  /** billed ms of invocations on on-demand instances */
  onDemandMs: number;
  /** billed ms of invocations on provisioned instances */
  provisionedDurationMs: number;
  /** instances × billed ms of provisioned concurrency kept enabled */
  provisionedInstanceMs: number;
  restores: number;
  /** ms of snapshot caching billed (each version at least 3 hours) */
  snapshotCacheMs: number;
}

/**
 * The billing's side of the seam (src/model/serverless/function-usage.ts): it keeps running
 * totals per function and per gateway API type, and no list of invocations, so its memory
 * grows with functions, never with requests. `functionCost` prices the totals.
 */
export class FunctionBilling implements FunctionUsageSink {
  private readonly functions = new Map<string, FunctionTotals[]>();
  private readonly gateway = new Map<GatewayUsage['apiType'], number>();

  constructor(private readonly initBilled: boolean) {}

  invocation(usage: InvocationUsage): void {
    const totals = this.totalsOf(usage, usage.ephemeralStorageMb);
    totals.requests += 1;
    const ms = billedMs(usage, this.initBilled);
    if (usage.provisioned) totals.provisionedDurationMs += ms;
    else totals.onDemandMs += ms;
    if (usage.restoredFromSnapshot && snapStartCharged(usage)) totals.restores += 1;
  }

  provisioned(usage: ProvisionedConcurrencyUsage): void {
    const totals = this.totalsOf(usage);
    totals.provisionedInstanceMs += usage.instances * provisionedBilledMs(usage);
  }

  gatewayRequests(usage: GatewayUsage): void {
    this.gateway.set(usage.apiType, (this.gateway.get(usage.apiType) ?? 0) + usage.requests);
  }

  snapshotCached(usage: SnapshotCacheUsage): void {
    if (!snapStartCharged(usage)) return;
    const totals = this.totalsOf(usage);
    totals.snapshotCacheMs += Math.max(
      roundUp(usage.activeMs, BILLING_MS),
      SNAPSHOT_CACHE_MINIMUM_MS,
    );
  }

  /** Every billed function, by name, then its configurations as they came: the bill's order. */
  functionTotals(): FunctionTotals[] {
    return [...this.functions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([, rows]) => rows.map((totals) => ({ ...totals })));
  }

  /** Requests per gateway API type, http before rest. */
  gatewayTotals(): GatewayUsage[] {
    return (['http', 'rest'] as const)
      .filter((apiType) => this.gateway.has(apiType))
      .map((apiType) => ({ apiType, requests: this.gateway.get(apiType) ?? 0 }));
  }

  /**
   * An invocation's row: its function with its memory, architecture and storage. Provisioned
   * spans and snapshots name no storage (`storageMb` undefined): they join the function's row
   * with the same memory and architecture, or start one with the free 512 MB. A function has
   * one or a few rows, so a scan is the cheapest lookup on the per-invocation path.
   */
  private totalsOf(
    billed: Omit<BilledFunction, 'ephemeralStorageMb'>,
    storageMb?: number,
  ): FunctionTotals {
    let rows = this.functions.get(billed.functionName);
    if (rows === undefined) {
      rows = [];
      this.functions.set(billed.functionName, rows);
    }
    for (const row of rows) {
      if (
        row.memoryMb === billed.memoryMb &&
        row.architecture === billed.architecture &&
        (storageMb === undefined || row.ephemeralStorageMb === storageMb)
      )
        return row;
    }
    const ephemeralStorageMb = storageMb ?? FREE_EPHEMERAL_STORAGE_MB;
    const totals: FunctionTotals = {
      functionName: billed.functionName,
      memoryMb: billed.memoryMb,
      architecture: billed.architecture,
      ephemeralStorageMb,
      requests: 0,
      onDemandMs: 0,
      provisionedDurationMs: 0,
      provisionedInstanceMs: 0,
      restores: 0,
      snapshotCacheMs: 0,
    };
    rows.push(totals);
    return totals;
  }
}
