import { BASE_VARIANT, type ParamValue } from '../report/run-record.js';
import { formatCount } from './count-text.js';
import {
  formatPath,
  type Locate,
  type PathSegment,
  ScenarioError,
  type ScenarioIssue,
} from './errors.js';
import { DEFAULT_MAX_RUNS } from './limits.js';
import { parseScenarioValue, RESERVED_KEY_MESSAGE } from './load.js';
import { type Scenario, scenarioSchema } from './schema.js';
import { absentValue, knownFields } from './schema-path.js';
import { runSeed } from './seeds.js';
import { suggestFor } from './suggest.js';
import type { GridValue, Sweep } from './sweep-schema.js';

/**
 * Sweep expansion: a scenario document with a `sweep:` section becomes the list of runs to
 * do. Pure (no I/O, no clock), so every machine and every shard expands a sweep the same way.
 *
 * Run ids count variant-major, then grid points in row-major order (the first grid path
 * changes slowest), then replications: with variants a, b, grid rate [1, 2] and 2
 * replications, ids 0-3 are a@rate=1 r0, a@1 r1, a@2 r0, a@2 r1, and 4-7 the same for b.
 */

/** One run of a sweep: where it sits in the sweep, its seed, and the scenario it runs. */
export interface RunSpec {
  runId: number;
  /** the variant's name, or "base" without variants */
  variant: string;
  /** the grid point, path → value as written ({"workload.shoppers.rate": "400/s"}) */
  params: Record<string, ParamValue>;
  /** 0-based */
  replication: number;
  seed: number;
  /** every override applied, the variant's then the grid point's: path → value as written */
  overrides: Record<string, unknown>;
  /** the overridden, validated scenario; one object shared by the point's replications */
  scenario: Scenario;
}

export interface ExpandOptions {
  /** for messages */
  fileName: string;
  /** where the document writes a path, for messages; see locate.ts */
  locate?: Locate;
  /** replaces sweep.replications (the CLI's --replications) */
  replications?: number;
  /** replaces the base seed (the CLI's --seed) */
  seed?: number;
  /** most runs the sweep may have (the CLI's --max-runs); default DEFAULT_MAX_RUNS */
  maxRuns?: number;
}

/** Expands the document's sweep; a document without one is a sweep of one variant, "base". */
export function expandSweep(document: unknown, options: ExpandOptions): RunSpec[] {
  const locate = options.locate ?? (() => ({ line: 1, column: 1 }));
  const base = parseScenarioValue(document, options.fileName, locate);
  const sweep: Sweep = base.sweep ?? { replications: 1 };
  const replications = options.replications ?? sweep.replications;
  const baseSeed = options.seed ?? sweep.seed ?? base.seed;
  const variants = Object.entries(sweep.variants ?? { [BASE_VARIANT]: {} });
  checkRunCount(sweep, replications, options, locate);
  const points = gridPoints(sweep.grid ?? {});

  const specs: RunSpec[] = [];
  const problems = new OverrideProblems();
  for (const [variant, variantOverrides] of variants) {
    for (const point of points) {
      const overrides = [
        ...Object.entries(variantOverrides).map(([path, value]) => ({
          path,
          value,
          source: ['sweep', 'variants', variant, path],
        })),
        ...Object.entries(point).map(([path, value]) => ({
          path,
          value,
          source: ['sweep', 'grid', path],
        })),
      ];
      const context = describePoint(sweep.variants === undefined ? undefined : variant, point);
      const scenario = problems.collect(() =>
        overriddenScenario(document, overrides, context, options.fileName, locate),
      );
      if (scenario === undefined) continue;
      for (let replication = 0; replication < replications; replication++) {
        specs.push({
          runId: specs.length,
          variant,
          params: paramsOf(point),
          replication,
          seed: runSeed(baseSeed, replication),
          overrides: Object.fromEntries(overrides.map((o) => [o.path, o.value])),
          scenario,
        });
      }
    }
  }
  problems.throwIfAny();
  return specs;
}

/**
 * The mistakes of every variant and grid point, reported together as the file's own are.
 * One line per place in the file: a bad grid value fails with every variant, and saying so
 * once per variant would bury the others.
 */
class OverrideProblems {
  private readonly issues = new Map<string, ScenarioIssue>();

  collect<T>(expand: () => T): T | undefined {
    try {
      return expand();
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const issue of error.issues) {
        const place = `${issue.line}:${issue.column}:${issue.path}`;
        if (!this.issues.has(place)) this.issues.set(place, issue);
      }
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.issues.size > 0) throw new ScenarioError([...this.issues.values()]);
  }
}

type GridPoint = Record<string, GridValue>;

/**
 * Refuses a sweep of more runs than the limit before one run is expanded: the count is a
 * product (variants × grid points × replications), so a grid of 8 fields × 10 values is
 * 10^8 runs, and building their list would exhaust memory before anything could be said.
 * The message points at the largest factor.
 */
