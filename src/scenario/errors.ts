import type { z } from 'zod';
import { closestMatch, suggestionText } from './suggest.js';
import { show } from './units.js';

/**
 * Everything the loader reports, and how: a problem found anywhere (YAML syntax, schema,
 * semantic checks) becomes a ScenarioIssue located at a line and column of the file, and a
 * ScenarioError carries all of them at once, one `FILE:LINE:COLUMN: PATH: MESSAGE` line each.
 *
 * Paths are written the way a reader would navigate the YAML: dotted field names, list
 * indices in brackets, and keys that are not plain names (they hold spaces, dots, slashes)
 * quoted in brackets: `services.api.endpoints["GET /product"].cpu`, `workload[0].rate`.
 * `(root)` is the document itself; `(yaml)` marks a syntax error, which has no field path.
 */

export type PathSegment = string | number;

export interface ScenarioIssue {
  file: string;
  /** 1-based; 0 when the scenario came as an object, with no file to point into. */
  line: number;
  /** 1-based; 0 with line 0. */
  column: number;
  /** The field path (see above), `(root)` or `(yaml)`. */
  path: string;
  message: string;
}

/** A problem before it is placed in the file: a path into the scenario and a message. */
export interface Problem {
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** Point at the key at `path` instead of its value: for misspelt and duplicate fields. */
  readonly at?: 'key' | 'value';
}

export interface Position {
  line: number;
  column: number;
}

/** Finds where a path is written in the file; see locate.ts. */
export type Locate = (path: readonly PathSegment[], at?: 'key' | 'value') => Position;

export const ROOT_PATH = '(root)';
export const SYNTAX_PATH = '(yaml)';

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  /** Sorted by line, then column; never empty. */
  readonly issues: ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    const sorted = sortIssues(issues);
    super(sorted.map(formatIssue).join('\n'));
    this.issues = sorted;
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  const at = issue.line === 0 ? '' : `:${issue.line}:${issue.column}`;
  return `${issue.file}${at}: ${issue.path}: ${issue.message}`;
}

