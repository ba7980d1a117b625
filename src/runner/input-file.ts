import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { megabytes, sizeOver } from './file-limits.js';

/**
 * Opening the files msasim reads (a scenario, the trace files it names) so that no file
 * can make it wait or read without end: only regular files, opened without blocking, read
 * no further than a size limit. A named pipe would block the read until a writer came
 * along; /dev/zero or /dev/urandom never end.
 */

/** A file that cannot be read; the message names it and says why. */
export class InputFileError extends Error {
  override name = 'InputFileError';
}

/**
 * Opens `path` for reading if it is a regular file, else throws. `what` names the file
 * in messages: `scenario file "x.yaml"`. The caller closes the descriptor.
 */
export function openRegularFile(path: string, what: string): number {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer, and
    // the check below needs the open file. Regular files ignore the flag.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new InputFileError(`cannot read ${what}: ${reason(error)}`);
  }
  const kind = irregularKind(fstatSync(fd));
  if (kind === undefined) return fd;
  closeSync(fd);
  const fix =
    kind === 'a directory'
      ? ''
      : '; msasim reads only regular files (save the content to one first)';
  throw new InputFileError(`cannot read ${what}: it is ${kind}${fix}`);
}

/**
 * The whole file, refused before reading when fstat says it is over `limitBytes`, and
 * again if it holds more than it said (it grew, or reports no size like files under
 * /proc): the read stops one byte past the limit. `tooLarge` writes the message, given
 * the size in words and in bytes (when known).
 */
export function readAtMost(
  fd: number,
  limitBytes: number,
  tooLarge: (size: string, bytes: number | undefined) => string,
): Buffer {
  const { size } = fstatSync(fd);
  if (size > limitBytes) throw new InputFileError(tooLarge(sizeOver(size, limitBytes), size));
  let buffer = Buffer.allocUnsafe(size + 1);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      if (filled > limitBytes) {
        throw new InputFileError(tooLarge(`more than ${megabytes(limitBytes)}`, undefined));
      }
      const larger = Buffer.allocUnsafe(limitBytes + 1);
      buffer.copy(larger);
      buffer = larger;
    }
    const read = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (read === 0) return buffer.subarray(0, filled);
    filled += read;
  }
}

/** What a file is, in words, when it is not a regular file. */
function irregularKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'something other than a file';
}

/** Node's fs errors carry a code; say it in words rather than echoing "ENOENT: ...". */
export function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'a folder on its path is a file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENXIO':
      return 'it is a socket, not a regular file';
    case 'ELOOP':
      return 'its path has a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
