import type { CostLine } from '../../metrics/run-result.js';
import type { FunctionArchitecture, GatewayUsage } from '../serverless/function-usage.js';
import { chargeMicroUsd, perRequestUsd, usdOf } from './exact-usd.js';
import {
  FREE_EPHEMERAL_STORAGE_MB,
  type FunctionBilling,
  type FunctionTotals,
} from './function-billing.js';
import type { FunctionPrices, Prices, PriceTier } from './prices.js';

/** MB-ms in a GB-s: AWS's examples take a GB as 1024 MB. */
const MB_MS_PER_GB_SECOND = 1024n * 1000n;
const MB_PER_GB = 1024n;
const MILLION = 1_000_000n;
/** The monthly free tier: 1M requests and 400,000 GB-s of on-demand duration. */
export const FREE_TIER_REQUESTS = 1_000_000n;
export const FREE_TIER_MB_MS = 400_000n * MB_MS_PER_GB_SECOND;

/** The functions' bill: its lines and their exact sum. */
export interface FunctionCost {
  lines: CostLine[];
  microUsd: bigint;
  usd: number;
}

interface ExactLine {
  line: CostLine;
  microUsd: bigint;
}

/**
 * The cost of a run's functions and their gateway (issue 13; docs/cost.md): one line per
 * function and charge, one per gateway API type and price tier, and the free tier's credits
 * when the prices take it. The function model (S1) reports usage to a FunctionBilling during
 * the measured period and passes its result here; `computeCost` adds it to the run's cost.
 *
 * Worked example (AWS's pricing page, "Mobile application backend"): 3M invocations of
 * 120 ms at 1536 MB on x86_64 are 540,000 GB-s (9.000018 USD) and 0.60 USD of requests;
 * with the free tier, less 6.66668 and 0.20 USD: 2.733338 USD, the page's $2.73.
 */
export function functionCost(billing: FunctionBilling, prices: Prices): FunctionCost {
  const functions = billing.functionTotals();
  const exact = [
    ...functions.flatMap((totals) => functionLines(totals, prices.functions)),
    ...billing
      .gatewayTotals()
      .flatMap((usage) => gatewayLines(usage, prices.gateway[usage.apiType])),
    ...(prices.functions.freeTier ? freeTierLines(functions, prices.functions) : []),
  ];
  const microUsd = exact.reduce((sum, { microUsd }) => sum + microUsd, 0n);
  return { lines: exact.map(({ line }) => line), microUsd, usd: usdOf(microUsd) };
}

function functionLines(totals: FunctionTotals, prices: FunctionPrices): ExactLine[] {
  const memoryMb = BigInt(Math.round(totals.memoryMb));
  const arch = totals.architecture;
  const extraStorageMb = BigInt(
    Math.max(0, Math.round(totals.ephemeralStorageMb) - FREE_EPHEMERAL_STORAGE_MB),
  );
  const executedMs = BigInt(totals.onDemandMs + totals.provisionedDurationMs);
  const subject = totals.functionName;
  const lines = [
    perMillionLine('function-requests', subject, BigInt(totals.requests), prices.requestPerMillion),
    gbSecondLine(
      'function-duration',
      subject,
      memoryMb * BigInt(totals.onDemandMs),
      prices.durationPerGBSecond[arch],
    ),
    gbSecondLine(
      'function-provisioned-concurrency',
      subject,
      memoryMb * BigInt(totals.provisionedInstanceMs),
      prices.provisionedPerGBSecond[arch],
    ),
    gbSecondLine(
      'function-provisioned-duration',
      subject,
      memoryMb * BigInt(totals.provisionedDurationMs),
      prices.provisionedDurationPerGBSecond[arch],
    ),
    gbSecondLine(
      'function-ephemeral-storage',
      subject,
      extraStorageMb * executedMs,
      prices.ephemeralStoragePerGBSecond,
    ),
    gbSecondLine(
      'function-snapstart-cache',
      subject,
      memoryMb * BigInt(totals.snapshotCacheMs),
      prices.snapStartCachePerGBSecond,
    ),
    exactLine(
      'function-snapstart-restore',
      subject,
      memoryMb * BigInt(totals.restores),
      'GB',
      prices.snapStartRestorePerGB,
      MB_PER_GB,
    ),
  ];
  // The requests line always shows (0 requests is a finding); other charges only when incurred.
  return lines.filter((line, index) => index === 0 || line.line.quantity !== 0);
}

/**
 * A gateway's requests priced tier by tier, as the month's total climbs through them:
 * 400M REST requests are 333M at 3.50 and 67M at 2.80 USD per million.
 */
export function gatewayLines(usage: GatewayUsage, tiers: readonly PriceTier[]): ExactLine[] {
  const lines: ExactLine[] = [];
  let below = 0;
  for (const tier of tiers) {
    const upTo =
      tier.upToRequests === null ? usage.requests : Math.min(usage.requests, tier.upToRequests);
    if (upTo > below)
      lines.push(
        perMillionLine('gateway-requests', usage.apiType, BigInt(upTo - below), tier.perMillion),
      );
    below = Math.max(below, upTo);
    if (below >= usage.requests) break;
  }
  return lines;
}

/**
 * The free tier's credits, as AWS's examples take it: 1M requests off all requests, and
 * 400,000 GB-s off on-demand duration (never provisioned), x86_64 first, then arm64.
 */
function freeTierLines(functions: readonly FunctionTotals[], prices: FunctionPrices): ExactLine[] {
  const requests = functions.reduce((sum, totals) => sum + BigInt(totals.requests), 0n);
  const lines = [
    perMillionLine(
      'free-tier-requests',
      'account',
      -min(requests, FREE_TIER_REQUESTS),
      prices.requestPerMillion,
    ),
  ];
  let leftMbMs = FREE_TIER_MB_MS;
  for (const arch of ['x86_64', 'arm64'] as const satisfies readonly FunctionArchitecture[]) {
    const used = functions
      .filter((totals) => totals.architecture === arch)
      .reduce(
        (sum, totals) => sum + BigInt(Math.round(totals.memoryMb)) * BigInt(totals.onDemandMs),
        0n,
      );
    const credit = min(used, leftMbMs);
    leftMbMs -= credit;
    if (credit > 0n)
      lines.push(
        gbSecondLine('free-tier-duration', arch, -credit, prices.durationPerGBSecond[arch]),
      );
  }
  return lines.filter((line) => line.line.quantity !== 0);
}

function perMillionLine(
  item: string,
  subject: string,
  requests: bigint,
  perMillion: number,
): ExactLine {
  const line = exactLine(item, subject, requests, 'requests', perMillion, MILLION);
  // Shown per request, though charged per million (one division, not a million roundings).
  return {
    ...line,
    line: { ...line.line, quantity: Number(requests), unitPriceUsd: perRequestUsd(perMillion) },
  };
}

function gbSecondLine(item: string, subject: string, mbMs: bigint, perGBSecond: number): ExactLine {
  return exactLine(item, subject, mbMs, 'GB-s', perGBSecond, MB_MS_PER_GB_SECOND);
}

/** A line of `quantity / perUnits` units at `price` per unit, charged exactly. */
function exactLine(
  item: string,
  subject: string,
  quantity: bigint,
  unit: string,
  price: number,
  perUnits: bigint,
): ExactLine {
  const microUsd = chargeMicroUsd(quantity, price, perUnits);
  const units = Number(quantity) / Number(perUnits);
  return {
    line: { item, subject, quantity: units, unit, unitPriceUsd: price, costUsd: usdOf(microUsd) },
    microUsd,
  };
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
