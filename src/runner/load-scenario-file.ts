import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { parseScenario, type Scenario, ScenarioError } from '../scenario/index.js';

/**
 * The Node side of loading a scenario: read the file, validate it (parseScenario, which
 * also runs in the browser and so reads no files), then read the CSV files that trace
 * workloads name, relative to the scenario file, into `trace.values`.
 *
 * Each trace file's numbers replace its `file` field by `values`.
 * Trace files are read after validation so that a scenario with schema errors reports
 * those first, and so that `trace.file` is known to be a string where it is read. A
 * problem with a trace file is reported as a ScenarioError located at the `file:` field,
 * like every other problem with the scenario.
 */
export function loadScenarioFile(path: string): Scenario {
  const text = readScenarioText(path);
  const scenario = parseScenario(text, path);
  resolveTraceFiles(scenario, text, path);
  return scenario;
}

/** The scenario file itself is missing or unreadable: bad input, not a bug. */
export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

function readScenarioText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioFileError(`cannot read scenario file "${path}": ${reason(error)}`);
  }
}

/** Node's fs errors carry a code; say it in words rather than echoing "ENOENT: ...". */
function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function resolveTraceFiles(scenario: Scenario, text: string, scenarioPath: string): void {
  const issues: ScenarioError['issues'] = [];
  scenario.workload.forEach((workload, index) => {
    if (workload.arrivals !== 'trace' || workload.trace.file === undefined) return;
    const tracePath = resolve(dirname(scenarioPath), workload.trace.file);
    try {
      // The scenario becomes self-contained: it can go to a worker thread or the browser,
      // print, and validate again (the schema allows file or values, not both).
      workload.trace = {
        values: readFirstColumn(tracePath, workload.trace.file),
        format: workload.trace.format,
      };
    } catch (error) {
      if (!(error instanceof TraceFileError)) throw error;
      const fieldPath = ['workload', index, 'trace', 'file'];
      issues.push({
        file: scenarioPath,
        ...positionOf(text, fieldPath),
        path: `workload[${index}].trace.file`,
        message: error.message,
      });
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);
}

class TraceFileError extends Error {}

/**
 * The first column of a CSV file as non-negative numbers. A first line that is not a
 * number is a header and is skipped; blank lines are skipped; any other non-number is an
 * error naming its line, since a silently dropped row would change the replayed load.
 */
function readFirstColumn(path: string, shownAs: string): number[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TraceFileError(`cannot read trace file "${shownAs}" (${path}): ${reason(error)}`);
  }
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const cell = (line.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1');
    if (cell === '') return;
    const value = Number(cell);
    if (Number.isFinite(value) && value >= 0) values.push(value);
    else if (index === 0 && !Number.isFinite(value))
      return; // a header line
    else
      throw new TraceFileError(
        `trace file "${shownAs}" line ${index + 1}: expected a number >= 0 in the first column, got ${JSON.stringify(cell)}`,
      );
  });
  if (values.length === 0) throw new TraceFileError(`trace file "${shownAs}" has no values`);
  return values;
}

/** Where the file writes a field, for a message that points at it (1-based). */
function positionOf(text: string, path: (string | number)[]): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
  return { line, column: col };
}
