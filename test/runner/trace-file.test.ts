import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/runner/input-file.js';
import { plainDecimal, readTraceColumn } from '../../src/runner/trace-file.js';

const WHAT = 'trace file "t.csv"';
const LIMIT = 200_000_000;

/** Writes `content` to a fresh folder's t.csv and reads it as a trace. */
function read(content: string | Uint8Array, limitBytes = LIMIT): number[] {
  const path = join(mkdtempSync(join(tmpdir(), 'msasim-trace-')), 't.csv');
  writeFileSync(path, content);
  return readTraceColumn(path, WHAT, limitBytes);
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputFileError) return error.message;
    throw error;
  }
  throw new Error('expected an InputFileError');
}

/** What the reader must agree with: the rules applied to each line as a string. */
function referenceColumn(text: string): number[] {
  return text
    .split(/\r?\n/)
    .map((line) => (line.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1'))
    .filter((cell, index) => cell !== '' && !(index === 0 && Number.isNaN(Number(cell))))
    .map(Number);
}

describe('reading a trace file as a stream of numbers', () => {
  it('takes the first column, skipping a header line, blank lines and quotes, LF or CRLF', () => {
    expect(read('time,user\r\n0.5,a\r\n\r\n"1.25",b\r\n 2 ,c\n\t3\t\n4')).toEqual([
      0.5, 1.25, 2, 3, 4,
    ]);
  });

  it('reads every way of writing a number as Number() does', () => {
    const cells = ['7', '007', '0.1', '.5', '5.', '1e3', '1E-3', '0x10', '+4', '1712345678.123456'];
    const more = ['123456789012345678', '0.30000000000000004', '9007199254740993', '1e-320'];
    const all = [...cells, ...more];
    expect(read(`${all.join('\n')}\n`)).toEqual(all.map(Number));
  });

  it('reads a plain decimal from its bytes to the same double as Number()', () => {
    const decimal = fc
      .tuple(fc.stringMatching(/^[0-9]{0,20}$/), fc.option(fc.stringMatching(/^[0-9]{0,20}$/)))
      .map(([whole, fraction]) => (fraction === null ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(decimal, (text) => {
        const value = plainDecimal(Buffer.from(text), 0, text.length);
        const digits = text.replace('.', '').length;
        // -1 only when it is left to Number(): more than 15 digits, or none.
        if (digits >= 1 && digits <= 15) expect(value).toBe(Number(text));
        else expect(value).toBe(-1);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads lines that straddle the end of its 1 MB buffer whole', () => {
    // About 3.5 MB of lines of varied length, so line ends fall anywhere in the buffer.
    const lines = Array.from(
      { length: 200_000 },
      (_, i) => `${(i * 1.37).toFixed(i % 7)},${'x'.repeat(i % 13)}`,
    );
    const text = `at,pad\n${lines.join('\n')}\n`;
    expect(read(text)).toEqual(referenceColumn(text));
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(read('\uFEFFtime\n1\n2\n')).toEqual([1, 2]);
  });
});

describe('a trace line that is not a number >= 0 is named by its line', () => {
  it('far into the file, past the first buffer', () => {
    const text = `time\n${'0.25\n'.repeat(300_000)}soon\n1\n`;
    expect(errorOf(() => read(text))).toBe(
      'trace file "t.csv" line 300002: expected a number >= 0 in the first column, got "soon"',
    );
  });

  it('on line 1 a negative number is an error, not a header', () => {
    expect(errorOf(() => read('-1\n2\n'))).toBe(
      'trace file "t.csv" line 1: expected a number >= 0 in the first column, got "-1"',
    );
  });

  it('only line 1 may be a header', () => {
    expect(errorOf(() => read('time\nuser\n1\n'))).toBe(
      'trace file "t.csv" line 2: expected a number >= 0 in the first column, got "user"',
    );
  });

  it('a long cell is shown cut at 60 characters', () => {
    expect(errorOf(() => read(`1\n${'y'.repeat(500)}\n`))).toBe(
      `trace file "t.csv" line 2: expected a number >= 0 in the first column, got "${'y'.repeat(60)}…"`,
    );
  });

  it('a file with no numbers at all', () => {
    expect(errorOf(() => read('time\n\n\n'))).toBe('trace file "t.csv" has no values');
  });
});

describe('a trace file msasim cannot read', () => {
  it('over the size limit, refused before reading', () => {
    expect(read('1\n'.repeat(500_000), 1_000_000)).toHaveLength(500_000);
    expect(errorOf(() => read('1\n'.repeat(750_000), 1_000_000))).toBe(
      'trace file "t.csv" holds 1.5 MB; a trace file may hold at most 1 MB: give per-second counts instead of one timestamp per request (format: rates), split the trace over several workloads, or raise the limit with --max-trace-size 1.5MB',
    );
  });

  it('a line longer than 1 MB', () => {
    expect(errorOf(() => read(`1\n${'9'.repeat(1_100_000)}\n`))).toBe(
      'trace file "t.csv" line 2 is longer than 1 MB; a trace line holds a number in its first column and perhaps a few more columns',
    );
  });

  it('UTF-16, with or without a byte order mark', () => {
    const utf16le = Buffer.from('\uFEFFtime\n1\n', 'utf16le');
    expect(errorOf(() => read(utf16le))).toBe(
      'trace file "t.csv" is UTF-16 (little-endian) text; save it as UTF-8, the only encoding msasim reads',
    );
    const utf16be = Buffer.from('time\n1\n', 'utf16le').swap16();
    expect(errorOf(() => read(utf16be))).toBe(
      'trace file "t.csv" is UTF-16 (big-endian) text; save it as UTF-8, the only encoding msasim reads',
    );
  });

  it('bytes UTF-8 does not allow, named by line, even past the first buffer', () => {
    const latin1 = Buffer.concat([
      Buffer.from(`time,city\n${'1,Paris\n'.repeat(200_000)}`),
      Buffer.from('2,Besançon\n', 'latin1'),
    ]);
    expect(errorOf(() => read(latin1))).toBe(
      'trace file "t.csv" is not UTF-8 text (line 200002 holds bytes UTF-8 does not allow, as Latin-1 or Windows-1252 text would); save it as UTF-8, the only encoding msasim reads',
    );
  });

  it('binary data', () => {
    expect(errorOf(() => read(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00])))).toBe(
      'trace file "t.csv" is binary data (it holds NUL bytes), not text',
    );
  });

  it('a named pipe, a device or a directory: refused without reading', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msasim-trace-'));
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    mkdirSync(join(dir, 'folder.csv'));
    const reading = (path: string) => () => readTraceColumn(path, `trace file "x"`, LIMIT);
    expect(errorOf(reading(join(dir, 'pipe.csv')))).toBe(
      `cannot read trace file "x" (${join(dir, 'pipe.csv')}): it is a named pipe (FIFO); msasim reads only regular files (save the content to one first)`,
    );
    expect(errorOf(reading('/dev/zero'))).toBe(
      'cannot read trace file "x" (/dev/zero): it is a character device; msasim reads only regular files (save the content to one first)',
    );
    expect(errorOf(reading(join(dir, 'folder.csv')))).toBe(
      `cannot read trace file "x" (${join(dir, 'folder.csv')}): it is a directory`,
    );
  });
});
