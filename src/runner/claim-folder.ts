import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FolderError, fsCode, fsReason } from './folder-error.js';
import {
  MANIFEST_FILE,
  manifestDifference,
  RUNS_DIR,
  runFilePath,
  type SweepManifest,
  sameSweep,
  writeManifest,
} from './resume.js';
import {
  listRunFiles,
  type ManifestState,
  type RunKey,
  type RunNames,
  readManifestState,
  readRunFileChecked,
  runFileRange,
} from './sweep-folder.js';

/**
 * Taking an output folder for a sweep (or a merge). msasim never deletes or changes a file
 * it cannot tell is its own: it removes only the names it writes (runs/<id>.json,
 * sweep.json, the output files) and only when sweep.json says the folder holds this same
 * sweep, or the user asked for it (--overwrite). A folder of another sweep, a damaged
 * sweep.json, or msasim's names with no sweep.json are refused, and everything is checked
 * before anything changes.
 *
 *   fresh      an empty folder, or one of this same sweep (its files are replaced)
 *   resume     keep this sweep's run files, each checked; a new folder starts empty
 *   overwrite  replace msasim's files whatever sweep they hold; never anything else
 */
export type FolderMode = 'fresh' | 'resume' | 'overwrite';

export interface FolderClaim {
  /** an existing, writable folder (prepareOutputFolder) */
  dir: string;
  manifest: SweepManifest;
  mode: FolderMode;
  /** the files the command writes beside runs/ and sweep.json */
  outputFiles: readonly string[];
  /** the run each id must hold: checked in the run files --resume keeps */
  expectedRun: (runId: number) => RunKey;
  /** for advice: a sweep can be resumed, a merge cannot */
  command: 'sweep' | 'merge';
}

/** Makes the folder this sweep's; returns the ids of the runs already done (--resume). */
export async function claimSweepFolder(claim: FolderClaim): Promise<Set<number>> {
  await checkFileNames(claim);
  const names = await runNamesOf(claim.dir);
  const state = await readManifestState(claim.dir);
  if (claim.mode === 'resume') return resumeFolder(claim, state, names);
  await checkReplaceable(claim, state, names);
  await checkRemovable(claim.dir, names.ids);
  for (const runId of names.ids) await rm(runFilePath(claim.dir, runId));
  await removeOutputs(claim);
  await writeManifest(claim.dir, claim.manifest);
  return new Set();
}

async function resumeFolder(
  claim: FolderClaim,
  state: ManifestState,
  names: RunNames,
): Promise<Set<number>> {
  const { dir } = claim;
  if (state.kind === 'damaged') {
    throw new FolderError(
      `${join(dir, MANIFEST_FILE)} ${state.problem}: msasim cannot tell which sweep ${dir} holds, so it cannot resume it: give --out another folder, or start afresh there with --overwrite instead of --resume`,
    );
  }
  if (state.kind === 'valid' && !sameSweep(state.manifest, claim.manifest)) {
    const differ = manifestDifference(state.manifest, claim.manifest);
    throw new FolderError(
      `${dir} holds the results of a different sweep (different ${differ}): resume into the folder it was started in with the same flags, give --out another folder, or start afresh there with --overwrite instead of --resume`,
    );
  }
  if (state.kind === 'absent') {
    // Nothing was started here: a fresh start, unless msasim's names hold someone's files.
    await checkReplaceable(claim, state, names);
    await writeManifest(dir, claim.manifest);
    return new Set();
  }
  await checkKeptRuns(claim, names.ids);
  // Outputs of the earlier attempt would pass for this one's if it is interrupted.
  await removeOutputs(claim);
  return new Set(names.ids);
}

/** Every run file --resume keeps must hold its run of this sweep, whole. */
async function checkKeptRuns(claim: FolderClaim, ids: readonly number[]): Promise<void> {
  for (const runId of ids) {
    const path = runFilePath(claim.dir, runId);
    if (runId >= claim.manifest.runs) {
      throw new FolderError(
        `${path} is not a run of this sweep (its runs are ${runFileRange(claim.manifest.runs)}): move it out of ${join(claim.dir, RUNS_DIR)}, or give --out another folder`,
      );
    }
    const check = await readRunFileChecked(path, runId, claim.expectedRun(runId));
    if (!check.ok) {
      throw new FolderError(
        `${path} ${check.problem}: delete it and run the same command again (--resume reruns run ${runId})`,
      );
    }
  }
}

