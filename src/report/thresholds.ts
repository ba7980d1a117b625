import { z } from 'zod';
import { ALL_HEADLINE_METRIC_NAMES, quantileSamples } from '../metrics/headline.js';
import { quantileSupported, samplesToSupport } from '../metrics/quantile-support.js';
import type { Statistic } from '../metrics/run-result.js';
import { zodErrorMap } from '../scenario/errors.js';
import { parseDuration, parseRate, show, UnitError } from '../scenario/units.js';
import { formatCell } from './cell-format.js';
import { closestName, unknownMetricMessage } from './metric-names.js';
import type { ParamValue } from './run-record.js';
import type { SummaryRow } from './summary.js';

/*
 * Service-level thresholds, written the way load-testing tools write them. In a scenario:
 *
 *   thresholds:                         # applies to every variant
 *     latency_p99_ms: "< 300"           # also "< 300ms", "< 0.3s"
 *     availability: "> 99.9%"           # or "> 0.999"
 *     cost_usd_per_million: "< 2"
 *
 * or, when variants need different limits, with sections (no metric names at the top then):
 *
 *   thresholds:
 *     all: { latency_p99_ms: "< 300", availability: "> 99.9%" }
 *     variants:
 *       istio: { latency_p99_ms: "< 350" }   # replaces the `all` limit on that metric
 *
 * Metric names are headline metric names (runs.csv columns). A condition is <, <=, > or >=
 * and a number in the metric's unit: milliseconds for *_ms (or any duration unit), per second
 * for *_rps (or "/s", "/m"...), a fraction for availability and *_utilization (or a
 * percentage), USD for cost, a plain count otherwise.
 */

export type ThresholdOperator = '<' | '<=' | '>' | '>=';

export interface ThresholdCondition {
  metric: string;
  operator: ThresholdOperator;
  /** in the metric's own unit (ms, per second, fraction, USD, count) */
  value: number;
  /** as written, trimmed: "> 99.9%" */
  text: string;
  /** written as a percentage: the report prints the metric as one too */
  percent: boolean;
}

/** The parsed `thresholds:` section: both input shapes come out as this. */
export interface Thresholds {
  all: ThresholdCondition[];
  variants: Record<string, ThresholdCondition[]>;
}

export class ThresholdError extends Error {
  override name = 'ThresholdError';
}