function checkRunCount(
  sweep: Sweep,
  replications: number,
  options: ExpandOptions,
  locate: Locate,
): void {
  const limit = options.maxRuns ?? DEFAULT_MAX_RUNS;
  const variants = Object.keys(sweep.variants ?? {}).length || 1;
  const points = Object.values(sweep.grid ?? {}).reduce((n, values) => n * values.length, 1);
  const runs = variants * points * replications;
  if (runs <= limit) return;
  const fromFlag = options.replications !== undefined;
  const factors: [number, PathSegment[]][] = [
    [replications, fromFlag ? ['sweep'] : ['sweep', 'replications']],
    [points, ['sweep', 'grid']],
    [variants, ['sweep', 'variants']],
  ];
  const path = factors.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
  const count = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
  const message =
    `${formatCount(runs)} runs (${count(variants, 'variant')} × ${count(points, 'grid point')} × ` +
    `${count(replications, 'replication')}${fromFlag ? ' from --replications' : ''}), more than the ` +
    `limit of ${formatCount(limit)} runs per sweep; use fewer replications, variants or grid values, ` +
    `or raise the limit with --max-runs ${runs}`;
  throw new ScenarioError([
    { file: options.fileName, ...locate(path), path: formatPath(path), message },
  ]);
}

/** Every combination of the grid's values, the first path changing slowest. */
export function gridPoints(grid: Record<string, readonly GridValue[]>): GridPoint[] {
  let points: GridPoint[] = [{}];
  for (const [path, values] of Object.entries(grid)) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [path]: value })));
  }
  return points;
}

/** Booleans are written as text so that every param cell is a string or a number. */
function paramsOf(point: GridPoint): Record<string, ParamValue> {
  return Object.fromEntries(
    Object.entries(point).map(([path, value]) => [
      path,
      typeof value === 'boolean' ? String(value) : value,
    ]),
  );
}

function describePoint(variant: string | undefined, point: GridPoint): string {
  const parts = [
    ...(variant === undefined ? [] : [`variant "${variant}"`]),
    ...Object.entries(point).map(([path, value]) => `${path}=${String(value)}`),
  ];
  return parts.join(', ');
}

interface Override {
  path: string;
  value: unknown;
  /** where the sweep section writes it, for messages */
  source: PathSegment[];
}

/**
 * Applies the overrides to a copy of the document and validates the result with the
 * loader, so an override gets every check the file itself gets. Problems are reported at
 * the override that caused them, in the sweep section, and name the variant or grid point.
 */
