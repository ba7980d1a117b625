import { closeSync, fstatSync, readSync } from 'node:fs';
import { megabytes, raiseSizeWith, sizeOver } from './file-limits.js';
import { InputFileError, openRegularFile } from './input-file.js';
import {
  encodingMessage,
  firstNonUtf8Line,
  foreignEncoding,
  utf8BomLength,
} from './text-encoding.js';

/**
 * Reads the first column of a trace file (CSV) as non-negative numbers, as a stream: the
 * file goes through one fixed buffer, and each number is parsed from its bytes, so time
 * and memory follow the count of numbers, not the size of the text (read whole and split
 * into lines and cells as strings, a 2.5 M-line trace took 5-8 s and 300-600 MB; see
 * bench/README.md).
 *
 * The rules: a first line that is not a number is a header and is skipped; blank lines
 * are skipped; a cell may be in double quotes; anything else that is not a number >= 0 is
 * an error naming its line, since a silently dropped row would change the replayed load.
 * Errors are InputFileErrors whose message names the file as `what` does.
 */
export function readTraceColumn(path: string, what: string, limitBytes: number): number[] {
  const fd = openRegularFile(path, `${what} (${path})`);
  try {
    const { size } = fstatSync(fd);
    if (size > limitBytes)
      throw new InputFileError(tooLarge(what, sizeOver(size, limitBytes), limitBytes, size));
    const values = new ColumnReader(what).read(fd, limitBytes);
    if (values.length === 0) throw new InputFileError(`${what} has no values`);
    return values;
  } finally {
    closeSync(fd);
  }
}

function tooLarge(
  what: string,
  size: string,
  limitBytes: number,
  sizeBytes: number | undefined,
): string {
  return `${what} holds ${size}; a trace file may hold at most ${megabytes(limitBytes)}: give per-second counts instead of one timestamp per request (format: rates), split the trace over several workloads${raiseSizeWith('--max-trace-size', sizeBytes)}`;
}

/** The buffer's size, and so the longest line: a trace line is a number and a few columns. */
const BUFFER_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const QUOTE = 0x22;
const DOT = 0x2e;
const DIGIT_0 = 0x30;

class ColumnReader {
  private readonly values: number[] = [];
  /** lines taken so far: the number of the line being taken, once counted */
  private line = 0;

  constructor(private readonly what: string) {}

  read(fd: number, limitBytes: number): number[] {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let kept = 0; // the bytes of an unfinished line, moved to the buffer's start
    let total = 0;
    let start = -1; // where the text starts in the first read, after a byte order mark
    for (;;) {
      const read = readSync(fd, buffer, kept, buffer.length - kept, null);
      total += read;
      // The file holds more than fstat said it would (it grew, or is a /proc-like file).
      if (total > limitBytes) {
        const size = `more than ${megabytes(limitBytes)}`;
        throw new InputFileError(tooLarge(this.what, size, limitBytes, undefined));
      }
      const filled = kept + read;
      if (start === -1) start = this.textStart(buffer.subarray(0, filled));
      if (read === 0) {
        this.takeLines(buffer, start, filled);
        return this.values;
      }
      const end = buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      if (end <= start) {
        if (filled === buffer.length) throw new InputFileError(this.lineTooLong());
        kept = filled;
        continue;
      }
      this.takeLines(buffer, start, end);
      buffer.copyWithin(0, end, filled);
      kept = filled - end;
      start = 0;
    }
  }

  /** Refuses text in another encoding; skips a UTF-8 byte order mark. */
  private textStart(head: Buffer): number {
    const seen = foreignEncoding(head);
    if (seen !== undefined) throw new InputFileError(encodingMessage(this.what, seen));
    return utf8BomLength(head);
  }

  /** Takes the lines in buffer[start, end): whole lines, and at the end of the file the rest. */
  private takeLines(buffer: Buffer, start: number, end: number): void {
    const text = buffer.subarray(start, end);
    const badLine = firstNonUtf8Line(text, this.line + 1);
    if (badLine !== undefined) throw new InputFileError(encodingMessage(this.what, badLine));
    let at = start;
    while (at < end) {
      let lineEnd = buffer.indexOf(NEWLINE, at);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      this.takeLine(buffer, at, lineEnd);
      at = lineEnd + 1;
    }
  }

  private takeLine(bytes: Buffer, start: number, end: number): void {
    this.line++;
    let cellEnd = start;
    while (cellEnd < end && bytes[cellEnd] !== COMMA) cellEnd++;
    let from = start;
    let to = cellEnd;
    while (from < to && isBlank(bytes[from]!)) from++;
    while (to > from && isBlank(bytes[to - 1]!)) to--;
    if (to - from >= 2 && bytes[from] === QUOTE && bytes[to - 1] === QUOTE) {
      from++;
      to--;
    }
    if (from === to) return; // a blank line
    let value = plainDecimal(bytes, from, to);
    if (value < 0) value = Number(bytes.toString('utf8', from, to));
    if (value >= 0 && value < Number.POSITIVE_INFINITY) this.values.push(value);
    else if (this.line === 1 && !Number.isFinite(value))
      return; // a header line
    else throw new InputFileError(this.notANumber(bytes.toString('utf8', from, to)));
  }

  private notANumber(cell: string): string {
    const shown = cell.length > 60 ? `${cell.slice(0, 60)}…` : cell;
    return `${this.what} line ${this.line}: expected a number >= 0 in the first column, got ${JSON.stringify(shown)}`;
  }

  private lineTooLong(): string {
    return `${this.what} line ${this.line + 1} is longer than ${megabytes(BUFFER_BYTES)}; a trace line holds a number in its first column and perhaps a few more columns`;
  }
}

/** Space, tab, and the carriage return of a CRLF line end. */
function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

/**
 * A plain decimal ("12", "0.25", "1712.003") read from its bytes without making a string,
 * or -1 for anything else (a sign, an exponent, more than 15 digits), which the caller
 * hands to Number(). The digits form an integer below 10^15, exact in a double, and
 * dividing it by the power of ten (exact up to 10^22) rounds once, correctly: the result
 * is the double nearest the decimal, the same as Number(text) (Clinger's fast path).
 */
export function plainDecimal(bytes: Uint8Array, from: number, to: number): number {
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = -1; // -1 until the point
  for (let at = from; at < to; at++) {
    const byte = bytes[at]!;
    if (byte === DOT && fractionDigits === -1) {
      fractionDigits = 0;
      continue;
    }
    const digit = byte - DIGIT_0;
    if (digit < 0 || digit > 9 || ++digits > 15) return -1;
    mantissa = mantissa * 10 + digit;
    if (fractionDigits >= 0) fractionDigits++;
  }
  if (digits === 0) return -1;
  return fractionDigits <= 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits]!;
}

/** 10^0 to 10^15, each exact in a double (read from literals, which round correctly). */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => Number(`1e${exponent}`));