const CONDITION_PATTERN = /^(<=|>=|<|>)\s*((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(\S*)$/i;
const CONDITION_HINT =
  'a condition in quotes: an operator (<, <=, >, >=) and a number, like "< 300" or "> 99.9%"';

/** Parses `metric: "< 300"`; throws a ThresholdError that says what to write instead. */
export function parseCondition(metric: string, condition: unknown): ThresholdCondition {
  if (!ALL_HEADLINE_METRIC_NAMES.includes(metric)) {
    throw new ThresholdError(unknownMetricMessage(metric));
  }
  const text = typeof condition === 'string' ? condition.trim() : '';
  const match = CONDITION_PATTERN.exec(text);
  if (typeof condition !== 'string' || match === null) {
    throw new ThresholdError(`expected ${CONDITION_HINT}; got ${show(condition)}`);
  }
  const operator = match[1] as ThresholdOperator;
  const unit = match[3] ?? '';
  const value = valueInMetricUnit(metric, match[2]!, unit, text);
  return { metric, operator, value, text, percent: unit === '%' };
}

type MetricKind = 'duration' | 'seconds' | 'rate' | 'fraction' | 'money' | 'count';

/** The metric's unit, read from its name: the unit suffix convention makes this reliable. */
function metricKind(metric: string): MetricKind {
  if (metric.endsWith('_ms')) return 'duration';
  if (metric.endsWith('_s')) return 'seconds';
  if (metric.endsWith('_rps')) return 'rate';
  if (metric === 'availability' || metric.endsWith('_utilization')) return 'fraction';
  if (metric.includes('_usd')) return 'money';
  return 'count';
}

function valueInMetricUnit(metric: string, number: string, unit: string, text: string): number {
  const plain = Number.parseFloat(number);
  const wrong = (expectation: string) =>
    new ThresholdError(`${metric} ${expectation}; got ${JSON.stringify(text)}`);
  switch (metricKind(metric)) {
    case 'duration':
      if (unit === '') return plain;
      return convertUnit(
        () => parseDuration(number + unit),
        () => wrong('is in milliseconds: write a number of ms or a duration like 300ms or 2s'),
      );
    case 'seconds':
      if (unit === '') return plain;
      return convertUnit(
        () => parseDuration(number + unit) / 1000,
        () => wrong('is in seconds: write a number of seconds or a duration like 90s or 2m'),
      );
    case 'rate':
      if (unit === '') return plain;
      return convertUnit(
        () => parseRate(number + unit),
        () => wrong('is per second: write a number or a rate like 500/s'),
      );
    case 'fraction':
      if (unit === '%' && plain > 100)
        // "> 101%" on availability can never pass, and "< 101%" always does: a typo.
        throw new ThresholdError(
          `${metric} is a share of at most 100%, so ${JSON.stringify(text)} cannot mean what it says; write a percentage from 0% to 100%`,
        );
      if (unit === '%') return percentToFraction(plain);
      if (unit === '' && plain <= 1) return plain;
      if (unit === '') {
        // "> 99.9" on availability could never pass: almost surely a forgotten %.
        throw new ThresholdError(
          `${metric} is a fraction between 0 and 1, so ${JSON.stringify(text)} cannot be met; did you mean "${text}%"?`,
        );
      }
      throw wrong('is a fraction: write a number between 0 and 1 or a percentage like 99.9%');
    case 'money':
      if (unit === '') return plain;
      throw wrong('is in USD: write a plain number like "< 2"');
    case 'count':
      if (unit === '') return plain;
      throw wrong('is a count: write a plain number like "< 10"');
  }
}

/**
 * 99.9 / 100 is 0.9990000000000001 in binary floating point, which would make ">= 99.9%"
 * fail on an availability of exactly 0.999; rounding to 15 significant digits gives the
 * double nearest to the decimal the user wrote.
 */
function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(15));
}

function convertUnit(convert: () => number, error: () => ThresholdError): number {
  try {
    return convert();
  } catch (caught) {
    if (caught instanceof UnitError) throw error();
    throw caught;
  }
}

// ── schema ─────────────────────────────────────────────────────────────────────────────

/** metric → condition, parsed; each bad entry is reported at its own path. */
const conditionMap = z
  // Any value reaches parseCondition, whose message says what a condition is (a union of
  // string and number would answer a list or a mapping with zod's bare "Invalid input").
  .record(z.string(), z.unknown())
  .transform((entries, ctx): ThresholdCondition[] => {
    const conditions: ThresholdCondition[] = [];
    for (const [metric, condition] of Object.entries(entries)) {
      try {
        conditions.push(parseCondition(metric, condition));
      } catch (error) {
        if (!(error instanceof ThresholdError)) throw error;
        ctx.addIssue({ code: 'custom', path: [metric], message: error.message });
      }
    }
    return conditions;
  });

const SECTION_NAMES = ['all', 'variants'];

const sectionedThresholds = z.strictObject({
  all: conditionMap.optional(),
  variants: z.record(z.string(), conditionMap).optional(),
});

/**
 * The `thresholds:` field of a scenario, in either shape documented at the top of this file;
 * both parse to Thresholds. Plug in as `thresholds: thresholdsSchema.optional()`, and check
 * the variant names against the sweep with thresholdVariantErrors.
 */
export const thresholdsSchema = z
  .record(z.string(), z.unknown())
  .transform((input, ctx): Thresholds => {
    const keys = Object.keys(input);
    if (!keys.some((key) => SECTION_NAMES.includes(key))) {
      return parseInto(conditionMap, input, ctx, (all) => ({ all, variants: {} }));
    }
    for (const key of keys.filter((key) => !SECTION_NAMES.includes(key))) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `with "all" or "variants" sections, put "${key}" inside one of them`,
      });
    }
    if (keys.length > SECTION_NAMES.filter((name) => keys.includes(name)).length) return z.NEVER;
    return parseInto(sectionedThresholds, input, ctx, (sections) => ({
      all: sections.all ?? [],
      variants: sections.variants ?? {},
    }));
  })
  .describe(
    'service-level thresholds: { metric: "< 300" } or { all: {...}, variants: { name: {...} } }',
  );

