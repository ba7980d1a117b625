// Checks the files the charts read back from an output folder before any chart sees them.
// The charts read leniently (a cell that is not a number is "no value"), so a truncated or
// edited file would otherwise give a report with charts quietly missing or wrong. Each
// problem is one line naming the file, the line and column, and what msasim writes there.
import { type CsvRow, csvCells } from './csv-cells.js';

/** How msasim writes one of the CSV files the charts read. */
interface CsvShape {
  /** the first columns, in this order */
  readonly leading: readonly string[];
  /** the column after the swept grid paths (which come right after `leading`) */
  readonly afterGrid: string;
  /** the columns after the grid whose cells are text; every other one holds numbers */
  readonly text: readonly string[];
  /** leading columns that hold numbers */
  readonly numericLeading?: readonly string[];
}

const PER_RUN = {
  leading: ['run_id', 'variant'],
  afterGrid: 'replication',
  numericLeading: ['run_id'],
};

const CSV_SHAPES: Readonly<Record<string, CsvShape>> = {
  'runs.csv': { ...PER_RUN, text: [] },
  'summary.csv': { leading: ['variant'], afterGrid: 'replications', text: ['baseline'] },
  'services.csv': { ...PER_RUN, text: ['service', 'kind'] },
  'edges.csv': { ...PER_RUN, text: ['from', 'to'] },
  'cost.csv': { ...PER_RUN, text: ['ledger', 'item', 'subject', 'unit'] },
  'timeseries.csv': { ...PER_RUN, text: ['scope'] },
  'timeseries_pods.csv': { ...PER_RUN, text: ['scope', 'version', 'phase'] },
  'faults.csv': { ...PER_RUN, text: ['kind', 'target'] },
  'rollouts.csv': {
    ...PER_RUN,
    text: [
      'service',
      'from_version',
      'to_version',
      'strategy',
      'outcome',
      // An Argo analysis that ended the rollout: its metric's name, last value with its unit
      // ("12.5%") and Argo's reason.
      'failed_metric',
      'failed_metric_last_value',
      'failed_metric_reason',
    ],
  },
  'function_metrics.csv': { ...PER_RUN, text: ['function'] },
  'crossovers.csv': {
    leading: ['metric', 'axis', 'axis_unit', 'scale', 'metric_scale'],
    afterGrid: 'variant_a',
    text: [
      'variant_a',
      'variant_b',
      'kind',
      'from',
      'to',
      'interval',
      'lower_below',
      'lower_above',
    ],
  },
};

/** A number as msasim writes one (String(n), or NaN, Inf, -Inf); empty is "no value". */
const NUMBER_CELL = /^(-?(\d+(\.\d+)?(e[+-]?\d+)?|Inf)|NaN|)$/;

/** lambda_report.log: `run <id>\t<seconds>\t<function>\tREPORT ...` per line. */
const REPORT_LINE = /^run \d+\t\d+(\.\d+)?(e[+-]?\d+)?\t[^\t]+\tREPORT /;

/**
 * What is wrong with one file the charts read, to follow its path ("line 4, column 12
 * (latency_p99_ms): expected a number ..."), or undefined when it is as msasim writes it.
 */
export function chartFileProblem(name: string, text: string): string | undefined {
  if (name === 'lambda_report.log') return reportLogProblem(text);
  const shape = CSV_SHAPES[name];
  if (shape === undefined) return undefined;
  if (text === '') return `is empty: msasim writes at least its header line`;
  const parsed = csvCells(text);
  if ('problem' in parsed) return parsed.problem;
  const [header, ...rows] = parsed.rows;
  const headerProblem = headerShapeProblem(shape, header!.cells);
  if (headerProblem !== undefined) return `line 1${headerProblem}`;
  const numeric = numericColumns(shape, header!.cells);
  for (const row of rows) {
    const problem = rowProblem(row, header!.cells, numeric);
    if (problem !== undefined) return `line ${row.line}${problem}`;
  }
  return undefined;
}

function headerShapeProblem(shape: CsvShape, header: readonly string[]): string | undefined {
  for (const [index, column] of shape.leading.entries()) {
    if (header[index] !== column) {
      return `, column ${index + 1}: expected the column ${column} (the header msasim writes starts ${shape.leading.join(',')}), got ${quote(header[index])}`;
    }
  }
  if (!header.includes(shape.afterGrid)) {
    return `: expected a column ${shape.afterGrid} (after the swept parameters), found none (damaged header?)`;
  }
  return undefined;
}

