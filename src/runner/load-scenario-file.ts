import { closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { documentLocator, parseScenario, type Scenario, ScenarioError } from '../scenario/index.js';
import { YAML_OPTIONS } from '../scenario/load.js';
import { FILE_LIMITS, type FileLimits, megabytes, raiseSizeWith } from './file-limits.js';
import { InputFileError, openRegularFile, readAtMost } from './input-file.js';
import {
  encodingMessage,
  firstNonUtf8Line,
  foreignEncoding,
  utf8BomLength,
} from './text-encoding.js';
import { readTraceColumn } from './trace-file.js';

/**
 * The Node side of loading a scenario: read the file (a regular file, in UTF-8, within
 * the size limits of file-limits.ts), validate it (parseScenario, which also runs in the
 * browser and so reads no files), then read the CSV files that trace workloads name,
 * relative to the scenario file, into `trace.values` (see trace-file.ts).
 *
 * Each trace file's numbers replace its `file` field by `values`.
 * Trace files are read after validation so that a scenario with schema errors reports
 * those first, and so that `trace.file` is known to be a string where it is read. A
 * problem with a trace file is reported as a ScenarioError located at the `file:` field,
 * like every other problem with the scenario.
 */
export function loadScenarioFile(path: string, limits: FileLimits = FILE_LIMITS): Scenario {
  const text = readScenarioText(path, limits.scenarioBytes);
  const scenario = parseScenario(text, path);
  resolveTraceFiles(scenario, text, path, limits.traceBytes);
  return scenario;
}

/** The scenario file itself is missing or unreadable: bad input, not a bug. */
export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

/**
 * The scenario file's text, once it is known to be a regular file no larger than
 * `limitBytes`, in UTF-8 (a byte order mark is dropped).
 */
export function readScenarioText(path: string, limitBytes = FILE_LIMITS.scenarioBytes): string {
  const what = `scenario file "${path}"`;
  try {
    const fd = openRegularFile(path, what);
    let bytes: Buffer;
    try {
      bytes = readAtMost(fd, limitBytes, (size, sizeBytes) =>
        scenarioTooLarge(what, size, limitBytes, sizeBytes),
      );
    } finally {
      closeSync(fd);
    }
    return utf8Text(bytes, what);
  } catch (error) {
    if (error instanceof InputFileError) throw new ScenarioFileError(error.message);
    throw error;
  }
}

function scenarioTooLarge(
  what: string,
  size: string,
  limitBytes: number,
  sizeBytes: number | undefined,
): string {
  return `${what} holds ${size}; a scenario file may hold at most ${megabytes(limitBytes)}: put bulk data such as recorded arrivals in a trace file (trace: { file: arrivals.csv, format: timestamps }), which msasim reads as a stream${raiseSizeWith('--max-scenario-size', sizeBytes)}`;
}

function utf8Text(bytes: Buffer, what: string): string {
  const seen = foreignEncoding(bytes) ?? firstNonUtf8Line(bytes);
  if (seen !== undefined) throw new InputFileError(encodingMessage(what, seen));
  return bytes.toString('utf8', utf8BomLength(bytes));
}

function resolveTraceFiles(
  scenario: Scenario,
  text: string,
  scenarioPath: string,
  limitBytes: number,
): void {
  const issues: ScenarioError['issues'] = [];
  scenario.workload.forEach((workload, index) => {
    if (workload.arrivals !== 'trace' || workload.trace.file === undefined) return;
    const tracePath = resolve(dirname(scenarioPath), workload.trace.file);
    try {
      // The scenario becomes self-contained: it can go to a worker thread or the browser,
      // print, and validate again (the schema allows file or values, not both).
      workload.trace = {
        values: readTraceColumn(tracePath, `trace file "${workload.trace.file}"`, limitBytes),
        format: workload.trace.format,
      };
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
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

/** Where the file writes a field, for a message that points at it (1-based). */
function positionOf(text: string, path: (string | number)[]): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  return documentLocator(document, lineCounter)(path);
}