/** Runs a sub-schema and forwards its issues, with their paths, to the enclosing parse. */
function parseInto<Output, Result>(
  schema: z.ZodType<Output>,
  input: unknown,
  ctx: z.RefinementCtx,
  shape: (output: Output) => Result,
): Result {
  // With the scenario's error map, a section of the wrong type says so in plain words.
  const parsed = schema.safeParse(input, { error: zodErrorMap });
  if (parsed.success) return shape(parsed.data);
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
  return z.NEVER;
}

/** Messages for `variants:` entries that name no variant of the sweep (typos would silently test nothing). */
export function thresholdVariantErrors(
  thresholds: Thresholds,
  variantNames: readonly string[],
): string[] {
  return Object.keys(thresholds.variants)
    .filter((name) => !variantNames.includes(name))
    .map((name) => {
      const suggestion = closestName(name, variantNames);
      return suggestion === undefined
        ? `thresholds for unknown variant "${name}"; the variants are ${variantNames.join(', ')}`
        : `thresholds for unknown variant "${name}"; did you mean "${suggestion}"?`;
    });
}

// ── evaluation ─────────────────────────────────────────────────────────────────────────

/** How one (variant, grid point) fares against one threshold. */
export interface ThresholdResult {
  variant: string;
  params: Record<string, ParamValue>;
  metric: string;
  condition: ThresholdCondition;
  replications: number;
  /** replications that had a value of the metric (a latency needs a successful request) */
  withData: number;
  /** null when no replication had a value */
  mean: Statistic;
  /**
   * The pessimistic end of the 95% confidence interval of the mean: the upper bound for
   * "<" and "<=", the lower bound for ">" and ">="; the mean itself with one value.
   */
  bound: Statistic;
  boundStatistic: 'ci95_upper' | 'ci95_lower' | 'mean';
  passOnMean: boolean;
  /**
   * The verdict: the threshold holds even at the unfavourable end of the interval, and
   * every replication had data (a run with no successful request cannot pass a latency
   * limit by having no latency).
   */
  passOnBound: boolean;
  /** runs whose value of this quantile rests on too few samples (quantile-support.ts) */
  thinRuns: number;
}

/** Every threshold that applies, against every (variant, grid point) of the summary, in summary order. */
export function evaluateThresholds(
  thresholds: Thresholds,
  summary: readonly SummaryRow[],
): ThresholdResult[] {
  return summary.flatMap((row) =>
    conditionsFor(thresholds, row.variant).map((condition) => evaluate(condition, row)),
  );
}

/** The `all` conditions, with a variant's own condition replacing the one on the same metric. */
export function conditionsFor(thresholds: Thresholds, variant: string): ThresholdCondition[] {
  const own = Object.hasOwn(thresholds.variants, variant) ? thresholds.variants[variant]! : [];
  const replaced = new Set(own.map((condition) => condition.metric));
  return [...thresholds.all.filter((condition) => !replaced.has(condition.metric)), ...own];
}

function evaluate(condition: ThresholdCondition, row: SummaryRow): ThresholdResult {
  const summary = row.metrics[condition.metric];
  const mean = summary?.mean ?? null;
  const ci95 = summary?.ci95 ?? null;
  const withData = summary?.n ?? 0;
  const upper = condition.operator === '<' || condition.operator === '<=';
  const bound = mean === null || ci95 === null ? mean : upper ? mean + ci95 : mean - ci95;
  const complete = withData === row.replications;
  let thinRuns = 0;
  for (const metrics of row.runs.values()) {
    const quantile = quantileSamples(metrics, condition.metric);
    const thin =
      quantile !== undefined && !quantileSupported(quantile.samples, quantile.percentile);
    if (thin && metrics[condition.metric] != null) thinRuns++;
  }
  return {
    variant: row.variant,
    params: row.params,
    metric: condition.metric,
    condition,
    replications: row.replications,
    withData,
    mean,
    bound,
    boundStatistic: ci95 === null ? 'mean' : upper ? 'ci95_upper' : 'ci95_lower',
    passOnMean: complete && holds(condition, mean),
    passOnBound: complete && holds(condition, bound),
    thinRuns,
  };
}

