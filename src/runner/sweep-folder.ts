import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../report/run-record.js';
import { fsCode, fsReason } from './folder-error.js';
import { describeFirstIssue, jsonSyntaxReason } from './json-issue.js';
import { type SweepManifest, sweepManifestSchema } from './manifest-schema.js';
import { decodeRunRecord, MANIFEST_FILE, RUNS_DIR } from './resume.js';
import { olderRunFileProblem, runRecordSchema } from './run-file-schema.js';

/**
 * Reading a sweep folder back (--resume, merge) as untrusted input: its manifest and run
 * files may be truncated, edited, copied, replaced by folders or links. Every problem comes
 * back as a few words about one file ("is empty", "holds run 2, not run 5"); the caller
 * knows the command and adds what the user should do.
 */

export type ManifestState =
  | { kind: 'absent' }
  | { kind: 'valid'; manifest: SweepManifest }
  | { kind: 'damaged'; problem: string };

export async function readManifestState(dir: string): Promise<ManifestState> {
  const path = join(dir, MANIFEST_FILE);
  const read = await readJsonText(path, 'the sweep manifest');
  if (read === 'absent') return { kind: 'absent' };
  if ('problem' in read) return { kind: 'damaged', problem: read.problem };
  const value = parseJson(read.text, JSON.parse);
  if (typeof value === 'string') return { kind: 'damaged', problem: value };
  const parsed = sweepManifestSchema.safeParse(value.json);
  if (!parsed.success) {
    return {
      kind: 'damaged',
      problem: `is damaged (${describeFirstIssue(parsed.error, value.json)})`,
    };
  }
  // The text read, not zod's copy: comparing manifests compares what was written.
  return { kind: 'valid', manifest: value.json as SweepManifest };
}

/** What identifies a run: where it sits in the sweep, and its seed. */
export type RunKey = Pick<RunRecord, 'variant' | 'params' | 'replication' | 'seed'>;

export type RunFileCheck =
  | { ok: true; record: RunRecord; text: string }
  | { ok: false; problem: string };

/** Reads runs/<runId>.json and checks it holds that run of this sweep (`expected`). */
export async function readRunFileChecked(
  path: string,
  runId: number,
  expected: RunKey,
): Promise<RunFileCheck> {
  const read = await readJsonText(path, 'a run file');
  if (read === 'absent') return { ok: false, problem: 'has disappeared' };
  if ('problem' in read) return { ok: false, problem: read.problem };
  const { text } = read;
  const value = parseJson(text, decodeRunRecord);
  if (typeof value === 'string') return { ok: false, problem: value };
  const parsed = runRecordSchema.safeParse(value.json);
  if (!parsed.success) {
    const older = olderRunFileProblem(value.json);
    if (older !== undefined) return { ok: false, problem: older };
    return { ok: false, problem: `is damaged (${describeFirstIssue(parsed.error, value.json)})` };
  }
  const record = parsed.data;
  if (record.runId !== runId) {
    return {
      ok: false,
      problem: `holds run ${record.runId}, not run ${runId} (a copy of another run's file?)`,
    };
  }
  const difference = keyDifference(record, expected);
  if (difference !== undefined) {
    return { ok: false, problem: `holds a run of another sweep (${difference})` };
  }
  return { ok: true, record, text };
}

function keyDifference(record: RunRecord, expected: RunKey): string | undefined {
  const fields = ['variant', 'replication', 'seed', 'params'] as const;
  for (const field of fields) {
    const found = JSON.stringify(record[field]);
    const wanted = JSON.stringify(expected[field]);
    if (found !== wanted) {
      return `its ${field} is ${found}; run ${record.runId} of this sweep has ${wanted}`;
    }
  }
  return undefined;
}

/** The text of a file msasim reads back, 'absent', or why it cannot be read. */
async function readJsonText(
  path: string,
  what: string,
): Promise<{ text: string } | { problem: string } | 'absent'> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) return { problem: `is a folder, not ${what}` };
    // A FIFO or a device would block or never end: only regular files are read.
    if (!stats.isFile()) return { problem: `is not a regular file, so not ${what}` };
    const text = await readFile(path, 'utf8');
    return text.trim() === '' ? { problem: 'is empty' } : { text };
  } catch (error) {
    if (fsCode(error) !== 'ENOENT') return { problem: `cannot be read (${fsReason(error)})` };
    return (await isLink(path))
      ? { problem: 'is a link to something that does not exist' }
      : 'absent';
  }
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

function parseJson(text: string, decode: (text: string) => unknown): { json: unknown } | string {
  try {
    return { json: decode(text) };
  } catch (error) {
    return `is damaged (not JSON: ${jsonSyntaxReason(error, text)})`;
  }
}

// ── the runs folder ────────────────────────────────────────────────────────────────────

export interface RunNames {
  /** ids of the files named as msasim names them (runs/7.json), ascending */
  ids: number[];
  /** names that look like run files but are not msasim's (runs/07.json) */
  strays: string[];
}

/** The run files in DIR/runs by name; a problem when `runs` is there but not a folder. */
export async function listRunFiles(dir: string): Promise<RunNames | { problem: string }> {
  const runsDir = join(dir, RUNS_DIR);
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch (error) {
    const code = fsCode(error);
    if (code === 'ENOENT') {
      return (await isLink(runsDir))
        ? { problem: 'is a link to something that does not exist' }
        : { ids: [], strays: [] };
    }
    if (code === 'ENOTDIR') return { problem: 'is a file, not the folder of run files' };
    return { problem: `cannot be read (${fsReason(error)})` };
  }
  const ids: number[] = [];
  const strays: string[] = [];
  for (const name of names) {
    const digits = /^(\d+)\.json$/.exec(name)?.[1];
    if (digits === undefined) continue; // not a run file: temporary files, the user's notes
    if (String(Number(digits)) === digits && Number.isSafeInteger(Number(digits))) {
      ids.push(Number(digits));
    } else strays.push(name);
  }
  return { ids: ids.sort((a, b) => a - b), strays: strays.sort() };
}

/** How files of a sweep's run ids are named: "0.json to 7.json". */
export function runFileRange(runs: number): string {
  return runs === 1 ? 'only 0.json' : `0.json to ${runs - 1}.json`;
}
