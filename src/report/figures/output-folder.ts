// Reads what the charts need from an output folder: a sweep's (`msasim sweep --out`, or
// merge) or one run's (`msasim run --out`). Only the files a chart reads are opened (and a
// run's result.json), never a sweep's results.json (it can be hundreds of MB) nor anything
// else in the folder. Each is checked as it is read: a damaged file stops the report with
// one line naming it, before anything is written.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHARTS } from '../../charts/index.js';
import type { RunResult } from '../../metrics/run-result.js';
import { fsReason } from '../../runner/folder-error.js';
import { describeFirstIssue, jsonSyntaxReason } from '../../runner/json-issue.js';
import { runResultSchema } from '../../runner/run-file-schema.js';
import { listRunFiles } from '../../runner/sweep-folder.js';
import { BASE_VARIANT, type RunRecord } from '../run-record.js';
import { chartFileProblem, type FolderRuns, folderRunsProblem } from './chart-file-checks.js';
import { recordFiles } from './record-files.js';

export interface OutputFolder {
  /** sweep or run */
  kind: 'sweep' | 'run';
  /** the scenario's name, when the folder says it */
  scenario: string | undefined;
  /** the scenario's question (its description), when the folder says it */
  question: string | undefined;
  /** the files the charts read, by name */
  files: Map<string, string>;
  /** the files read from the folder, in the order read */
  read: string[];
}

/** A folder that cannot be reported on: the message is the whole error line. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** The file names any chart reads, in the charts' order. */
export function chartFileNames(): string[] {
  return [...new Set(CHARTS.flatMap((chart) => chart.reads))];
}

export async function readOutputFolder(dir: string): Promise<OutputFolder> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined)
    throw new ReportInputError(
      `${dir} does not exist: give the --out folder of msasim sweep or msasim run`,
    );
  if (!info.isDirectory())
    throw new ReportInputError(
      `${dir} is not a folder: give the --out folder of msasim sweep or msasim run`,
    );
  const manifest = await readIfPresent(join(dir, 'sweep.json'));
  if (manifest !== undefined) return readSweepFolder(dir, manifest);
  const result = await readIfPresent(join(dir, 'result.json'));
  if (result !== undefined) return readRunFolder(dir, result);
  throw new ReportInputError(
    `${dir} holds no msasim output: no sweep.json (msasim sweep --out) and no result.json (msasim run --out)`,
  );
}

async function readSweepFolder(dir: string, manifestText: string): Promise<OutputFolder> {
  const manifest = parseJsonObject(join(dir, 'sweep.json'), manifestText, 'a sweep manifest');
  if (typeof manifest.scenario !== 'string') {
    throw new ReportInputError(
      `${join(dir, 'sweep.json')} is not an msasim sweep manifest (damaged?): expected the field scenario to hold the scenario's name`,
    );
  }
  const { files, read } = await readChartFiles(dir, ['sweep.json']);
  if (!files.has('runs.csv')) {
    throw new ReportInputError(
      `${dir} has no runs.csv: the sweep has not finished (msasim sweep --resume) or is one shard (msasim merge)`,
    );
  }
  const runs = await folderRuns(dir, manifest.runs);
  const mismatch = runs === undefined ? undefined : folderRunsProblem(files, runs);
  if (mismatch !== undefined) {
    throw new ReportInputError(`${join(dir, mismatch.name)} ${mismatch.problem}`);
  }
  const document = manifest.document as { description?: unknown } | undefined;
  return {
    kind: 'sweep',
    scenario: manifest.scenario,
    question: typeof document?.description === 'string' ? document.description : undefined,
    files,
    read,
  };
}

/**
 * The runs a sweep folder holds: those with a file in runs/ (a shard's folder, or a sweep
 * with failed runs, holds only some of sweep.json's), or every run sweep.json lists when
 * runs/ has none (copied without it). Undefined when sweep.json does not say how many.
 */
async function folderRuns(dir: string, listed: unknown): Promise<FolderRuns | undefined> {
  if (typeof listed !== 'number' || !Number.isSafeInteger(listed) || listed < 1) return undefined;
  const names = await listRunFiles(dir);
  const files = 'problem' in names ? [] : names.ids;
  if (files.length === 0) {
    return { ids: [...Array(listed).keys()], source: `sweep.json lists ${listed}` };
  }
  const source =
    files.length === listed
      ? `sweep.json lists ${listed}`
      : `runs/ holds ${files.length} of the ${listed} sweep.json lists (a shard, or failed runs)`;
  return { ids: files, source };
}

/**
 * A run folder: result.json, and the tables the run wrote beside it (cost.csv, faults.csv,
 * ...), read as a sweep's are. Those tables come from the whole result, while result.json
 * leaves out what a scenario without pricing did not ask for (the cost allocation behind
 * cost.csv, see asBeforeAllocation), so they are read rather than made again from it.
 */
async function readRunFolder(dir: string, resultText: string): Promise<OutputFolder> {
  const path = join(dir, 'result.json');
  const json = parseJsonObject(path, resultText, 'a run result');
  const parsed = runResultSchema.safeParse(json);
  if (!parsed.success) {
    throw new ReportInputError(
      `${path} is not an msasim run result (damaged, or from another program): ${describeFirstIssue(parsed.error, json)}`,
    );
  }
  const result = parsed.data;
  const written = await readChartFiles(dir, ['result.json']);
  const folder = runOutput(resultRecord(result, result.seed), written.read, {
    name: result.scenario,
  });
  for (const [name, text] of written.files) folder.files.set(name, text);
  return folder;
}

/** The files any chart reads that are in `dir`, each checked (chartFileProblem). */
async function readChartFiles(
  dir: string,
  readBefore: string[],
): Promise<{ files: Map<string, string>; read: string[] }> {
  const files = new Map<string, string>();
  const read = [...readBefore];
  for (const name of chartFileNames()) {
    const path = join(dir, name);
    const text = await readIfPresent(path);
    if (text === undefined) continue;
    const problem = chartFileProblem(name, text);
    if (problem !== undefined) {
      throw new ReportInputError(`${path} ${problem}`);
    }
    files.set(name, text);
    read.push(name);
  }
  return { files, read };
}

/** One run's report, from its record (run --html, or a run folder's result.json). */
export function runOutput(
  record: RunRecord,
  read: string[],
  scenario?: { name: string; description?: string | undefined },
): OutputFolder {
  return {
    kind: 'run',
    scenario: scenario?.name,
    question: scenario?.description,
    files: recordFiles([record]),
    read,
  };
}

export function resultRecord(result: RunResult, seed: number): RunRecord {
  return { runId: 0, variant: BASE_VARIANT, params: {}, replication: 0, seed, result };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ReportInputError(`${path} cannot be read (${fsReason(error)})`);
  }
}

/** The JSON object a file holds, or a ReportInputError naming the file, line and column. */
function parseJsonObject(path: string, text: string, what: string): Record<string, unknown> {
  if (text.trim() === '')
    throw new ReportInputError(`${path} is empty, so not ${what} msasim wrote`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(
      `${path} is not JSON (${jsonSyntaxReason(error, text)}), so not ${what} msasim wrote (damaged?)`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReportInputError(
      `${path} holds ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}, not a JSON object, so not ${what} msasim wrote (damaged?)`,
    );
  }
  return value as Record<string, unknown>;
}
