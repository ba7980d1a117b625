import { lstat, mkdir, open, readlink, realpath, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { FolderError, fsCode, fsReason } from './folder-error.js';

/**
 * Output folders are checked before any work: a command that would simulate for an hour
 * and then fail to write must fail at once. A missing folder is created here, one level at
 * a time from its nearest existing ancestor: Node's recursive mkdir loops forever where the
 * file system refuses a folder with ENOENT (/proc), so it is not used. A probe file then
 * proves the folder writable (access(2) says yes to root even where nothing can be written).
 */

/** Folders created by prepareOutputFolder, outermost first. */
export type CreatedFolders = readonly string[];

/** Makes `path` an existing, writable folder; returns the folders it had to create. */
export async function prepareOutputFolder(path: string): Promise<CreatedFolders> {
  checkOutPathGiven(path);
  const missing = await missingFolders(path);
  const created: string[] = [];
  try {
    for (const folder of missing) {
      await createOne(folder, path);
      created.push(folder);
    }
    await probeWritable(path);
  } catch (error) {
    await removeCreatedFolders(created);
    throw error;
  }
  return created;
}

/** '' would resolve to the working folder: an empty --out is a mistake, not a choice. */
export function checkOutPathGiven(path: string): void {
  if (path === '') {
    throw new FolderError('--out is empty: give the folder to write into (created if missing)');
  }
}

/**
 * Removes the folders prepareOutputFolder created, innermost first, if they are still
 * empty: a command that fails leaves no trace of its own, and never removes anything else.
 */
export async function removeCreatedFolders(created: CreatedFolders): Promise<void> {
  for (const folder of [...created].reverse()) {
    try {
      await rmdir(folder);
    } catch {
      return; // not empty (something was written) or already gone: leave it
    }
  }
}

/** The folders to create for `path`, outermost first, after checking what exists. */
async function missingFolders(path: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    const kind = await kindOf(current);
    if (kind === 'folder') return missing;
    if (kind !== 'missing') throw new FolderError(notAFolder(current, kind, path));
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) return missing;
    current = parent;
  }
}

type EntryKind = 'folder' | 'file' | 'other' | 'dangling link' | 'missing';

/** What is at `path`, following links; a link whose target is missing says so. */
export async function kindOf(path: string): Promise<EntryKind> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) return 'folder';
    return stats.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = fsCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new FolderError(`${path}: cannot reach it (${fsReason(error)}): check its permissions`);
    }
  }
  try {
    return (await lstat(path)).isSymbolicLink() ? 'dangling link' : 'missing';
  } catch {
    return 'missing';
  }
}

function notAFolder(at: string, kind: EntryKind, path: string): string {
  const where = at === path ? `${path}` : `${path}: ${at}`;
  const what =
    kind === 'file'
      ? 'is a file, not a folder'
      : kind === 'dangling link'
        ? 'is a link to something that does not exist'
        : 'is not a folder';
  return `${where} ${what}: give --out a folder to write into (created if missing)`;
}

async function createOne(folder: string, path: string): Promise<void> {
  try {
    await mkdir(folder);
  } catch (error) {
    if (fsCode(error) === 'EEXIST' && (await kindOf(folder)) === 'folder') return;
    // ENOENT with an existing parent: the file system takes no folders there (/proc).
    const reason = fsCode(error) === 'ENOENT' ? 'the file system refuses it' : fsReason(error);
    const where = folder === path ? path : `${path}: ${folder}`;
    throw new FolderError(
      `${where}: cannot create this folder (${reason}): give --out a folder you can write to`,
    );
  }
}

let probeCounter = 0;

async function probeWritable(path: string): Promise<void> {
  const probe = join(path, `.msasim-probe-${process.pid}-${probeCounter++}`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
    await rm(probe, { force: true });
  } catch (error) {
    throw new FolderError(
      `${path}: cannot write into this folder (${fsReason(error)}): give --out a folder you can write to`,
    );
  }
}

// ── where a path really is ─────────────────────────────────────────────────────────────

/** Most links followed while resolving one path, as Linux's ELOOP limit. */
const MAX_LINKS = 40;

/**
 * The absolute path with every link resolved, also for paths that do not exist yet: the
 * part that exists is resolved (dangling links by their target), the rest appended. Two
 * paths name the same place exactly when their physical paths are equal. Walked one name
 * at a time as the kernel does, so `alink/..` is the parent of alink's target, not ".".
 */
export async function physicalPath(path: string): Promise<string> {
  const start = isAbsolute(path) ? sep : await realpath(process.cwd());
  return walkPath(start, path, path, { links: 0 });
}

async function walkPath(
  from: string,
  path: string,
  shown: string,
  followed: { links: number },
): Promise<string> {
  let current = isAbsolute(path) ? sep : from;
  for (const name of path.split(sep)) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, name);
    const target = await linkTarget(next);
    if (target === undefined) {
      current = next;
      continue;
    }
    if (++followed.links > MAX_LINKS) {
      throw new FolderError(`${shown}: too many links (a loop?): give a folder without a loop`);
    }
    current = await walkPath(current, target, shown, followed);
  }
  return current;
}

/** The target of the link at `path`; undefined when it is no link or is not there. */
async function linkTarget(path: string): Promise<string | undefined> {
  try {
    return (await lstat(path)).isSymbolicLink() ? await readlink(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A path that path.join may extend. join removes `x/..` by text, while the kernel steps
 * back from where the link x points: a path with a `..` is replaced by its physical path,
 * so that the folder checked and the files written are in the same place.
 */
export async function joinablePath(path: string): Promise<string> {
  return path.split(sep).includes('..') ? physicalPath(path) : path;
}

/** Whether physical path `inner` is `outer` or lies inside it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}
