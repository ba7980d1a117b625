import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/atomic-write.js';
import type { RunRecord } from '../report/run-record.js';
import type { Scenario } from '../scenario/schema.js';
import { runSeed } from '../scenario/seeds.js';
import { claimSweepFolder } from './claim-folder.js';
import { FolderError, fsCode, fsReason } from './folder-error.js';
import {
  checkOutPathGiven,
  isSameOrInside,
  joinablePath,
  kindOf,
  physicalPath,
  prepareOutputFolder,
  removeCreatedFolders,
} from './output-path.js';
import {
  MANIFEST_FILE,
  manifestDifference,
  RUNS_DIR,
  runFilePath,
  type SweepManifest,
  sameSweep,
} from './resume.js';
import { planSweep, SWEEP_FOLDER_FILES, writeSweepOutputs } from './sweep.js';
import {
  listRunFiles,
  type RunKey,
  readManifestState,
  readRunFileChecked,
  runFileRange,
} from './sweep-folder.js';

/**
 * Joins the output folders of a sweep's shards into the folder one machine would have
 * written: the same run files, manifest and outputs, byte for byte. Both are built by the
 * same code from the same run files, and a run file's bytes do not depend on where it ran.
 * Refuses folders of different sweeps, a run present twice, and a run missing from all.
 * The input folders are only read: --out may not be one of them, lie inside one, or hold
 * one, through links too, and every input is checked before --out changes.
 */

export interface MergeResult {
  manifest: SweepManifest;
  scenario: Scenario;
  records: RunRecord[];
}

export interface MergeOptions {
  /** replace msasim's files in outDir even when they belong to another sweep */
  overwrite?: boolean;
}

export class MergeError extends FolderError {
  override name = 'MergeError';
}

/** A run file as read from an input folder: its bytes are copied, its record reported. */
interface SourceRun {
  dir: string;
  text: string;
  record: RunRecord;
}

export async function mergeShards(
  givenDirs: readonly string[],
  givenOutDir: string,
  options: MergeOptions = {},
): Promise<MergeResult> {
  if (givenDirs.length === 0) throw new MergeError('give at least one folder to merge');
  const dirs = await Promise.all(givenDirs.map(joinablePath));
  const outDir = await joinablePath(givenOutDir);
  for (const dir of dirs) await checkInputFolder(dir);
  await checkOutsideInputs(dirs, outDir);
  const created = await prepareOutputFolder(outDir);
  let merge: { manifest: SweepManifest; scenario: Scenario; sources: Map<number, SourceRun> };
  try {
    const { manifest, scenario, expectedRun } = await commonManifest(dirs);
    const sources = await runSources(dirs, manifest.runs, expectedRun);
    await claimSweepFolder({
      dir: outDir,
      manifest,
      mode: options.overwrite ? 'overwrite' : 'fresh',
      outputFiles: SWEEP_FOLDER_FILES,
      expectedRun,
      command: 'merge',
    });
    merge = { manifest, scenario, sources };
  } catch (error) {
    await removeCreatedFolders(created);
    throw error;
  }
  const records = [...merge.sources.values()].map((source) => source.record);
  await writeMerged(outDir, merge.scenario, merge.sources, records);
  return { manifest: merge.manifest, scenario: merge.scenario, records };
}

async function writeMerged(
  outDir: string,
  scenario: Scenario,
  sources: Map<number, SourceRun>,
  records: readonly RunRecord[],
): Promise<void> {
  try {
    await mkdir(join(outDir, RUNS_DIR), { recursive: true });
    // The bytes read and checked, written atomically: a reader never sees a partial file.
    for (const [runId, source] of sources) {
      await writeFileAtomic(runFilePath(outDir, runId), source.text);
    }
    await writeSweepOutputs(outDir, scenario, records);
  } catch (error) {
    if (fsCode(error) === undefined) throw error;
    throw new MergeError(
      `cannot write into ${outDir} (${fsReason(error)}): free space or permissions, and merge again`,
    );
  }
}

