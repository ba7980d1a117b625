import type { z } from 'zod';

/**
 * The first problem zod found in a JSON file msasim reads back (a sweep manifest, a run
 * file), in a few words: where in the file, what was expected, what is there.
 *   runs: expected a whole number >= 1, got -1
 *   result: expected object, got nothing
 */
export function describeFirstIssue(error: z.ZodError, root: unknown): string {
  const issue = error.issues[0]!;
  const got = describeValue(valueAt(root, issue.path));
  if (issue.path.length === 0) return `it holds ${got}, not a JSON object`;
  const expected =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}`
      : issue.message.replace(/^Invalid (input|option): /, '');
  return `${issue.path.join('.')}: ${expected}, got ${got}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  }
  return String(value);
}

/**
 * Why JSON.parse refused a file, located by line and column rather than by the character
 * offset Node gives ("Unexpected token } in JSON at position 1234"); a text that stops
 * before its value is complete is said to be cut short:
 *   line 3, column 2: Expected double-quoted property name in JSON
 *   it ends at line 9 in the middle of a value (truncated?)
 */
export function jsonSyntaxReason(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /(.*?) at position (\d+)/.exec(message);
  const at = position === null ? undefined : Number(position[2]);
  const content = text.trimEnd();
  if (/Unexpected end of JSON input/.test(message) || (at !== undefined && at >= content.length)) {
    return `it ends at line ${content.split('\n').length} in the middle of a value (truncated?)`;
  }
  if (position === null || at === undefined) return message;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${position[1]}`;
}
