import type { FunctionArchitecture } from '../serverless/function-usage.js';

/**
 * The price table every bill but the nodes' reads (issue 13): functions, their API gateway,
 * per-task containers, and the split of a node's price between CPU and memory. Defaults are
 * AWS US East (N. Virginia), first pricing tier; docs/cost.md cites each figure. A scenario's
 * `pricing:` overrides any of them (src/scenario/pricing-schema.ts), for other regions or
 * other providers.
 */
export interface Prices {
  functions: FunctionPrices;
  gateway: GatewayPrices;
  fargate: FargatePrices;
  kubernetes: NodePriceSplit;
}

export type PerArchitecture = Readonly<Record<FunctionArchitecture, number>>;

export interface FunctionPrices {
  /** USD per million requests */
  requestPerMillion: number;
  /** USD per GB-s of on-demand duration (GB = MB / 1024, as AWS's examples compute it) */
  durationPerGBSecond: PerArchitecture;
  /** USD per GB-s of provisioned concurrency kept enabled (each span rounded up to 5 min) */
  provisionedPerGBSecond: PerArchitecture;
  /** USD per GB-s of duration on provisioned instances (instead of durationPerGBSecond) */
  provisionedDurationPerGBSecond: PerArchitecture;
  /** USD per GB-s of ephemeral storage above the free 512 MB, over the billed duration */
  ephemeralStoragePerGBSecond: number;
  /** USD per GB-s of a SnapStart snapshot cached (at least 3 hours per version) */
  snapStartCachePerGBSecond: number;
  /** USD per GB of memory restored from a snapshot */
  snapStartRestorePerGB: number;
  /** bill the init phase of on-demand invocations (AWS's rule since 1 August 2025); false: the earlier rule for ZIP packages on managed runtimes */
  initBilled: boolean;
  /** take the monthly free tier (1M requests, 400,000 GB-s) off the run's totals, as if the run were the month */
  freeTier: boolean;
}

/** One step of a tiered price: up to `upToRequests` requests in the month (null: the rest). */
export interface PriceTier {
  upToRequests: number | null;
  perMillion: number;
}

export interface GatewayPrices {
  http: readonly PriceTier[];
  rest: readonly PriceTier[];
}

export interface FargatePrices {
  perVcpuHour: PerArchitecture;
  perGBHour: PerArchitecture;
}

/**
 * OpenCost's default marginal prices (configs/default.json), used only for their ratio: a
 * node's price is split between its cores and its GB of memory in this proportion, and the
 * parts sum to the node's price (OpenCost specification, Appendix A).
 */
export interface NodePriceSplit {
  cpuPerCoreHour: number;
  memoryPerGBHour: number;
}

const MILLION = 1_000_000;

export const DEFAULT_PRICES: Prices = {
  functions: {
    requestPerMillion: 0.2,
    durationPerGBSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    provisionedPerGBSecond: { x86_64: 0.0000041667, arm64: 0.0000033334 },
    provisionedDurationPerGBSecond: { x86_64: 0.0000097222, arm64: 0.0000077778 },
    ephemeralStoragePerGBSecond: 0.0000000309,
    snapStartCachePerGBSecond: 0.0000015046,
    snapStartRestorePerGB: 0.0001397998,
    initBilled: true,
    freeTier: false,
  },
  gateway: {
    http: [
      { upToRequests: 300 * MILLION, perMillion: 1.0 },
      { upToRequests: null, perMillion: 0.9 },
    ],
    rest: [
      { upToRequests: 333 * MILLION, perMillion: 3.5 },
      { upToRequests: 1000 * MILLION, perMillion: 2.8 },
      { upToRequests: 20_000 * MILLION, perMillion: 2.38 },
      { upToRequests: null, perMillion: 1.51 },
    ],
  },
  fargate: {
    perVcpuHour: { x86_64: 0.04048, arm64: 0.03238 },
    perGBHour: { x86_64: 0.004445, arm64: 0.00356 },
  },
  kubernetes: { cpuPerCoreHour: 0.031611, memoryPerGBHour: 0.004237 },
};

/** A scenario's overrides: any price, at any depth; what it leaves out keeps its default. */
export interface PriceOverrides {
  functions?: Partial<Omit<FunctionPrices, keyof ArchitecturePrices>> & {
    [K in keyof ArchitecturePrices]?: Partial<Record<FunctionArchitecture, number>>;
  };
  gateway?: Partial<GatewayPrices>;
  fargate?: { [K in keyof FargatePrices]?: Partial<Record<FunctionArchitecture, number>> };
  kubernetes?: Partial<NodePriceSplit>;
}

type ArchitecturePrices = Pick<
  FunctionPrices,
  'durationPerGBSecond' | 'provisionedPerGBSecond' | 'provisionedDurationPerGBSecond'
>;

/** The default table with a scenario's overrides laid over it. */
export function resolvePrices(overrides: PriceOverrides | undefined): Prices {
  if (overrides === undefined) return DEFAULT_PRICES;
  const d = DEFAULT_PRICES;
  const f = overrides.functions ?? {};
  return {
    functions: {
      ...d.functions,
      ...withoutUndefined(f),
      durationPerGBSecond: { ...d.functions.durationPerGBSecond, ...f.durationPerGBSecond },
      provisionedPerGBSecond: {
        ...d.functions.provisionedPerGBSecond,
        ...f.provisionedPerGBSecond,
      },
      provisionedDurationPerGBSecond: {
        ...d.functions.provisionedDurationPerGBSecond,
        ...f.provisionedDurationPerGBSecond,
      },
    },
    gateway: { ...d.gateway, ...withoutUndefined(overrides.gateway ?? {}) },
    fargate: {
      perVcpuHour: { ...d.fargate.perVcpuHour, ...overrides.fargate?.perVcpuHour },
      perGBHour: { ...d.fargate.perGBHour, ...overrides.fargate?.perGBHour },
    },
    kubernetes: { ...d.kubernetes, ...withoutUndefined(overrides.kubernetes ?? {}) },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