/** A fresh start may replace msasim's files only where they are this sweep's, or when asked. */
async function checkReplaceable(
  claim: FolderClaim,
  state: ManifestState,
  names: RunNames,
): Promise<void> {
  if (claim.mode === 'overwrite') return;
  if (state.kind === 'valid' && sameSweep(state.manifest, claim.manifest)) return;
  const keep = 'to keep it, give --out another folder; to replace it, add --overwrite';
  if (state.kind === 'damaged') {
    throw new FolderError(
      `${join(claim.dir, MANIFEST_FILE)} ${state.problem}: msasim cannot tell which sweep ${claim.dir} holds; ${keep}`,
    );
  }
  if (state.kind === 'valid') {
    const { scenario, runs } = state.manifest;
    const finish =
      claim.command === 'sweep' ? 'to finish that sweep, run its own command with --resume; ' : '';
    throw new FolderError(
      `${claim.dir} holds the results of another sweep (scenario "${scenario}", ${runs} runs): ${finish}${keep}`,
    );
  }
  const own = [
    ...(await presentOutputs(claim)),
    ...names.ids.map((id) => `${RUNS_DIR}/${id}.json`),
  ];
  if (own.length > 0) {
    const shown =
      own.length > 3 ? `${own.slice(0, 3).join(', ')} and ${own.length - 3} more` : own.join(', ');
    throw new FolderError(
      `${claim.dir} holds ${shown} but no ${MANIFEST_FILE}, so msasim cannot tell it wrote them; to keep them, give --out another folder; to replace them, add --overwrite`,
    );
  }
}

/** sweep.json and the output files are rewritten in every mode: they must be plain files. */
async function checkFileNames(claim: FolderClaim): Promise<void> {
  await checkWritableNames(claim.dir, [MANIFEST_FILE, ...claim.outputFiles]);
}

/**
 * Each name msasim is about to write in `dir` is free or a plain file: a folder, a link or
 * a device there would fail the write at the end, or send it elsewhere.
 */
export async function checkWritableNames(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const path = join(dir, name);
    const what = await notAPlainFile(path);
    if (what !== undefined) {
      throw new FolderError(
        `${path} ${what}, where msasim writes a file: move it away, or give --out another folder`,
      );
    }
  }
}

async function checkRemovable(dir: string, ids: readonly number[]): Promise<void> {
  for (const runId of ids) {
    const path = runFilePath(dir, runId);
    const what = await notAPlainFile(path);
    if (what !== undefined) {
      throw new FolderError(
        `${path} ${what}, not a run file msasim wrote: move it away, or give --out another folder`,
      );
    }
  }
}

/** Why the entry at `path` is not a plain file msasim could have written; undefined if it is or is absent. */
async function notAPlainFile(path: string): Promise<string | undefined> {
  try {
    const stats = await lstat(path);
    if (stats.isFile()) return undefined;
    if (stats.isDirectory()) return 'is a folder';
    return stats.isSymbolicLink() ? 'is a link' : 'is not a regular file';
  } catch (error) {
    if (fsCode(error) === 'ENOENT') return undefined;
    throw new FolderError(`${path} cannot be checked (${fsReason(error)}): check its permissions`);
  }
}

async function runNamesOf(dir: string): Promise<RunNames> {
  const names = await listRunFiles(dir);
  const runsDir = join(dir, RUNS_DIR);
  if ('problem' in names) {
    throw new FolderError(
      `${runsDir} ${names.problem}: move it away, or give --out another folder`,
    );
  }
  const stray = names.strays[0];
  if (stray !== undefined) {
    throw new FolderError(
      `${join(runsDir, stray)} is not a run file msasim wrote (they are named by run id: 0.json, 1.json, ...): move it out of ${runsDir}, or give --out another folder`,
    );
  }
  return names;
}

async function presentOutputs(claim: FolderClaim): Promise<string[]> {
  const present: string[] = [];
  for (const name of claim.outputFiles) {
    try {
      await lstat(join(claim.dir, name));
      present.push(name);
    } catch {
      // absent
    }
  }
  return present;
}

async function removeOutputs(claim: FolderClaim): Promise<void> {
  for (const name of claim.outputFiles) await rm(join(claim.dir, name), { force: true });
}
