import { isUtf8 } from 'node:buffer';

/**
 * msasim reads text in UTF-8, with or without a byte order mark. Anything else is refused
 * with what it looks like, rather than read as garbage: a UTF-16 file read as UTF-8 is a
 * NUL between every two letters, which the YAML parser would echo back whole.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** 3 when `bytes` starts with UTF-8's byte order mark, else 0: where the text starts. */
export function utf8BomLength(bytes: Uint8Array): number {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte) ? UTF8_BOM.length : 0;
}

const BYTE_ORDER_MARKS: readonly { bytes: readonly number[]; encoding: string }[] = [
  // UTF-32 LE first: its mark begins with UTF-16 LE's.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'UTF-32 (little-endian) text' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'UTF-32 (big-endian) text' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16 (little-endian) text' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16 (big-endian) text' },
];

/** How many leading bytes the guess from NUL bytes looks at. */
const SNIFF_BYTES = 4096;

/**
 * What a file that is not UTF-8 looks like from its first bytes, or undefined when nothing
 * says so. A byte order mark names the encoding. Without one, UTF-16 shows as NUL bytes in
 * every other position (the high byte of each ASCII letter: at odd offsets in
 * little-endian, even in big-endian); NUL bytes in any other pattern are binary data.
 */
export function foreignEncoding(head: Uint8Array): string | undefined {
  const mark = BYTE_ORDER_MARKS.find(({ bytes }) => bytes.every((byte, i) => head[i] === byte));
  if (mark !== undefined) return mark.encoding;
  const length = Math.min(head.length, SNIFF_BYTES);
  const nuls = [0, 0];
  for (let at = 0; at < length; at++) if (head[at] === 0) nuls[at % 2]!++;
  const [even, odd] = nuls as [number, number];
  if (even + odd === 0) return undefined;
  const pairs = Math.floor(length / 2);
  if (odd >= pairs / 2 && even <= odd / 10) return 'UTF-16 (little-endian) text';
  if (even >= pairs / 2 && odd <= even / 10) return 'UTF-16 (big-endian) text';
  return BINARY;
}

/** What foreignEncoding says of a file with NUL bytes in no text encoding's pattern. */
export const BINARY = 'binary data';

/**
 * The 1-based line (counting from `firstLine`) of the first byte sequence UTF-8 does not
 * allow, or undefined when `bytes` is all UTF-8. `bytes` must end at a character boundary.
 */
export function firstNonUtf8Line(bytes: Uint8Array, firstLine = 1): number | undefined {
  if (isUtf8(bytes)) return undefined;
  // Only on failure: decoding replaces each bad sequence by U+FFFD, so the first one
  // is the first bad spot (a U+FFFD written in the file itself would come out earlier,
  // which only moves the line named).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const bad = text.indexOf('\uFFFD');
  let line = firstLine;
  for (let at = text.indexOf('\n'); at !== -1 && at < bad; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * Why `what` (`scenario file "x.yaml"`) cannot be read, when foreignEncoding saw `seen`
 * or, for `seen` a line number, when that line is not UTF-8.
 */
export function encodingMessage(what: string, seen: string | number): string {
  if (seen === BINARY) return `${what} is binary data (it holds NUL bytes), not text`;
  const text =
    typeof seen === 'number'
      ? `not UTF-8 text (line ${seen} holds bytes UTF-8 does not allow, as Latin-1 or Windows-1252 text would)`
      : seen;
  return `${what} is ${text}; save it as UTF-8, the only encoding msasim reads`;
}
