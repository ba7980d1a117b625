// msasim never overwrites a file it did not write in the same command: a report or a figure
// goes to a new file only. The text is written to a temporary file, then linked to its name
// (link fails if the name exists, atomically), so a reader never sees half a file and an
// existing file is never replaced.
import { link, lstat, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Why `path` cannot be written as a new file, or undefined when it can. */
export async function newFileProblem(path: string): Promise<string | undefined> {
  if (path.trim() === '') return 'no file name given: name the new file to write, like report.html';
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    return `${path} is a folder: give the name of a new file to write, like ${join(path, 'report.html')}`;
  }
  if (existing !== undefined) return existsProblem(path, 'choose a new name or remove it');
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (folder === undefined || !folder.isDirectory()) {
    return `cannot write ${path}: its folder ${dirname(path)} does not exist`;
  }
  return undefined;
}

/**
 * Why an existing `path` is refused. Even a file msasim wrote in an earlier command is
 * refused: it may since be the user's (edited, cited, renamed into place), and msasim cannot
 * tell, so the message does not claim who wrote it.
 */
export function existsProblem(path: string, advice: string): string {
  return `${path} exists: msasim never overwrites a file it did not write in this command; ${advice}`;
}

/** Writes `content` to `path`, which must not exist; returns the problem when it cannot. */
export async function writeNewFile(path: string, content: string): Promise<string | undefined> {
  const temporary = join(dirname(path), `.msasim-tmp-${basename(path)}-${process.pid}`);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await link(temporary, path);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return (await newFileProblem(path)) ?? `${path} exists`;
    return `cannot write ${path}: ${(error as Error).message}`;
  } finally {
    await rm(temporary, { force: true });
  }
}
