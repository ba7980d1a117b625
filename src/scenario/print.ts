import { stringify } from 'yaml';
import { DISTRIBUTION_KINDS, type DistributionSpec } from '../engine/distributions/spec.js';
import type { ThresholdCondition, Thresholds } from '../report/thresholds.js';
import { rightSizingLines } from './right-sizing-text.js';
import type { CallStep, NodePoolConfig, Scenario } from './schema.js';
import { formatDuration, parseCpu, parseMemory, parseRate } from './units.js';

/**
 * Prints a resolved scenario (every default filled in) as a scenario file: human units
 * restored, distributions written back as text, keys in the schema's order. The output
 * parses back to the same Scenario, which the tests check.
 *
 * Fields are converted by name (`timeout` is a duration wherever it appears, as the schema
 * names them), so a field added to the schema later prints without a change here; if it
 * holds a quantity under a new name, it prints in engine units and the round-trip test of
 * every shipped scenario and fixture that uses it (test/scenario/print.test.ts) says so.
 */
export function printScenario(scenario: Scenario): string {
  const header =
    '# The resolved scenario: every default filled in, instance types resolved to their\n' +
    '# size and price. It parses back to the same scenario.\n';
  const sized = rightSizingLines(scenario).map((line) => `# ${line}\n`);
  const printable = { ...scenario, services: withSizingWritten(scenario.services) };
  return (
    header +
    sized.join('') +
    stringify(restore(printable, ''), { lineWidth: 0, aliasDuplicateObjects: false })
  );
}

/**
 * A right-sized service prints its target, not the count it resolved to, so that the text
 * parses back to the same scenario (the count is in the header's comments).
 */
function withSizingWritten(services: Scenario['services']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(services).map(([name, service]) => {
      const { replicaSizing, ...rest } = service;
      // A service of versions runs their replicas' sum, which the file may not restate.
      if (service.versions !== undefined) return [name, { ...rest, replicas: undefined }];
      if (replicaSizing === undefined) return [name, service];
      const { targetCPUUtilization, min, max } = replicaSizing;
      return [
        name,
        { ...rest, replicas: { targetCPUUtilization: `${targetCPUUtilization}%`, min, max } },
      ];
    }),
  );
}

const DURATION_FIELDS = new Set([
  'duration',
  'warmup',
  'drain',
  'timeout',
  'window',
  'start',
  'over',
  'period',
  'on',
  'off',
  'meanDuration',
  'cpuCfsQuotaPeriod',
  'at',
  'preStop',
  'provisioningDelay',
  'debounceAfter',
  'fixedDelay',
  // issues 13 and 14
  'visibilityTimeout',
  'messageRetentionPeriod',
  'maximumBatchingWindow',
  'maximumEventAge',
  'maxLifetime',
  'keepAlive',
  'integrationTimeout',
  'baseDelay',
  'throttlingBaseDelay',
  'maxBackoff',
  'horizontalPodAutoscalerSyncPeriod',
  'metricResolution',
  'scanInterval',
  'scaleDownUnneededTime',
  'scaleDownDelayAfterAdd',
  'cpuInitializationPeriod',
  'initialReadinessDelay',
  'mtbf',
  'p99',
  'messageRetention',
  'idleTimeout',
  'maxConnectionAge',
  'maxConnectionAgeGrace',
  'baseEjectionTime',
  'maxEjectionTime',
  'interval',
  'baseInterval',
  'maxInterval',
  'perTryTimeout',
  // injected faults (NetworkChaos delay)
  'latency',
  'jitter',
]);

/** `value` as a scenario file writes it; `field` is the name it is held under. */
function restore(value: unknown, field: string): unknown {
  // The sweep holds overrides as the user wrote them (paths and human units): keep them so.
  if (field === 'sweep') return value;
  if (field === 'thresholds') return thresholdsValue(value as Thresholds);
  if (field === 'strategy' && isArgoRollout(value)) return argoStrategyValue(value);
  if (SIZE_FIELDS.has(field) && isDistribution(value)) return sizeValue(value);
  if (isDistribution(value)) return distributionValue(value);
  if (Array.isArray(value)) {
    if (field === 'calls') return (value as CallStep[]).map(stepValue);
    if (field === 'nodePools') return (value as NodePoolConfig[]).map(nodePoolValue);
    return value.map((item) => restore(item, field));
  }
  if (typeof value === 'number') return quantity(value, field);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    return Object.fromEntries(entries.map(([key, child]) => [key, restore(child, key)]));
  }
  return value;
}

