import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunRecord } from '../report/run-record.js';
import { parseScenarioValue } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import {
  clearRunFiles,
  completedRunIds,
  MANIFEST_FILE,
  RUNS_DIR,
  readManifest,
  readRunFile,
  runFilePath,
  type SweepManifest,
  sameSweep,
  writeManifest,
} from './resume.js';
import { writeSweepOutputs } from './sweep.js';

/**
 * Joins the output folders of a sweep's shards into the folder one machine would have
 * written: the same run files, manifest and outputs, byte for byte. Both are built by the
 * same code from the same run files, and a run file's bytes do not depend on where it ran.
 * Refuses folders of different sweeps, a run present twice, and a run missing from all.
 */

export interface MergeResult {
  manifest: SweepManifest;
  scenario: Scenario;
  records: RunRecord[];
}

export class MergeError extends Error {
  override name = 'MergeError';
}

export async function mergeShards(dirs: readonly string[], outDir: string): Promise<MergeResult> {
  if (dirs.length === 0) throw new MergeError('give at least one folder to merge');
  if (dirs.some((dir) => resolve(dir) === resolve(outDir))) {
    throw new MergeError(`--out ${outDir} is one of the folders to merge; choose another folder`);
  }
  const manifest = await commonManifest(dirs);
  const sources = await runSources(dirs, manifest.runs);
  await clearRunFiles(outDir);
  await mkdir(join(outDir, RUNS_DIR), { recursive: true });
  // A plain copy keeps the bytes; the folder is new, so no reader sees a partial file.
  for (const [runId, dir] of sources)
    await copyFile(runFilePath(dir, runId), runFilePath(outDir, runId));
  await writeManifest(outDir, manifest);
  const scenario = parseScenarioValue(manifest.document, manifest.scenario);
  const records = await Promise.all([...sources.keys()].map((id) => readRunFile(outDir, id)));
  await writeSweepOutputs(outDir, scenario, records);
  return { manifest, scenario, records };
}

async function commonManifest(dirs: readonly string[]): Promise<SweepManifest> {
  let first: SweepManifest | undefined;
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    if (manifest === undefined) {
      throw new MergeError(`${dir} holds no sweep results (no ${MANIFEST_FILE})`);
    }
    if (first !== undefined && !sameSweep(first, manifest)) {
      throw new MergeError(
        `${dir} holds results of a different sweep than ${dirs[0]} (scenario, replications or seed differ)`,
      );
    }
    first ??= manifest;
  }
  return first!;
}

/** Which folder holds each run, in run-id order; every run exactly once. */
async function runSources(dirs: readonly string[], runs: number): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (const dir of dirs) {
    for (const runId of await completedRunIds(dir)) {
      const other = found.get(runId);
      if (other !== undefined) {
        throw new MergeError(
          `run ${runId} is in both ${other} and ${dir}: did two shards overlap?`,
        );
      }
      found.set(runId, dir);
    }
  }
  const missing = Array.from({ length: runs }, (_, id) => id).filter((id) => !found.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', ...' : '');
    throw new MergeError(
      `${missing.length} of ${runs} runs are in none of the folders (run ids ${shown}); ` +
        'finish the shards that hold them (msasim sweep --shard K/N --resume) and merge again',
    );
  }
  return new Map([...found].sort(([a], [b]) => a - b));
}
