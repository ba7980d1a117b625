import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Distinguishes temporary files of concurrent writes from one process. */
let temporaryCounter = 0;

/**
 * Writes a file so that readers see either the old content or the whole new content, never
 * a prefix: the text goes to a temporary file in the same directory (rename is atomic only
 * within one file system), is flushed to disk, then renamed over the target.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.msasim-tmp-${basename(path)}-${process.pid}-${temporaryCounter++}`,
  );
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      // Without the flush, a crash after the rename could leave an empty file on some file systems.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Creates `dir` if needed and writes each file (name → content) atomically, in key order. */
export async function writeOutputs(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFileAtomic(join(dir, name), content);
  }
}
