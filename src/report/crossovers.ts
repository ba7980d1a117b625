import type { Statistic } from '../metrics/run-result.js';
import { type AxisKind, autoScale, readAxis } from '../scenario/crossover-axis.js';
import type { Crossovers } from '../scenario/crossover-schema.js';
import { crossoverMetricValues } from './crossover-metrics.js';
import { type ParamValue, type RunRecord, sortByRunId } from './run-record.js';
import { describeSample } from './summary.js';

/**
 * Where each pair of variants' mean curves cross along one numeric grid axis. Between two
 * adjacent grid points the difference of the means (a − b) is taken as linear in the axis
 * (or in its logarithm), so a change of sign there is a crossing at the interpolated point.
 * With replications, the crossing's interval is the stretch of axis around it where the
 * paired 95% interval of a − b, interpolated the same way, includes 0: the loads at which
 * the replications cannot tell which variant is lower. It is pointwise, not a confidence
 * interval of the crossing's position, and it ends open where it reaches the grid's end.
 */

export type CrossingKind = 'crossing' | 'touch' | 'none';

export interface Crossing {
  metric: string;
  /** the other grid paths' values: one set of curves per combination */
  params: Record<string, ParamValue>;
  a: string;
  b: string;
  kind: CrossingKind;
  /** the grid values (as written) the crossing lies between; for none, the compared range */
  from: ParamValue;
  to: ParamValue;
  /** the curves are equal at the grid points from..to, rather than crossing between them */
  atGridPoints: boolean;
  /** where the curves meet, in the axis's unit; null for none */
  at: number | null;
  /** the interval of `at` (see above); null when not computed */
  low: number | null;
  high: number | null;
  /** the interval reaches the first or last grid point, and may extend beyond it */
  lowOpen: boolean;
  highOpen: boolean;
  /** the variant lower just below and just above `at` (for none: throughout); null if equal */
  lowerBelow: string | null;
  lowerAbove: string | null;
  /** fewest replications with a value at a compared point, of either variant */
  n: number;
  /** grid points where both variants have a value, of all the axis's points */
  pointsCompared: number;
  points: number;
}

export interface CrossoverReport {
  axis: string;
  kind: AxisKind;
  scale: 'log' | 'linear';
  /** log: the metrics are compared by their logarithms (their ratio) */
  metricScale: 'log' | 'linear';
  /** the other grid paths, in order of first appearance */
  paramNames: string[];
  metrics: string[];
  crossings: Crossing[];
}

/** One variant's value at one grid point, by replication. */
type Replications = Map<number, Statistic>;

interface Point {
  written: ParamValue;
  x: number;
}

export function crossoverReport(
  spec: Crossovers,
  records: readonly RunRecord[],
): CrossoverReport | undefined {
  const sorted = sortByRunId(records);
  const written = [...new Set(sorted.map((record) => record.params[spec.axis]))].filter(
    (value): value is ParamValue => value !== undefined,
  );
  const axis = readAxis(written, spec.axis);
  if ('problem' in axis || written.length < 2) return undefined;
  const scale = spec.scale === 'auto' ? autoScale(axis) : spec.scale;
  const points: Point[] = written
    .map((value, i) => ({ written: value, x: axis.values[i]! }))
    .sort((p, q) => p.x - q.x);
  const paramNames = [...new Set(sorted.flatMap((record) => Object.keys(record.params)))].filter(
    (name) => name !== spec.axis,
  );
  const values = valuesByRun(sorted, spec, paramNames);
  const variants = [...new Set(sorted.map((record) => record.variant))];
  const crossings: Crossing[] = [];
  for (const metric of spec.metrics) {
    for (const [paramsKey, params] of values.groups) {
      for (let i = 0; i < variants.length; i++) {
        for (let j = i + 1; j < variants.length; j++) {
          const curve = (variant: string) => (written: ParamValue) =>
            values.cells.get(cellKey(variant, paramsKey, written))?.get(metric);
          const pair = { metric, params, a: variants[i]!, b: variants[j]! };
          const scales: Scales = { axis: scale, metric: spec.metricScale };
          crossings.push(...pairCrossings(pair, points, curve(pair.a), curve(pair.b), scales));
        }
      }
    }
  }
  return {
    axis: spec.axis,
    kind: axis.kind,
    scale,
    metricScale: spec.metricScale,
    paramNames,
    metrics: spec.metrics,
    crossings,
  };
}

interface RunValues {
  /** other params' key → their values, in order of first appearance */
  groups: Map<string, Record<string, ParamValue>>;
  /** cellKey → metric → values by replication */
  cells: Map<string, Map<string, Replications>>;
}

