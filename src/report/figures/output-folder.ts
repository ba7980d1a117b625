// Reads what the charts need from an output folder: a sweep's (`msasim sweep --out`, or
// merge) or one run's (`msasim run --out`). Only the files a chart reads are opened, never
// results.json (it can be hundreds of MB) nor anything else in the folder.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHARTS } from '../../charts/index.js';
import type { RunResult } from '../../metrics/run-result.js';
import { runRecordSchema } from '../../runner/run-file-schema.js';
import { BASE_VARIANT, type RunRecord } from '../run-record.js';
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
  const manifest = parseJsonObject(manifestText);
  if (manifest === undefined || typeof manifest.scenario !== 'string') {
    throw new ReportInputError(
      `${join(dir, 'sweep.json')} is not an msasim sweep manifest (damaged?)`,
    );
  }
  const files = new Map<string, string>();
  const read = ['sweep.json'];
  for (const name of chartFileNames()) {
    const text = await readIfPresent(join(dir, name));
    if (text === undefined) continue;
    files.set(name, text);
    read.push(name);
  }
  if (!files.has('runs.csv')) {
    throw new ReportInputError(
      `${dir} has no runs.csv: the sweep has not finished (msasim sweep --resume) or is one shard (msasim merge)`,
    );
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

async function readRunFolder(dir: string, resultText: string): Promise<OutputFolder> {
  const json = parseJsonObject(resultText);
  const parsed = runRecordSchema.safeParse({
    runId: 0,
    variant: BASE_VARIANT,
    params: {},
    replication: 0,
    seed: 0,
    result: json,
  });
  if (!parsed.success) {
    throw new ReportInputError(
      `${join(dir, 'result.json')} is not an msasim run result (damaged, or from another program)`,
    );
  }
  return runOutput(parsed.data, ['result.json']);
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
    throw new ReportInputError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
