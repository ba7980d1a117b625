/**
 * A folder or file that a command reads or writes cannot be used: an output path that is
 * not a writable folder, a damaged or foreign file in a sweep's folder, input folders that
 * overlap the output. Bad input (exit 2), never a failed run: the message names the path
 * and says what to do, and the CLI prints it alone.
 */
export class FolderError extends Error {
  override name = 'FolderError';
}

/** Node's fs errors carry a code; say it in words, with the code for a search engine. */
export function fsReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const words = typeof code === 'string' ? FS_ERROR_WORDS[code] : undefined;
  if (words !== undefined) return `${words}, ${code}`;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

const FS_ERROR_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'too many links (a loop?)',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
};

/** The errno code of a Node fs error, if it has one. */
export function fsCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