function valuesByRun(
  sorted: readonly RunRecord[],
  spec: Crossovers,
  paramNames: readonly string[],
): RunValues {
  const groups = new Map<string, Record<string, ParamValue>>();
  const cells = new Map<string, Map<string, Replications>>();
  for (const record of sorted) {
    const axisValue = record.params[spec.axis];
    if (axisValue === undefined) continue;
    const params: Record<string, ParamValue> = {};
    for (const name of paramNames) {
      const value = record.params[name];
      if (value !== undefined) params[name] = value;
    }
    const paramsKey = JSON.stringify(paramNames.map((name) => params[name] ?? null));
    if (!groups.has(paramsKey)) groups.set(paramsKey, params);
    const key = cellKey(record.variant, paramsKey, axisValue);
    const cell = cells.get(key) ?? new Map<string, Replications>();
    cells.set(key, cell);
    const metrics = crossoverMetricValues(record.result, spec.metrics);
    for (const metric of spec.metrics) {
      const byReplication = cell.get(metric) ?? new Map<number, Statistic>();
      byReplication.set(record.replication, metrics[metric] ?? null);
      cell.set(metric, byReplication);
    }
  }
  return { groups, cells };
}

function cellKey(variant: string, paramsKey: string, axisValue: ParamValue): string {
  return JSON.stringify([variant, paramsKey, axisValue]);
}

/** The difference a − b at one grid point: of the means, with the paired interval. */
interface DifferencePoint extends Point {
  /** along the interpolation scale: x or ln x */
  u: number;
  d: number;
  /** paired 95% half-width; null with fewer than two pairs */
  ci: number | null;
  n: number;
}

/**
 * On a log metric scale the difference is ln a − ln b (the log of their ratio), so that a
 * cost per million falling as 1/load against a flat one crosses where the two really meet;
 * a point where either mean is not above 0 has no logarithm and is left out.
 */
function differenceAt(point: Point, a: Replications, b: Replications, scales: Scales) {
  const meanA = describeSample([...a.values()]);
  const meanB = describeSample([...b.values()]);
  if (meanA.mean === null || meanB.mean === null) return undefined;
  const log = scales.metric === 'log';
  if (log && !(meanA.mean > 0 && meanB.mean > 0)) return undefined;
  const along = (value: number) => (log ? Math.log(value) : value);
  const pairs: number[] = [];
  for (const [replication, valueA] of a) {
    const valueB = b.get(replication) ?? null;
    if (valueA === null || valueB === null) continue;
    if (log && !(valueA > 0 && valueB > 0)) continue;
    pairs.push(along(valueA) - along(valueB));
  }
  const paired = describeSample(pairs);
  return {
    ...point,
    u: scales.axis === 'log' ? Math.log(point.x) : point.x,
    d: along(meanA.mean) - along(meanB.mean),
    ci: paired.ci95,
    n: Math.min(meanA.n, meanB.n),
  } satisfies DifferencePoint;
}

type PairKey = Pick<Crossing, 'metric' | 'params' | 'a' | 'b'>;

interface Scales {
  axis: 'log' | 'linear';
  metric: 'log' | 'linear';
}

function pairCrossings(
  pair: PairKey,
  points: readonly Point[],
  valuesA: (written: ParamValue) => Replications | undefined,
  valuesB: (written: ParamValue) => Replications | undefined,
  scales: Scales,
): Crossing[] {
  const curve: DifferencePoint[] = [];
  for (const point of points) {
    const a = valuesA(point.written);
    const b = valuesB(point.written);
    const difference = a && b ? differenceAt(point, a, b, scales) : undefined;
    if (difference !== undefined) curve.push(difference);
  }
  if (curve.length === 0) return [];
  const common = {
    ...pair,
    n: Math.min(...curve.map((p) => p.n)),
    pointsCompared: curve.length,
    points: points.length,
  };
  const lower = (d: number) => (d < 0 ? pair.a : d > 0 ? pair.b : null);
  const found: Crossing[] = [];
  for (const event of signEvents(curve)) {
    const at = pointAt(curve, event.u, scales.axis);
    const interval = intervalAround(curve, event.u);
    found.push({
      ...common,
      kind: event.kind,
      from: curve[event.from]!.written,
      to: curve[event.to]!.written,
      atGridPoints: event.atGridPoints,
      at,
      low: interval === undefined ? null : pointAt(curve, interval.low, scales.axis),
      high: interval === undefined ? null : pointAt(curve, interval.high, scales.axis),
      lowOpen: interval !== undefined && interval.low === curve[0]!.u,
      highOpen: interval !== undefined && interval.high === curve[curve.length - 1]!.u,
      lowerBelow: lower(event.before),
      lowerAbove: lower(event.after),
    });
  }
  if (!found.some((crossing) => crossing.kind === 'crossing')) {
    const signs = curve.map((p) => Math.sign(p.d)).filter((sign) => sign !== 0);
    const throughout = signs.length > 0 && signs.every((sign) => sign === signs[0]) ? signs[0]! : 0;
    found.push({
      ...common,
      kind: 'none',
      from: curve[0]!.written,
      to: curve[curve.length - 1]!.written,
      atGridPoints: false,
      at: null,
      low: null,
      high: null,
      lowOpen: false,
      highOpen: false,
      lowerBelow: lower(throughout),
      lowerAbove: lower(throughout),
    });
  }
  return found;
}