/**
 * Thresholds as a scenario writes them, each condition in its own words (`availability:
 * "> 99%"`): flat when every variant shares them, in `all` and `variants` sections otherwise.
 */
function thresholdsValue(thresholds: Thresholds): unknown {
  const written = (conditions: readonly ThresholdCondition[]) =>
    Object.fromEntries(conditions.map((c) => [c.metric, c.text]));
  const variants = Object.entries(thresholds.variants);
  if (variants.length === 0) return written(thresholds.all);
  return {
    all: written(thresholds.all),
    variants: Object.fromEntries(variants.map(([name, c]) => [name, written(c)])),
  };
}

type ArgoStrategy = { type?: unknown; canary?: unknown; blueGreen?: unknown };

function isArgoRollout(value: unknown): value is ArgoStrategy {
  const strategy = value as ArgoStrategy | null;
  return (
    typeof strategy === 'object' &&
    strategy !== null &&
    (strategy.canary !== undefined || strategy.blueGreen !== undefined)
  );
}

/** An Argo Rollout has no Deployment `type`: its default would only mislead a reader. */
function argoStrategyValue(strategy: ArgoStrategy): unknown {
  const { type: _deploymentType, ...rollout } = strategy;
  return restore(rollout, '');
}

function quantity(value: number, field: string): number | string {
  if (DURATION_FIELDS.has(field)) return durationValue(value);
  if (field === 'rate') return formatRate(value);
  if (field === 'cpu') return formatCpu(value);
  if (field === 'memory') return formatMemory(value);
  return value;
}

/** A bare 0 is the one duration without a unit; as a number, YAML need not quote it. */
function durationValue(ms: number): number | string {
  return ms === 0 ? 0 : formatDuration(ms);
}

function stepValue(step: CallStep): unknown {
  if (step.kind === 'parallel') return { parallel: step.branches.map(callValue) };
  return callValue(step);
}

function callValue(call: {
  service: string;
  endpoint: string;
  probability: number;
  timeout?: number;
}): unknown {
  const target = `${call.service}.${call.endpoint}`;
  if (call.timeout !== undefined)
    return { call: target, probability: call.probability, timeout: durationValue(call.timeout) };
  return call.probability === 1 ? target : { call: target, probability: call.probability };
}

/**
 * A pool prints its resolved size, price and reservations: they are what the simulation
 * uses (its allocatable follows from them when the file is read back).
 */
function nodePoolValue(pool: NodePoolConfig): unknown {
  const printed = restore(
    {
      name: pool.name,
      cpu: pool.cpuCores,
      memory: pool.memoryBytes,
      pricePerHour: pool.pricePerHourUsd,
      count: pool.count,
      zones: pool.zones,
      maxPods: pool.maxPods,
      kubeReserved: pool.kubeReserved,
      systemReserved: pool.systemReserved,
      autoscaling: pool.autoscaling,
    },
    '',
  ) as Record<string, unknown>;
  return { ...printed, evictionHard: formatMemory(pool.evictionHard) };
}

/** Call sizes are distributions of bytes: printed in memory units, `1500` or `10Ki`. */
const SIZE_FIELDS = new Set(['requestSize', 'responseSize']);

function sizeValue(spec: DistributionSpec): unknown {
  const bytes = (value: number) => String(formatMemory(value));
  return spec.kind === 'constant' ? formatMemory(spec.value) : distributionText(spec, bytes);
}

// ── quantities in human units ──────────────────────────────────────────────────────────
// Each formatter tries the readable forms and keeps the first that its parser reads back
// to exactly the same number; the plain number always does.

