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
