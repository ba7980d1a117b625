/**
 * What a run's functions used, as the billing needs it (issue 13). The function model
 * (src/model/serverless/) fills it during the measured period; the billing
 * (src/model/cost/function-billing.ts) prices it. Durations are exact simulated
 * milliseconds: rounding up to the billing granularity (1 ms) is the billing's job.
 */

export type FunctionArchitecture = 'x86_64' | 'arm64';

/** One invocation that ran (or began running) in the measured period. */
export interface InvocationUsage {
  functionName: string;
  memoryMb: number;
  architecture: FunctionArchitecture;
  /** Ephemeral storage configured, MB (512 to 10,240; above 512 MB is billed). */
  ephemeralStorageMb: number;
  /** The handler's run time, ms (from the start of the handler to its end or its timeout). */
  durationMs: number;
  /** The init phase this invocation waited for, ms; 0 when a warm instance served it. */
  initMs: number;
  /** Ran on a provisioned-concurrency instance (billed at the provisioned duration price). */
  provisioned: boolean;
  /** Restored from a snapshot (SnapStart-like): its restore is billed per GB restored. */
  restoredFromSnapshot: boolean;
  /** the function's runtime: SnapStart's charges apply to Python and .NET only */
  runtime?: string;
}

/** Provisioned concurrency kept enabled for a span of simulated time. */
export interface ProvisionedConcurrencyUsage {
  functionName: string;
  memoryMb: number;
  architecture: FunctionArchitecture;
  instances: number;
  enabledFromMs: number;
  enabledUntilMs: number;
}

/** Requests an API gateway in front of functions took (billed per request, by API type). */
export interface GatewayUsage {
  apiType: 'http' | 'rest';
  requests: number;
}

/**
 * A SnapStart-like snapshot kept cached for a function version over `activeMs` of the run
 * (added by S2, issue 13: the cache is billed per GB-s, at least 3 hours per version).
 */
export interface SnapshotCacheUsage {
  functionName: string;
  memoryMb: number;
  architecture: FunctionArchitecture;
  activeMs: number;
  /** the function's runtime: SnapStart's charges apply to Python and .NET only */
  runtime?: string;
}

/**
 * Where the function model reports usage as it happens. The billing implements it and keeps
 * only running totals (integer micro-units, each invocation rounded up on its own), so a run
 * of millions of invocations holds no list of them.
 */
export interface FunctionUsageSink {
  invocation(usage: InvocationUsage): void;
  provisioned(usage: ProvisionedConcurrencyUsage): void;
  gatewayRequests(usage: GatewayUsage): void;
  /** Optional (added by S2): once per function version with snapshots, at the end of the run. */
  snapshotCached?(usage: SnapshotCacheUsage): void;
}

/** One sink telling two (the run's bill and a caller's own, as tests pass one); either may be absent. */
export function teeUsage(
  first: FunctionUsageSink | undefined,
  second: FunctionUsageSink | undefined,
): FunctionUsageSink | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return {
    invocation: (usage) => {
      first.invocation(usage);
      second.invocation(usage);
    },
    provisioned: (usage) => {
      first.provisioned(usage);
      second.provisioned(usage);
    },
    gatewayRequests: (usage) => {
      first.gatewayRequests(usage);
      second.gatewayRequests(usage);
    },
    snapshotCached: (usage) => {
      first.snapshotCached?.(usage);
      second.snapshotCached?.(usage);
    },
  };
}