/** No data never passes. */
function holds({ operator, value }: ThresholdCondition, observed: Statistic): boolean {
  if (observed === null) return false;
  switch (operator) {
    case '<':
      return observed < value;
    case '<=':
      return observed <= value;
    case '>':
      return observed > value;
    case '>=':
      return observed >= value;
  }
}

/** True when every threshold holds at the pessimistic end of its interval. */
export function thresholdsPassed(results: readonly ThresholdResult[]): boolean {
  return results.every((result) => result.passOnBound);
}

// ── report ─────────────────────────────────────────────────────────────────────────────

/**
 * One PASS/FAIL line per threshold and (variant, grid point), aligned, naming the statistic
 * the verdict rests on, then a count. Example:
 *   FAIL  istio  availability > 99.9%  95% CI lower bound 99.85% (mean 99.93% passes, n=5)
 */
export function thresholdReport(results: readonly ThresholdResult[]): string {
  if (results.length === 0) return 'no thresholds\n';
  const columns = results.map((result) => [
    result.passOnBound ? 'PASS' : 'FAIL',
    pointLabel(result),
    `${result.metric} ${result.condition.text}`,
    evidence(result) + thinNote(result),
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...columns.map((cells) => [...cells[i]!].length)));
  const lines = columns.map((cells) =>
    cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '),
  );
  const passed = results.filter((result) => result.passOnBound).length;
  const meanOnly = results.every((result) => result.boundStatistic === 'mean');
  lines.push(
    `${passed} of ${results.length} passed, ` +
      (meanOnly
        ? 'judged on the mean only: one replication gives no confidence interval'
        : 'judged on the pessimistic end of the 95% confidence interval'),
  );
  return `${lines.join('\n')}\n`;
}

function pointLabel({ variant, params }: ThresholdResult): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return variant;
  return `${variant} [${entries.map(([name, value]) => `${name}=${formatCell(value)}`).join(', ')}]`;
}

function evidence(result: ThresholdResult): string {
  const show = (value: Statistic) => formatThresholdValue(value, result.condition.percent);
  if (result.withData === 0) {
    return `no data: no replication had a value (n=${result.replications})`;
  }
  if (result.withData < result.replications) {
    const missing = result.replications - result.withData;
    return `no data in ${missing} of ${result.replications} replications (mean of the others ${show(result.mean)})`;
  }
  if (result.boundStatistic === 'mean') {
    return `mean ${show(result.mean)} (n=${result.withData}: no confidence interval, mean only)`;
  }
  const side = result.boundStatistic === 'ci95_upper' ? 'upper' : 'lower';
  const meanVerdict = result.passOnMean ? 'passes' : 'fails';
  return `95% CI ${side} bound ${show(result.bound)} (mean ${show(result.mean)} ${meanVerdict}, n=${result.replications})`;
}

/** A verdict on a quantile from too few samples says so: it may flip with another seed. */
function thinNote(result: ThresholdResult): string {
  if (result.thinRuns === 0) return '';
  const percentile = quantileSamples({}, result.metric)!.percentile;
  return `; ~ too few samples for a p${percentile} in ${result.thinRuns} of ${result.replications} runs (it needs ${samplesToSupport(percentile)})`;
}

/** 6 significant digits, as a percentage when the condition was written as one. */
function formatThresholdValue(value: Statistic, percent: boolean): string {
  if (value === null) return 'no data';
  if (!Number.isFinite(value)) return formatCell(value);
  const scaled = percent ? value * 100 : value;
  return String(Number(scaled.toPrecision(6))) + (percent ? '%' : '');
}