interface SignEvent {
  kind: 'crossing' | 'touch';
  /** indices into the curve of the grid points around it */
  from: number;
  to: number;
  /** where, along the scale */
  u: number;
  /** the difference is 0 at the points from..to */
  atGridPoints: boolean;
  /** the difference's sign just before and just after (0: none on that side) */
  before: number;
  after: number;
}

/**
 * Changes of sign of the difference, and the points where it is 0 without changing sign (a
 * touch). A run of zeros between two signs is one event, placed at its middle.
 */
function signEvents(curve: readonly DifferencePoint[]): SignEvent[] {
  const events: SignEvent[] = [];
  let i = 0;
  while (i < curve.length) {
    const point = curve[i]!;
    if (point.d === 0) {
      let k = i;
      while (k + 1 < curve.length && curve[k + 1]!.d === 0) k++;
      const before = i > 0 ? Math.sign(curve[i - 1]!.d) : 0;
      const after = k + 1 < curve.length ? Math.sign(curve[k + 1]!.d) : 0;
      const crosses = before !== 0 && after !== 0 && before !== after;
      // Equal at every point: no event, the "none" row says so.
      if (i === 0 && k === curve.length - 1) break;
      const u = (point.u + curve[k]!.u) / 2;
      events.push({
        kind: crosses ? 'crossing' : 'touch',
        from: i,
        to: k,
        u,
        atGridPoints: true,
        before,
        after,
      });
      i = k + 1;
      continue;
    }
    const next = curve[i + 1];
    if (next !== undefined && next.d !== 0 && Math.sign(next.d) !== Math.sign(point.d)) {
      const t = point.d / (point.d - next.d);
      const u = point.u + t * (next.u - point.u);
      const before = Math.sign(point.d);
      events.push({
        kind: 'crossing',
        from: i,
        to: i + 1,
        u,
        atGridPoints: false,
        before,
        after: -before,
      });
    }
    i++;
  }
  return events;
}

/**
 * A point along the scale back in the axis's unit. On a log scale x_i · (x_j / x_i)^t, which
 * keeps a crossing halfway between 1 and 100 at exactly 10.
 */
function pointAt(curve: readonly DifferencePoint[], u: number, scale: 'log' | 'linear'): number {
  const s = segmentOf(curve, u);
  const p = curve[s]!;
  const q = curve[Math.min(s + 1, curve.length - 1)]!;
  if (q.u === p.u) return p.x;
  const t = (u - p.u) / (q.u - p.u);
  if (t === 0) return p.x;
  if (t === 1) return q.x;
  return scale === 'log' ? p.x * (q.x / p.x) ** t : p.x + t * (q.x - p.x);
}

function segmentOf(curve: readonly DifferencePoint[], u: number): number {
  let s = 0;
  while (s + 2 < curve.length && curve[s + 1]!.u <= u) s++;
  return s;
}

/**
 * The connected stretch around u where the paired interval of the difference includes 0,
 * its bounds d ± ci interpolated linearly between grid points; undefined when some point
 * has no interval (one replication).
 */
function intervalAround(
  curve: readonly DifferencePoint[],
  u: number,
): { low: number; high: number } | undefined {
  if (curve.some((p) => p.ci === null)) return undefined;
  if (curve.length === 1) return { low: u, high: u };
  const start = segmentOf(curve, u);
  let low = u;
  for (let s = start; s >= 0; s--) {
    const reach = feasible(curve[s]!, curve[s + 1]!);
    if (reach === undefined) break;
    low = Math.min(low, reach.low);
    if (reach.low > curve[s]!.u) break;
  }
  let high = u;
  for (let s = start; s + 1 < curve.length; s++) {
    const reach = feasible(curve[s]!, curve[s + 1]!);
    if (reach === undefined) break;
    high = Math.max(high, reach.high);
    if (reach.high < curve[s + 1]!.u) break;
  }
  return { low, high };
}

/**
 * Within one segment, where d − ci ≤ 0 ≤ d + ci: each bound is linear there, so each
 * condition holds on one sub-interval, and both on their intersection.
 */
function feasible(
  p: DifferencePoint,
  q: DifferencePoint,
): { low: number; high: number } | undefined {
  const below = atMostZero(p.d - p.ci!, q.d - q.ci!);
  const above = atMostZero(-(p.d + p.ci!), -(q.d + q.ci!));
  if (below === undefined || above === undefined) return undefined;
  const low = Math.max(below[0], above[0]);
  const high = Math.min(below[1], above[1]);
  if (low > high) return undefined;
  return { low: p.u + low * (q.u - p.u), high: p.u + high * (q.u - p.u) };
}

/** The t in [0, 1] where f0 + t (f1 − f0) ≤ 0, as [from, to]. */
function atMostZero(f0: number, f1: number): [number, number] | undefined {
  if (f0 <= 0 && f1 <= 0) return [0, 1];
  if (f0 > 0 && f1 > 0) return undefined;
  const t = f0 / (f0 - f1);
  return f0 <= 0 ? [0, t] : [t, 1];
}