function overriddenScenario(
  document: unknown,
  overrides: readonly Override[],
  context: string,
  fileName: string,
  locate: Locate,
): Scenario {
  const copy = structuredClone(document);
  // `added`: the outermost mapping the override adds on its way to the target, if any.
  const targets: { override: Override; target: string; added: string | undefined }[] = [];
  const pathIssues: ScenarioIssue[] = [];
  for (const override of overrides) {
    const resolved = resolvePath(copy, override.path);
    if (typeof resolved === 'string') {
      pathIssues.push(issueAt(override, resolved, fileName, locate));
      continue;
    }
    const target = formatPath(resolved);
    const earlier = targets.find((t) => t.target === target);
    if (earlier !== undefined) {
      // A variant and the grid setting one field: one of the two values would be ignored.
      const message = `"${override.path}" sets ${target}, which "${earlier.override.path}" in ${formatPath(earlier.override.source.slice(0, -1))} also sets; sweep one field in one place`;
      pathIssues.push(issueAt(override, message, fileName, locate));
      continue;
    }
    const added = addedPart(copy, resolved);
    setAt(copy, resolved, structuredClone(override.value));
    targets.push({ override, target, added: added && formatPath(added) });
  }
  if (pathIssues.length > 0) throw new ScenarioError(pathIssues);
  try {
    return parseScenarioValue(copy, fileName, locate);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ScenarioError(
      error.issues.map((issue) => {
        // A problem inside a field the override set, or inside a mapping it added; else
        // one about a mapping that holds what the override set (weights that no longer
        // add up once one of them is changed).
        const cause =
          targets.find(
            ({ target, added }) =>
              isWithin(issue.path, target) || (added !== undefined && isWithin(issue.path, added)),
          ) ?? targets.find(({ target }) => isWithin(target, issue.path));
        const message = `${context === '' ? '' : `with ${context}: `}${issue.path}: ${issue.message}`;
        if (cause !== undefined) return issueAt(cause.override, message, fileName, locate);
        return context === '' ? issue : { ...issue, message: `with ${context}: ${issue.message}` };
      }),
    );
  }
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

function issueAt(
  override: Override,
  message: string,
  fileName: string,
  locate: Locate,
): ScenarioIssue {
  const position = locate(override.source, 'key');
  return { file: fileName, ...position, path: formatPath(override.source), message };
}

// ── paths ──────────────────────────────────────────────────────────────────────────────

/**
 * Resolves an override path in the raw document to the segments of its target, or returns
 * what is wrong. A step may be a field the document leaves out if the schema has it: the
 * last one is then checked by the schema like any other field, and one on the way stands
 * for what the schema puts there (`cluster.network.sameZone` with no `network:` goes
 * through `network: {}`; `cluster.nodePools.general.count` through the default pool list).
 * Services, endpoints and list items must be written. List items are found by `name` or
 * index. Keys that contain dots (`frontend.GET /product`) match whole, longest first, so
 * they need no quoting.
 */
export function resolvePath(document: unknown, path: string): PathSegment[] | string {
  const segments: PathSegment[] = [];
  let node = document;
  let rest = path;
  while (rest !== '') {
    const step = nextStep(node, rest, segments);
    if (typeof step === 'string') {
      const where = segments.length === 0 ? 'the scenario' : formatPath(segments);
      return `"${path}": ${where} ${step}`;
    }
    // Setting it would replace the object's prototype: the value would vanish silently.
    if (step.segment === '__proto__') return `"${path}": ${RESERVED_KEY_MESSAGE}`;
    segments.push(step.segment);
    rest = step.rest;
    node = childAt(node, step.segment) ?? absentValue(scenarioSchema, segments);
    if (node === undefined && rest !== '') {
      return `"${path}": ${formatPath(segments)} is not written in the scenario, so it has no "${rest}"`;
    }
  }
  return segments;
}

interface Step {
  segment: PathSegment;
  rest: string;
}

function nextStep(node: unknown, rest: string, segments: readonly PathSegment[]): Step | string {
  if (node === null || typeof node !== 'object')
    return `is a value (${String(node)}), not a mapping or list`;
  const bracket = bracketStep(node, rest);
  if (bracket !== undefined) return bracket;
  const names = childNames(node);
  const name = longestPrefix(names, rest);
  if (name !== undefined)
    return { segment: segmentFor(node, name), rest: after(rest, name.length) };
  const token = rest.split(/[.[]/)[0] ?? rest;
  const isLast = token.length === rest.length;
  if (isLast && !Array.isArray(node)) return { segment: token, rest: '' };
  if (Array.isArray(node)) return `no item named "${token}"${suggestFor(token, names, 'it has')}`;
  const fields = knownFields(scenarioSchema, segments);
  if (fields.includes(token)) {
    if (absentValue(scenarioSchema, [...segments, token]) !== undefined)
      return { segment: token, rest: after(rest, token.length) };
    return `has no "${token}" written, and nothing to set in it by default: write it in the scenario`;
  }
  return `has no "${token}"${suggestFor(token, [...new Set([...names, ...fields])], 'it has')}`;
}

/** `[0]` or `["GET /"]`: an explicit index or key. */
function bracketStep(node: object, rest: string): Step | string | undefined {
  const match = /^\[(\d+|"(?:[^"\\]|\\.)*")\]/.exec(rest);
  if (match === null) return undefined;
  const inner = match[1]!;
  const segment: PathSegment = inner.startsWith('"')
    ? (JSON.parse(inner) as string)
    : Number(inner);
  if (
    Array.isArray(node)
      ? typeof segment !== 'number' || segment >= node.length
      : typeof segment !== 'string'
  ) {
    return `has no ${match[0]}`;
  }
  return { segment, rest: after(rest, match[0].length) };
}

/** Skips a consumed step and the dot after it. */
function after(rest: string, consumed: number): string {
  const remaining = rest.slice(consumed);
  return remaining.startsWith('.') ? remaining.slice(1) : remaining;
}

function childNames(node: object): string[] {
  if (!Array.isArray(node)) return Object.keys(node);
  return node.map((item, index) => {
    const name = (item as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : String(index);
  });
}

function longestPrefix(names: readonly string[], rest: string): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    const matches = rest === name || rest.startsWith(`${name}.`) || rest.startsWith(`${name}[`);
    if (matches && (best === undefined || name.length > best.length)) best = name;
  }
  return best;
}

function segmentFor(node: object, name: string): PathSegment {
  return Array.isArray(node) ? childNames(node).indexOf(name) : name;
}

function childAt(node: unknown, segment: PathSegment): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return (node as Record<PathSegment, unknown>)[segment];
}

/** The path of the first mapping on the way to the target that the document does not have. */
function addedPart(document: unknown, segments: readonly PathSegment[]): PathSegment[] | undefined {
  let node = document;
  for (let index = 0; index < segments.length - 1; index++) {
    node = childAt(node, segments[index]!);
    if (node === undefined) return segments.slice(0, index + 1);
  }
  return undefined;
}

/** Sets the value, writing what the schema would read for each absent field on the way. */
function setAt(document: unknown, segments: readonly PathSegment[], value: unknown): void {
  let node = document as Record<PathSegment, unknown>;
  segments.slice(0, -1).forEach((segment, index) => {
    node[segment] ??= absentValue(scenarioSchema, segments.slice(0, index + 1));
    node = node[segment] as Record<PathSegment, unknown>;
  });
  node[segments.at(-1)!] = value;
}
