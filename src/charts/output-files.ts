// The files of an output folder as the charts read them: text by file name, CSV parsed by
// d3-dsv into rows of strings. Node-free: the report's script could read the same in a page.
import { csvParse, type DSVRowArray } from 'd3';
import { parseDuration, UnitError } from '../scenario/units.js';

/** An output folder's files by name (runs.csv, summary.csv, ...), as text. */
export type OutputFiles = ReadonlyMap<string, string>;

export type Row = Readonly<Record<string, string | undefined>>;

export interface Table {
  columns: readonly string[];
  rows: readonly Row[];
}

const cache = new WeakMap<OutputFiles, Map<string, Table>>();

/** The rows of a CSV file, or undefined when the folder has no such file or it has no rows. */
export function table(files: OutputFiles, name: string): Table | undefined {
  let tables = cache.get(files);
  if (tables === undefined) {
    tables = new Map();
    cache.set(files, tables);
  }
  const known = tables.get(name);
  if (known !== undefined) return known.rows.length > 0 ? known : undefined;
  const text = files.get(name);
  if (text === undefined) return undefined;
  const parsed: DSVRowArray<string> = csvParse(text);
  const read = { columns: parsed.columns, rows: [...parsed] };
  tables.set(name, read);
  return read.rows.length > 0 ? read : undefined;
}

/**
 * A cell as a number; an empty cell (a statistic with no samples) is undefined, never 0.
 * `NaN` and `Inf` are spelled out in msasim's files.
 */
export function numberOf(cell: string | undefined): number | undefined {
  if (cell === undefined || cell === '') return undefined;
  if (cell === 'Inf') return Number.POSITIVE_INFINITY;
  if (cell === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(cell);
  return Number.isNaN(value) ? undefined : value;
}

/** The swept grid paths: the columns between `variant` and `replication` (runs.csv) or `replications` (summary.csv). */
export function gridColumns(columns: readonly string[]): string[] {
  const start = columns.indexOf('variant');
  const end = columns.findIndex((c) => c === 'replication' || c === 'replications');
  return start >= 0 && end > start ? columns.slice(start + 1, end) : [];
}

/** A variant and grid point as a person reads it: `k8s, workload.users.rate=10/s`. */
export function pointLabel(row: Row, grid: readonly string[]): string {
  const params = grid.map((path) => `${lastPart(path)}=${row[path] ?? ''}`);
  return [row.variant ?? '', ...params].join(', ');
}

function lastPart(path: string): string {
  const parts = path.split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : path;
}

/**
 * A swept value as a number and its unit, as the scenario wrote it: `400/s` is 400 per
 * second, `512` is 512, `2.5s` is 2.5 s. The unit labels the axis.
 */
export function sweptValue(text: string | undefined): { value: number; unit: string } | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(.*?)\s*$/i.exec(text);
  if (match === null) return undefined;
  return { value: Number(match[1]), unit: match[2] ?? '' };
}

/**
 * The swept values of one axis as numbers, and the axis's unit. Values written in one unit
 * are read as written (400/s is 400 on a "/s" axis). Durations written in several units or
 * in several parts (30s, 1m30s, 2m) are all read in seconds, so that each point sits where
 * it belongs rather than at the number before its first unit.
 */
export function sweptAxis(texts: readonly (string | undefined)[]): {
  unit: string;
  xOf: (text: string | undefined) => number | undefined;
} {
  const written = texts.flatMap((text) => {
    const swept = sweptValue(text);
    return swept === undefined ? [] : [swept];
  });
  const units = new Set(written.map((swept) => swept.unit));
  const oneUnit = units.size <= 1 && !/\d/.test(written[0]?.unit ?? '');
  const seconds = oneUnit ? undefined : durationsInSeconds(texts);
  if (seconds !== undefined) return { unit: 's', xOf: (text) => seconds.get(text ?? '') };
  return { unit: written.at(-1)?.unit ?? '', xOf: (text) => sweptValue(text)?.value };
}

/** Each text as a duration in seconds, or undefined unless every one is a duration. */
function durationsInSeconds(
  texts: readonly (string | undefined)[],
): Map<string, number> | undefined {
  const seconds = new Map<string, number>();
  for (const text of texts) {
    if (text === undefined) continue;
    try {
      seconds.set(text, parseDuration(text) / 1000);
    } catch (error) {
      if (error instanceof UnitError) return undefined;
      throw error;
    }
  }
  return seconds;
}

/** The axis label of a swept path: `workload.users.rate (/s)`. */
export function sweptAxisLabel(path: string, unit: string): string {
  return unit === '' ? path : `${path} (${unit})`;
}

/**
 * The runs to draw a time series of: replication 0 of each variant and grid point, at most
 * `limit`; with `firstPointOnly`, of each variant at the grid's first point only (the
 * variants side by side at one load).
 */
export function firstReplicationRuns(
  runs: Table,
  limit: number,
  firstPointOnly = false,
): { runId: string; label: string }[] {
  const grid = gridColumns(runs.columns);
  return atFirstGridPoint(runs, firstPointOnly)
    .filter((r) => r.replication === '0')
    .slice(0, limit)
    .map((r) => ({ runId: r.run_id ?? '', label: pointLabel(r, firstPointOnly ? [] : grid) }));
}

/** The rows at the grid point of the first row (all rows when `only` is false or there is no grid). */
export function atFirstGridPoint(rows: Table, only = true): readonly Row[] {
  const grid = gridColumns(rows.columns);
  const first = rows.rows[0];
  if (!only || first === undefined) return rows.rows;
  return rows.rows.filter((r) => grid.every((path) => r[path] === first[path]));
}

/** "at rate=300/s" for the grid point of the first row, or '' without a grid. */
export function firstGridPointText(rows: Table): string {
  const grid = gridColumns(rows.columns);
  const first = rows.rows[0];
  if (grid.length === 0 || first === undefined) return '';
  return ` at ${grid.map((path) => `${lastPart(path)}=${first[path] ?? ''}`).join(', ')}`;
}

/** Rows grouped by a key, groups in order of first appearance. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