// ── the folders ────────────────────────────────────────────────────────────────────────

const GIVE_SWEEP_FOLDERS = 'give the folders msasim sweep --out wrote';

async function checkInputFolder(dir: string): Promise<void> {
  const kind = await kindOf(dir);
  if (kind === 'folder') return;
  const what =
    kind === 'missing'
      ? ': no such folder'
      : kind === 'file'
        ? " is a file, not a sweep's output folder"
        : kind === 'dangling link'
          ? ' is a link to something that does not exist'
          : ' is not a folder';
  throw new MergeError(`${dir}${what}: ${GIVE_SWEEP_FOLDERS}`);
}

/** Compared by where they really are: a link to an input is that input. */
async function checkOutsideInputs(dirs: readonly string[], outDir: string): Promise<void> {
  checkOutPathGiven(outDir);
  const out = await physicalPath(outDir);
  const inputs = await Promise.all(dirs.map(physicalPath));
  inputs.forEach((input, index) => {
    const dir = dirs[index]!;
    const twin = inputs.indexOf(input);
    if (twin !== index) {
      const same =
        dirs[twin] === dir
          ? `${dir} is given twice`
          : `${dirs[twin]} and ${dir} are the same folder (${input})`;
      throw new MergeError(`${same}: give each folder once`);
    }
    const outside = 'choose an --out folder outside every input folder';
    if (out === input) {
      const through = outDir === dir ? '' : ` (both are ${input})`;
      throw new MergeError(`--out ${outDir} is the input folder ${dir}${through}: ${outside}`);
    }
    if (isSameOrInside(out, input)) {
      throw new MergeError(
        `--out ${outDir} is inside the input folder ${dir} (at ${out}): ${outside}`,
      );
    }
    if (isSameOrInside(input, out)) {
      throw new MergeError(
        `the input folder ${dir} is inside --out ${outDir}: choose an --out folder that holds no input folder`,
      );
    }
  });
  // The run files are written into --out/runs: a link from there into an input is refused too.
  const outRuns = await physicalPath(join(out, RUNS_DIR));
  inputs.forEach((input, index) => {
    if (isSameOrInside(outRuns, input)) {
      throw new MergeError(
        `${join(outDir, RUNS_DIR)} is a link into the input folder ${dirs[index]}: choose another --out folder`,
      );
    }
  });
}

/** What to do about a damaged input folder: it came from one shard, which can run again. */
function rerunShard(dir: string): string {
  return `${dir} cannot be merged; run its shard again into a new folder (msasim sweep FILE --shard K/N --out NEW-FOLDER) and merge that one`;
}

/** The manifest every folder holds, checked against its own scenario (checkedPlan). */
async function commonManifest(
  dirs: readonly string[],
): Promise<{ manifest: SweepManifest } & CheckedPlan> {
  let first: ({ manifest: SweepManifest } & CheckedPlan) | undefined;
  for (const dir of dirs) {
    const state = await readManifestState(dir);
    if (state.kind === 'absent') {
      throw new MergeError(
        `${dir} holds no sweep results (no ${MANIFEST_FILE}): ${GIVE_SWEEP_FOLDERS}`,
      );
    }
    if (state.kind === 'damaged') {
      throw new MergeError(`${join(dir, MANIFEST_FILE)} ${state.problem}: ${rerunShard(dir)}`);
    }
    if (first === undefined) {
      first = { manifest: state.manifest, ...checkedPlan(state.manifest, dir) };
    } else if (!sameSweep(first.manifest, state.manifest)) {
      checkedPlan(state.manifest, dir); // a damaged manifest is named as such, not as another sweep
      throw new MergeError(
        `${dir} holds results of a different sweep than ${dirs[0]} (different ${manifestDifference(first.manifest, state.manifest)}): merge the shards of one sweep`,
      );
    }
  }
  return first!;
}

