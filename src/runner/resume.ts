import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writtenRunResult } from '../metrics/time-series.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import type { RunRecord } from '../report/run-record.js';
import type { SweepManifest } from './manifest-schema.js';

export type { SweepManifest } from './manifest-schema.js';

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
/** What `run --out` writes: a sweep takes it over like its own files (SWEEP_FOLDER_FILES). */
export const RESULT_FILE = 'result.json';

export function manifestText(manifest: SweepManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export async function writeManifest(dir: string, manifest: SweepManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, MANIFEST_FILE), manifestText(manifest));
}

export function sameSweep(a: SweepManifest, b: SweepManifest): boolean {
  return manifestText(a) === manifestText(b);
}

const MANIFEST_FIELD_NAMES: Record<keyof SweepManifest, string> = {
  format: 'format',
  scenario: 'scenario name',
  document: 'scenario document',
  replications: 'replications',
  baseSeed: 'base seed',
  runs: 'number of runs',
};

/** What differs between two manifests, in words: "replications, number of runs". */
export function manifestDifference(a: SweepManifest, b: SweepManifest): string {
  const fields = (Object.keys(MANIFEST_FIELD_NAMES) as (keyof SweepManifest)[]).filter(
    (field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]),
  );
  return fields.map((field) => MANIFEST_FIELD_NAMES[field]).join(', ');
}

// ── run files ──────────────────────────────────────────────────────────────────────────

export function runFilePath(dir: string, runId: number): string {
  return join(dir, RUNS_DIR, `${runId}.json`);
}

export async function writeRunFile(dir: string, record: RunRecord): Promise<void> {
  await mkdir(join(dir, RUNS_DIR), { recursive: true });
  await writeFileAtomic(runFilePath(dir, record.runId), encodeRunRecord(record));
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

/**
 * JSON turns NaN and ±Infinity into null, which would read back as a different record
 * (a p99 of no requests is NaN, not "missing"); they are written as {"$number": "NaN"}.
 */
export function encodeRunRecord(record: RunRecord): string {
  const written = { ...record, result: writtenRunResult(record.result) };
  return `${JSON.stringify(written, (_key, value: unknown) =>
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