/** Column indexes whose cells must be numbers. */
function numericColumns(shape: CsvShape, header: readonly string[]): number[] {
  const gridEnd = header.indexOf(shape.afterGrid);
  const numeric: number[] = [];
  for (const [index, column] of header.entries()) {
    const afterGrid = index >= gridEnd && !shape.text.includes(column);
    if (afterGrid || shape.numericLeading?.includes(column)) numeric.push(index);
  }
  return numeric;
}

/** ", column C (name): ..." or ": ..." for the row, or undefined when it is sound. */
function rowProblem(
  row: CsvRow,
  header: readonly string[],
  numeric: readonly number[],
): string | undefined {
  if (row.cells.length !== header.length) {
    return `: ${row.cells.length} cells, expected ${header.length} as in the header (a damaged or cut line?)`;
  }
  for (const index of numeric) {
    const cell = row.cells[index]!;
    if (!NUMBER_CELL.test(cell)) {
      return `, column ${index + 1} (${header[index]}): expected a number (or NaN, Inf, -Inf, or empty for no value), got ${quote(cell)}`;
    }
  }
  return undefined;
}

function reportLogProblem(text: string): string | undefined {
  const lines = text.split('\n');
  if (text !== '' && lines.at(-1) !== '') {
    return `line ${lines.length}: the file ends in the middle of a line (truncated?): msasim ends every line with a newline`;
  }
  for (const [index, line] of lines.slice(0, -1).entries()) {
    if (!REPORT_LINE.test(line)) {
      return `line ${index + 1}: expected "run <id><TAB><seconds><TAB><function><TAB>REPORT ...", got ${quote(line)}`;
    }
  }
  return undefined;
}