interface CheckedPlan {
  scenario: Scenario;
  expectedRun: (runId: number) => RunKey;
}

/**
 * The scenario of the manifest and the run each id must hold, computed from the manifest's
 * own document: a manifest whose `runs` its scenario does not make is damaged (this is what
 * keeps a `runs: 1e9` from being believed). The grid points are expanded once; run ids
 * count replications fastest, so id = point × replications + replication.
 */
function checkedPlan(manifest: SweepManifest, dir: string): CheckedPlan {
  const file = join(dir, MANIFEST_FILE);
  const points = planSweep({ document: manifest.document, fileName: file }, { replications: 1 });
  const { replications, baseSeed, runs } = manifest;
  const made = points.specs.length * replications;
  const problem =
    points.scenario.name !== manifest.scenario
      ? `it names scenario "${manifest.scenario}", its document "${points.scenario.name}"`
      : made !== runs
        ? `it says ${runs} runs; its scenario with ${replications} replications makes ${made}`
        : undefined;
  if (problem !== undefined)
    throw new MergeError(`${file} is damaged (${problem}): ${rerunShard(dir)}`);
  return {
    scenario: points.scenario,
    expectedRun: (runId) => {
      const point = points.specs[Math.floor(runId / replications)]!;
      const replication = runId % replications;
      const seed = runSeed(baseSeed, replication);
      return { variant: point.variant, params: point.params, replication, seed };
    },
  };
}

/** Each run's file, checked, in run-id order; every run exactly once. */
async function runSources(
  dirs: readonly string[],
  runs: number,
  expectedRun: (runId: number) => RunKey,
): Promise<Map<number, SourceRun>> {
  const found = new Map<number, SourceRun>();
  for (const dir of dirs) {
    const runsDir = join(dir, RUNS_DIR);
    const names = await listRunFiles(dir);
    if ('problem' in names) throw new MergeError(`${runsDir} ${names.problem}: ${rerunShard(dir)}`);
    const stray = names.strays[0];
    if (stray !== undefined) {
      throw new MergeError(
        `${join(runsDir, stray)} is not a run file msasim wrote (they are named by run id: 0.json, 1.json, ...): move it out of ${runsDir} and merge again`,
      );
    }
    for (const runId of names.ids) {
      const path = runFilePath(dir, runId);
      if (runId >= runs) {
        throw new MergeError(
          `${path} is not a run of this sweep (its runs are ${runFileRange(runs)}): move it out of ${runsDir} and merge again`,
        );
      }
      const other = found.get(runId);
      if (other !== undefined) {
        throw new MergeError(
          `run ${runId} is in both ${other.dir} and ${dir}: did two shards overlap? Give each shard's folder once, or move one copy away`,
        );
      }
      const check = await readRunFileChecked(path, runId, expectedRun(runId));
      if (!check.ok) {
        throw new MergeError(
          `${path} ${check.problem}: delete it, finish that shard again (msasim sweep FILE --shard K/N --out ${dir} --resume), and merge again`,
        );
      }
      found.set(runId, { dir, text: check.text, record: check.record });
    }
  }
  checkNoneMissing(found, runs);
  return new Map([...found].sort(([a], [b]) => a - b));
}

/** Counted, not listed: `runs` can be large, and only the first ten ids are shown. */
function checkNoneMissing(found: ReadonlyMap<number, unknown>, runs: number): void {
  const missingCount = runs - found.size;
  if (missingCount === 0) return;
  const shown: number[] = [];
  for (let id = 0; id < runs && shown.length < 10; id++) if (!found.has(id)) shown.push(id);
  const ids = shown.join(', ') + (missingCount > shown.length ? ', ...' : '');
  throw new MergeError(
    `${missingCount} of ${runs} runs are in none of the folders (run ids ${ids}); ` +
      'finish the shards that hold them (msasim sweep --shard K/N --resume) and merge again',
  );
}