/** By position; issues at the same position keep the order they were found in. */
function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return ROOT_PATH;
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_NAME.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Places problems in the file, dropping exact repeats (a union can report one twice). */
export function locateProblems(
  problems: readonly Problem[],
  file: string,
  locate: Locate,
): ScenarioIssue[] {
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const problem of problems) {
    const { line, column } = locate(problem.path, problem.at ?? 'value');
    const issue = { file, line, column, path: formatPath(problem.path), message: problem.message };
    const key = formatIssue(issue);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

// ── zod issues in plain words ──────────────────────────────────────────────────────────
//
// Two steps. The error map below writes each leaf issue's message while zod still knows
// which schema raised it (the bounds of a number, the fields of an object). Then
// problemsFromZod() reshapes the issue tree: it picks the branch of a union the user
// meant, splits "unrecognized keys" into one problem per key, and moves "missing field"
// problems to the object that lacks the field.

type RawIssue = z.core.$ZodRawIssue;
type ZodIssue = z.core.$ZodIssue;

/** What the error map tells problemsFromZod about an object's fields; see unknownFields. */
interface AllowedFields {
  allowedFields: string[];
}

/** Pass as `{ error: zodErrorMap }` to safeParse; issues with their own message keep it. */
export const zodErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? undefined : wrongType(issue);
    case 'too_small':
    case 'too_big':
      return outOfRange(issue);
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}; got ${show(issue.input)}${nearestValue(issue)}`;
    case 'unrecognized_keys': {
      // zod names the unknown keys but not the allowed ones, which only the object schema
      // that raised the issue knows; its message is the one channel to the next step.
      const allowed: AllowedFields = { allowedFields: objectFields(issue.inst) };
      return JSON.stringify(allowed);
    }
    case 'invalid_union':
      return issue.input === undefined
        ? undefined
        : `expected ${kindsText(unionKinds(issue.errors))}, got ${show(issue.input)}`;
    default:
      return undefined;
  }
};

function wrongType(issue: Extract<RawIssue, { code: 'invalid_type' }>): string {
  const got = show(issue.input);
  switch (issue.expected) {
    case 'number':
    case 'int':
      return `expected ${numberRule(issue)}, got ${got}`;
    case 'boolean':
      return `expected a boolean (true or false), got ${got}`;
    default:
      return `expected ${kindText(issue.expected)}, got ${got}`;
  }
}

function outOfRange(issue: Extract<RawIssue, { code: 'too_small' | 'too_big' }>): string {
  const input = issue.input;
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const least = issue.code === 'too_small';
  switch (issue.origin) {
    case 'number':
    case 'int':
      return `expected ${numberRule(issue)}, got ${show(input)}`;
    case 'array': {
      const count = Array.isArray(input) ? input.length : 0;
      const got = count === 0 ? 'an empty list' : `${count}`;
      return `expected ${least ? 'at least' : 'at most'} ${plural(limit, 'item')}, got ${got}`;
    }
    case 'string': {
      if (least && limit === 1) return 'expected a non-empty string';
      const length = typeof input === 'string' ? input.length : 0;
      return `expected ${least ? 'at least' : 'at most'} ${plural(limit, 'character')}, got ${length}`;
    }
    default:
      return `expected ${least ? 'at least' : 'at most'} ${limit}, got ${show(input)}`;
  }
}

interface CheckDef {
  check?: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

/**
 * "a whole number >= 1", read off the number schema's checks so the message states every
 * rule at once rather than only the one that failed.
 */
function numberRule(issue: RawIssue): string {
  const schema = issue.schema ?? issue.inst;
  const def = schema?._zod.def as { checks?: { _zod: { def: CheckDef } }[] } | undefined;
  const checks = def?.checks ?? [];
  let whole = false;
  const bounds: string[] = [];
  for (const { _zod } of checks) {
    const check = _zod.def;
    if (check.check === 'number_format' && check.format?.includes('int')) whole = true;
    if (check.check === 'greater_than')
      bounds.push(`${check.inclusive ? '>=' : '>'} ${check.value}`);
    if (check.check === 'less_than') bounds.push(`${check.inclusive ? '<=' : '<'} ${check.value}`);
  }
  const kind = whole ? 'a whole number' : 'a number';
  return bounds.length === 0 ? kind : `${kind} ${bounds.join(' and ')}`;
}

function objectFields(schema: unknown): string[] {
  const shape = (schema as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/** What each branch of a union expected, when the value fit none of them by type. */
function unionKinds(branches: readonly (readonly ZodIssue[])[]): string[] {
  const kinds: string[] = [];
  for (const issue of branches.flat()) {
    if (issue.path.length > 0) continue;
    if (issue.code === 'invalid_type') kinds.push(issue.expected);
    if (issue.code === 'invalid_union') kinds.push(...unionKinds(issue.errors));
  }
  return [...new Set(kinds)];
}

const KIND_TEXT: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a boolean (true or false)',
  object: 'a mapping (field: value)',
  record: 'a mapping (name: value)',
  array: 'a list',
};

function kindText(kind: string): string {
  return KIND_TEXT[kind] ?? kind;
}

function kindsText(kinds: readonly string[]): string {
  const texts = [...new Set(kinds.map(kindText))];
  if (texts.length <= 1) return texts[0] ?? 'another value';
  return `${texts.slice(0, -1).join(', ')} or ${texts.at(-1)}`;
}

/** `; did you mean "eks"?` when a string value is one slip away from an allowed one. */
function nearestValue(issue: { input?: unknown; values: readonly unknown[] }): string {
  if (typeof issue.input !== 'string') return '';
  const allowed = issue.values.filter((v): v is string => typeof v === 'string');
  const nearest = closestMatch(issue.input, allowed);
  return nearest === undefined ? '' : `; did you mean "${nearest}"?`;
}

function oneOf(values: readonly unknown[]): string {
  if (values.length === 1) return show(values[0]);
  return `one of ${values.map(String).join(', ')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A problem as the union-picking step needs to see it. */
interface ZodProblem extends Problem {
  /** The value was of the wrong type (this branch of a union did not apply). */
  readonly wrongType?: boolean;
  /** An unknown field, and the known field it is most likely a misspelling of. */
  readonly unknown?: { readonly suggestion: string | undefined };
  /** A required field that is absent. */
  readonly missing?: string;
}

/** Turns zod's issues (parsed with zodErrorMap and reportInput) into located-ready problems. */
export function problemsFromZod(issues: readonly ZodIssue[]): Problem[] {
  const problems = issues.flatMap((issue) => problemsFromIssue(issue, []));
  return withoutMissingFieldsExplainedByTypos(problems).map(({ path, message, at }) =>
    at === undefined ? { path, message } : { path, message, at },
  );
}

function problemsFromIssue(issue: ZodIssue, prefix: readonly PathSegment[]): ZodProblem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownFields(issue, path);
    case 'invalid_union':
      return issue.discriminator === undefined
        ? problemsFromUnion(issue, path)
        : [badDiscriminator(issue, path)];
    case 'invalid_key':
      return [invalidName(issue, path)];
    case 'invalid_format':
      return [{ path, message: `${issue.message}; got ${show(issue.input)}` }];
    case 'invalid_type':
      if (isMissing(issue, path)) return [missingField(path)];
      return [{ path, message: issue.message, wrongType: true }];
    case 'invalid_value':
      if (isMissing(issue, path)) return [missingField(path)];
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

function unknownFields(
  issue: Extract<ZodIssue, { code: 'unrecognized_keys' }>,
  path: readonly PathSegment[],
): ZodProblem[] {
  const allowed = allowedFieldsFrom(issue.message);
  return issue.keys.map((key) => {
    const suggestion = closestMatch(key, allowed);
    return {
      path: [...path, key],
      at: 'key' as const,
      message: `unknown field "${key}"${suggestionText(suggestion, allowed, 'allowed fields are')}`,
      unknown: { suggestion },
    };
  });
}

function allowedFieldsFrom(message: string): string[] {
  try {
    const parsed = JSON.parse(message) as Partial<AllowedFields>;
    return Array.isArray(parsed.allowedFields) ? parsed.allowedFields : [];
  } catch {
    return [];
  }
}

/** A YAML value is never undefined: an undefined input is a field the file leaves out. */
function isMissing(issue: ZodIssue, path: readonly PathSegment[]): boolean {
  return issue.input === undefined && path.length > 0;
}

function missingField(path: readonly PathSegment[]): ZodProblem {
  const field = String(path.at(-1));
  return {
    path: path.slice(0, -1),
    message: `missing required field "${field}"`,
    missing: field,
  };
}

/** A discriminated union (workload `arrivals`, profile `type`) whose tag is absent or unknown. */
function badDiscriminator(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: readonly PathSegment[],
): ZodProblem {
  const input = issue.input as Record<string, unknown> | undefined;
  const tag = input?.[issue.discriminator ?? ''];
  if (tag === undefined) return missingField(path);
  const options = 'options' in issue ? (issue.options ?? []) : [];
  const message = `expected ${oneOf(options)}; got ${show(tag)}`;
  return { path, message: message + nearestValue({ input: tag, values: options }) };
}

function invalidName(
  issue: Extract<ZodIssue, { code: 'invalid_key' }>,
  path: readonly PathSegment[],
): ZodProblem {
  const reasons = issue.issues.map((inner) => inner.message).join('; ');
  return { path, at: 'key', message: `invalid name ${show(path.at(-1))}: ${reasons}` };
}

/**
 * zod reports a value that fits no branch of a union with every branch's issues. Report
 * only the branch the user evidently meant: the ones whose type the value has (a mapping
 * for a mapping branch), and of those the one with the fewest, most explainable problems.
 */
function problemsFromUnion(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: readonly PathSegment[],
): ZodProblem[] {
  const branches = issue.errors.map((branch) =>
    branch.flatMap((inner) => problemsFromIssue(inner, path)),
  );
  const fitting = branches.filter(
    (problems) => !problems.some((p) => p.wrongType && p.path.length === path.length),
  );
  if (fitting.length === 0) {
    if (isMissing(issue, path)) return [missingField(path)];
    return [{ path, message: issue.message, wrongType: true }];
  }
  return fitting.reduce((best, branch) => (cost(branch) < cost(best) ? branch : best));
}

/** A misspelt field with a suggestion explains itself; one without hints at the wrong branch. */
function cost(problems: readonly ZodProblem[]): number {
  return problems.reduce(
    (sum, p) => sum + (p.unknown !== undefined && p.unknown.suggestion === undefined ? 2 : 1),
    0,
  );
}

/** `rat: 10/s` is one mistake: say "did you mean rate?", not also "missing field rate". */
function withoutMissingFieldsExplainedByTypos(problems: readonly ZodProblem[]): ZodProblem[] {
  const suggested = new Set(
    problems
      .filter((p) => p.unknown?.suggestion !== undefined)
      .map((p) => JSON.stringify([...p.path.slice(0, -1), p.unknown!.suggestion])),
  );
  return problems.filter(
    (p) => p.missing === undefined || !suggested.has(JSON.stringify([...p.path, p.missing])),
  );
}
