import { lstat, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OPTIONAL_OUTPUT_FILES } from '../report/optional-output-files.js';
import { checkWritableNames } from './claim-folder.js';
import { FolderError } from './folder-error.js';
import { MANIFEST_FILE, RESULT_FILE, RUNS_DIR } from './resume.js';
import { ALL_OUTPUT_FILES } from './sweep.js';
import { listRunFiles } from './sweep-folder.js';

/**
 * Taking an output folder for `msasim run --out`. A run's files beside another run's (or a
 * sweep's) make a mixed folder that `msasim report` would read as one: so a folder holding
 * any msasim output is refused before the run starts, also the output of this same run
 * (msasim cannot tell it from another run's). With --overwrite the earlier output is
 * replaced: the run's files are rewritten and every other msasim output name there (a
 * sweep's sweep.json, runs/<id>.json and tables, or an earlier run's mesh files this run
 * has no mesh for) is removed; never anything else.
 */

export { RESULT_FILE } from './resume.js';

/** The tables one run writes beside result.json when it has versions or a mesh. */
export const RUN_TABLE_FILES = ['versions.csv', 'proxies.csv'] as const;

/** Every name `run --out` may write. */
export const RUN_OUTPUT_FILES: readonly string[] = [
  RESULT_FILE,
  ...RUN_TABLE_FILES,
  ...OPTIONAL_OUTPUT_FILES.flatMap((group) => group.names),
];

/**
 * Every name a run or a sweep writes in its folder, beside runs/<id>.json; the files that
 * say which command wrote the folder first, as the message names the first few.
 */
const MSASIM_OUTPUT_FILES: readonly string[] = [
  ...new Set([MANIFEST_FILE, ...RUN_OUTPUT_FILES, ...ALL_OUTPUT_FILES]),
];

/** The earlier msasim output in a run's folder, by path relative to it (runs/3.json). */
export type EarlierOutput = readonly string[];

/**
 * Checks `dir` (an existing, writable folder) before the run: the names the run writes must
 * be free or plain files, and earlier msasim output is refused unless `overwrite`. Returns
 * the earlier output, for removeEarlierOutput once the run has its result.
 */
export async function claimRunFolder(dir: string, overwrite: boolean): Promise<EarlierOutput> {
  await checkWritableNames(dir, RUN_OUTPUT_FILES);
  const earlier = await earlierOutputOf(dir);
  if (earlier.length === 0) return earlier;
  if (!overwrite) {
    throw new FolderError(
      `${dir} holds msasim output (${shownNames(earlier)}): msasim does not mix two commands' output in one folder, so this run is refused, also when it is the same run again; to keep that output, give --out another folder; to replace it, add --overwrite`,
    );
  }
  // Everything to remove is checked first: a folder under msasim's name stops the run here.
  await checkWritableNames(dir, earlier);
  return earlier;
}

/** Removes the earlier output the run does not write again (`written`: names it writes). */
export async function removeEarlierOutput(
  dir: string,
  earlier: EarlierOutput,
  written: readonly string[],
): Promise<void> {
  for (const name of earlier) {
    if (!written.includes(name)) await rm(join(dir, name), { force: true });
  }
  if (earlier.some((name) => name.startsWith(`${RUNS_DIR}/`))) {
    // Only when empty: a file of the user's in runs/ keeps it.
    await rmdir(join(dir, RUNS_DIR)).catch(() => undefined);
  }
}

async function earlierOutputOf(dir: string): Promise<string[]> {
  const present: string[] = [];
  for (const name of MSASIM_OUTPUT_FILES) {
    if (await exists(join(dir, name))) present.push(name);
  }
  const runs = await listRunFiles(dir);
  if ('problem' in runs) {
    throw new FolderError(
      `${join(dir, RUNS_DIR)} ${runs.problem}: move it away, or give --out another folder`,
    );
  }
  return [...present, ...runs.ids.map((id) => `${RUNS_DIR}/${id}.json`)];
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function shownNames(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