function quote(text: string | undefined): string {
  if (text === undefined) return 'nothing';
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

// ── the runs of a sweep folder, across its files ───────────────────────────────────────
// A file cut at a line boundary (`head -n 3 runs.csv`) still passes the checks above, line
// by line: what is missing is whole rows. The sweep folder knows its runs (the run files
// in runs/, which a shard's folder or a sweep with failed runs holds only some of), so
// runs.csv must hold exactly those, and every per-run table only those.

/** The runs a sweep folder holds: ids, and where they were learnt, for the message. */
export interface FolderRuns {
  /** run ids, ascending */
  readonly ids: readonly number[];
  /** "runs/ holds 5 run files" */
  readonly source: string;
}

/**
 * Per-run tables in which every run has rows (every run has windows and services);
 * not timeseries_pods.csv: a scenario of functions alone has no pods.
 */
const EVERY_RUN_HAS_ROWS: readonly string[] = ['services.csv', 'timeseries.csv'];

/**
 * The first file (by name) whose runs disagree with the folder's, and what is wrong, or
 * undefined. `files` are the files read, each already passing chartFileProblem.
 */
export function folderRunsProblem(
  files: ReadonlyMap<string, string>,
  runs: FolderRuns,
): { name: string; problem: string } | undefined {
  const runsCsv = files.get('runs.csv');
  if (runsCsv === undefined) return undefined;
  const listed = runIdsOf(runsCsv);
  const problem = runsCsvProblem(listed, runs);
  if (problem !== undefined) return { name: 'runs.csv', problem };
  for (const [name, text] of files) {
    if (name === 'runs.csv' || CSV_SHAPES[name]?.leading[0] !== 'run_id') continue;
    const tableProblem =
      perRunTableProblem(name, text, listed) ?? replicationRowsProblem(name, text, runsCsv);
    if (tableProblem !== undefined) return { name, problem: tableProblem };
  }
  return undefined;
}

/** Tables whose rows of a run come from its topology: the same for every replication. */
const ROWS_FROM_TOPOLOGY: readonly string[] = ['services.csv', 'edges.csv'];

/**
 * Replications of one variant at one grid point run the same topology, so they have as
 * many services and edges: a run with fewer rows than its replications lost some (a cut
 * in the middle of the last run's rows, which no line shows).
 */
function replicationRowsProblem(name: string, text: string, runsCsv: string): string | undefined {
  if (!ROWS_FROM_TOPOLOGY.includes(name)) return undefined;
  const rowsOf = new Map<number, number>();
  for (const id of runIdsOf(text)) rowsOf.set(id, (rowsOf.get(id) ?? 0) + 1);
  const seen = new Map<string, { run: number; rows: number }>();
  for (const [run, point] of pointsOf(runsCsv)) {
    const rows = rowsOf.get(run) ?? 0;
    const first = seen.get(point);
    if (first === undefined) seen.set(point, { run, rows });
    else if (first.rows !== rows) {
      const [few, many] = rows < first.rows ? [{ run, rows }, first] : [first, { run, rows }];
      return `has ${plural(few.rows, 'row')} of run ${few.run} and ${many.rows} of run ${many.run}, a replication of the same variant and parameters: the file is cut short or edited (replications have the same ${name === 'edges.csv' ? 'edges' : 'services'})`;
    }
  }
  return undefined;
}

/** Each run of runs.csv with its variant and grid point (the cells before replication). */
function pointsOf(runsCsv: string): [number, string][] {
  const parsed = csvCells(runsCsv);
  if ('problem' in parsed) return [];
  const [header, ...rows] = parsed.rows;
  const end = header!.cells.indexOf('replication');
  return rows.map((row) => [Number(row.cells[0]), JSON.stringify(row.cells.slice(1, end))]);
}

function runsCsvProblem(listed: readonly number[], runs: FolderRuns): string | undefined {
  const cut = 'the file is cut short or from another sweep';
  if (listed.length !== runs.ids.length) {
    return `has ${plural(listed.length, 'run')}; ${runs.source}: ${cut}`;
  }
  const stray = listed.find((id, index) => id !== runs.ids[index]);
  if (stray !== undefined) {
    return `has run ${stray}, which ${runs.source} does not have (or not in this order): ${cut}`;
  }
  return undefined;
}

/** Rows only of runs in runs.csv, in its order; a row for each run where every run has one. */
function perRunTableProblem(
  name: string,
  text: string,
  listed: readonly number[],
): string | undefined {
  const ids = runIdsOf(text);
  const known = new Set(listed);
  const stray = ids.find((id) => !known.has(id));
  if (stray !== undefined) {
    return `has rows of run ${stray}, which runs.csv does not list: the file is from another sweep`;
  }
  if (ids.some((id, index) => index > 0 && id < ids[index - 1]!)) {
    return 'has its rows out of run order (msasim writes them by run_id): the file was edited';
  }
  if (EVERY_RUN_HAS_ROWS.includes(name)) {
    const present = new Set(ids);
    const missing = listed.filter((id) => !present.has(id));
    if (missing.length > 0) {
      return `has no rows of ${plural(missing.length, 'run')} that runs.csv lists (${shownIds(missing)}): the file is cut short or from another sweep`;
    }
  }
  if (name === 'timeseries.csv') return windowsProblem(text);
  return undefined;
}

/**
 * timeseries.csv has a row for every window and scope of a run: a run whose scopes have
 * different numbers of windows lost some rows (a cut in the middle of its rows).
 */
function windowsProblem(text: string): string | undefined {
  const parsed = csvCells(text);
  if ('problem' in parsed) return undefined;
  const [header, ...rows] = parsed.rows;
  const scopeColumn = header!.cells.indexOf('scope');
  if (scopeColumn < 0) return undefined;
  const windows = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const run = row.cells[0]!;
    const scopes = windows.get(run) ?? new Map<string, number>();
    const scope = row.cells[scopeColumn]!;
    scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
    windows.set(run, scopes);
  }
  for (const [run, scopes] of windows) {
    const counts = [...scopes.values()];
    if (counts.some((count) => count !== counts[0])) {
      const few = [...scopes].reduce((a, b) => (b[1] < a[1] ? b : a));
      const many = Math.max(...counts);
      return `has ${plural(few[1], 'window')} of run ${run} for scope ${quote(few[0])} and ${many} for another: the file is cut short (msasim writes every window for every scope)`;
    }
  }
  return undefined;
}

/** The run_id of each row (the first column), as numbers. */
function runIdsOf(text: string): number[] {
  const parsed = csvCells(text);
  if ('problem' in parsed) return [];
  return parsed.rows.slice(1).map((row) => Number(row.cells[0]));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function shownIds(ids: readonly number[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')}, ...` : ids.join(', ');
}
