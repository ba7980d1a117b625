import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/atomic-write.js';
import type { RunRecord } from '../report/run-record.js';

/**
 * A sweep's output directory is its durable record: every finished run is a file
 * DIR/runs/<runId>.json, written atomically the moment the run ends, and DIR/sweep.json
 * says which sweep the directory belongs to. A sweep stopped at any point (Ctrl-C, a killed
 * job, a lost node) leaves only whole run files; `--resume` runs what is missing, and the
 * CSVs are always assembled from the run files, so a resumed, a sharded-then-merged and a
 * straight sweep write the same bytes.
 */

export const RUNS_DIR = 'runs';
export const MANIFEST_FILE = 'sweep.json';

/**
 * What identifies a sweep: the scenario document as parsed from the file and the settings
 * that change its runs. Deliberately nothing about where or how it runs (shard, workers,
 * paths, time), so every shard of one sweep writes the same manifest.
 */
export interface SweepManifest {
  format: 1;
  scenario: string;
  document: unknown;
  replications: number;
  baseSeed: number;
  runs: number;
}

export function manifestText(manifest: SweepManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export async function writeManifest(dir: string, manifest: SweepManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, MANIFEST_FILE), manifestText(manifest));
}

/** The manifest in `dir`, or undefined when the directory holds no sweep. */
export async function readManifest(dir: string): Promise<SweepManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as SweepManifest;
}

export function sameSweep(a: SweepManifest, b: SweepManifest): boolean {
  return manifestText(a) === manifestText(b);
}

// ── run files ──────────────────────────────────────────────────────────────────────────

export function runFilePath(dir: string, runId: number): string {
  return join(dir, RUNS_DIR, `${runId}.json`);
}

export async function writeRunFile(dir: string, record: RunRecord): Promise<void> {
  await mkdir(join(dir, RUNS_DIR), { recursive: true });
  await writeFileAtomic(runFilePath(dir, record.runId), encodeRunRecord(record));
}

export async function readRunFile(dir: string, runId: number): Promise<RunRecord> {
  return decodeRunRecord(await readFile(runFilePath(dir, runId), 'utf8'));
}

/** Ids of the runs whose file is complete; temporary files of interrupted writes do not count. */
export async function completedRunIds(dir: string): Promise<Set<number>> {
  let names: string[];
  try {
    names = await readdir(join(dir, RUNS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  const ids = names.map((name) => /^(\d+)\.json$/.exec(name)?.[1]).filter((id) => id !== undefined);
  return new Set(ids.map(Number));
}

export async function removeFiles(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => rm(join(dir, name), { force: true })));
}

/** Starts a directory afresh: results of an earlier sweep must not mix into this one's. */
export async function clearRunFiles(dir: string): Promise<void> {
  await rm(join(dir, RUNS_DIR), { recursive: true, force: true });
}

/**
 * JSON turns NaN and ±Infinity into null, which would read back as a different record
 * (a p99 of no requests is NaN, not "missing"); they are written as {"$number": "NaN"}.
 */
export function encodeRunRecord(record: RunRecord): string {
  return `${JSON.stringify(record, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value,
  )}\n`;
}

export function decodeRunRecord(text: string): RunRecord {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && '$number' in value) {
      return Number((value as { $number: string }).$number);
    }
    return value;
  }) as RunRecord;
}