/** Cores as Kubernetes writes them: `2`, `500m`. */
export function formatCpu(cores: number): string | number {
  if (Number.isInteger(cores)) return cores;
  return exactly(cores, parseCpu, [`${Math.round(cores * 1000)}m`]);
}

/** Bytes as Kubernetes writes them: `256Mi`, `1Gi`, `512M`. */
export function formatMemory(bytes: number): string | number {
  const units: [string, number][] = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
    ['T', 1e12],
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ];
  // The shortest exact form: 512M rather than 500000Ki; binary units win a tie.
  const candidates = units
    .filter(([, size]) => bytes >= size && Number.isInteger(bytes / size))
    .map(([unit, size]) => `${bytes / size}${unit}`)
    .sort((a, b) => a.length - b.length);
  return exactly(bytes, parseMemory, candidates);
}

/** Per second, in the largest time unit that keeps the count whole: `300/s`, `2/h`. */
export function formatRate(perSecond: number): string | number {
  const units: [string, number][] = [
    ['s', 1],
    ['m', 60],
    ['h', 3600],
    ['d', 86_400],
  ];
  const candidates = units
    .map(([unit, seconds]) => [unit, Math.round(perSecond * seconds)] as const)
    .filter(([, count]) => count > 0)
    .map(([unit, count]) => `${count}/${unit}`);
  return exactly(perSecond, parseRate, [...candidates, `${perSecond}/s`]);
}

function exactly(
  value: number,
  parse: (text: string) => number,
  candidates: readonly string[],
): string | number {
  for (const text of candidates) {
    try {
      if (parse(text) === value) return text;
    } catch {
      // not a form the parser reads (an exponent, say): try the next
    }
  }
  return value;
}

// ── distributions as text ──────────────────────────────────────────────────────────────

const KNOWN_KINDS: ReadonlySet<string> = new Set(DISTRIBUTION_KINDS);

/** Recognises a distribution by shape, wherever a scenario holds one. */
export function isDistribution(value: unknown): value is DistributionSpec {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && KNOWN_KINDS.has(kind);
}

/** The text a scenario writes for `spec`; a histogram has no text form and stays a mapping. */
function distributionValue(spec: DistributionSpec): unknown {
  if (spec.kind === 'constant') return durationValue(spec.value);
  if (spec.kind !== 'histogram') return distributionText(spec);
  return {
    histogram: spec.bins.map(({ min, max, weight }) => ({
      min: durationValue(min),
      max: durationValue(max),
      weight,
    })),
  };
}

/** `d` writes one value: a duration unless told otherwise (sizes pass a byte formatter). */
export function distributionText(
  spec: DistributionSpec,
  d: (value: number) => string = formatDuration,
): string {
  switch (spec.kind) {
    case 'constant':
      return d(spec.value);
    case 'exponential':
      return `exponential(mean=${d(spec.mean)})`;
    case 'uniform':
      return `uniform(min=${d(spec.min)}, max=${d(spec.max)})`;
    case 'normal':
      return `normal(mean=${d(spec.mean)}, stddev=${d(spec.stddev)})`;
    case 'lognormal':
      return 'median' in spec
        ? `lognormal(median=${d(spec.median)}, p99=${d(spec.p99)})`
        : `lognormal(mean=${d(spec.mean)}, cv=${spec.cv})`;
    case 'gamma':
      return `gamma(shape=${spec.shape}, mean=${d(spec.mean)})`;
    case 'weibull':
    case 'pareto':
      return `${spec.kind}(shape=${spec.shape}, scale=${d(spec.scale)})`;
    case 'empirical':
      return `empirical(${spec.samples.map(d).join(', ')})`;
    case 'mixture': {
      const parts = spec.components.map(
        (c) => `${c.weight} ${distributionText(c.distribution, d)}`,
      );
      return `mixture(${parts.join(', ')})`;
    }
    case 'histogram':
      // The text syntax has no histogram; only a field can hold one, as a mapping.
      throw new Error('a histogram has no text form; print it with distributionValue');
  }
}
