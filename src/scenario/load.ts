import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import {
  formatPath,
  type Locate,
  locateProblems,
  type PathSegment,
  problemsFromZod,
  ROOT_PATH,
  ScenarioError,
  type ScenarioIssue,
  SYNTAX_PATH,
  zodErrorMap,
} from './errors.js';
import { documentLocator, keyName, positionOf } from './locate.js';
import { resolveRightSizing } from './right-sizing.js';
import { type Scenario, scenarioSchema } from './schema.js';
import { checkScenario } from './semantic.js';
import { NESTING_MESSAGE, shapeIssues } from './yaml-shape.js';

/**
 * How every reader of a scenario parses its YAML. Merge keys (`<<: *base`) are on, as
 * Kubernetes users write them; duplicate keys are left to duplicateKeys() below, which
 * reports them with the schema's problems; errors are plain messages, located by us.
 */
export const YAML_OPTIONS = { merge: true, prettyErrors: false, uniqueKeys: false } as const;

/**
 * Reads a scenario file's text: YAML, then the schema (types, units, defaults), then the
 * semantic checks that need the whole scenario (calls name real endpoints, no cycles...).
 * Throws one ScenarioError with every problem found by the first stage that finds any:
 * later stages would mostly report echoes of the earlier ones. Duplicate keys are the
 * exception, reported together with the schema's problems.
 *
 * The caller reads the file (this module also runs in the browser); `fileName` is only
 * used in messages.
 */
export function parseScenario(text: string, fileName = 'scenario.yaml'): Scenario {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  // After a YAML syntax error the parser's later errors are mostly its consequences (one
  // tab can yield eight), so only the first is reported, with a count of the rest.
  const [first, ...rest] = document.errors;
  if (first !== undefined) {
    // The parser reports its own stack overflow, on nesting far deeper than ours allows.
    const tooDeep = first.code === 'RESOURCE_EXHAUSTION';
    const more =
      rest.length === 0 || tooDeep
        ? ''
        : ` (fix this first: the ${rest.length} YAML error(s) after it may follow from it)`;
    const message = (tooDeep ? NESTING_MESSAGE : first.message) + more;
    throw new ScenarioError([
      syntaxIssue(fileName, positionOf(first.pos[0], lineCounter), message),
    ]);
  }

  // Nesting and aliases first: every step after this one recurses through the document.
  const shapeProblems = shapeIssues(document, fileName, lineCounter);
  if (shapeProblems.length > 0) throw new ScenarioError(shapeProblems);
  const unusable = [
    ...reservedKeys(document.contents, fileName, lineCounter),
    ...valuesCutByCommas(document.contents, text, fileName, lineCounter),
  ];
  if (unusable.length > 0) throw new ScenarioError(unusable);

  const duplicates = duplicateKeys(document.contents, fileName, lineCounter);
  const value = toValue(document, fileName);
  const { scenario, issues } = validate(value, fileName, documentLocator(document, lineCounter));
  // A duplicate key is reported with the schema's problems: the last value given wins, and
  // what is wrong with it is worth knowing in the same run.
  if (duplicates.length > 0 || scenario === undefined) {
    throw new ScenarioError([...duplicates, ...issues]);
  }
  return scenario;
}

/**
 * Validates a scenario that is already a JavaScript value: from JSON, or re-validated after
 * a sweep overrode some of its fields. `locate` says where a path was written, for the
 * messages; without it every issue is placed at 1:1.
 */
export function parseScenarioValue(
  value: unknown,
  fileName: string,
  locate: Locate = () => ({ line: 1, column: 1 }),
): Scenario {
  const { scenario, issues } = validate(value, fileName, locate);
  if (scenario === undefined) throw new ScenarioError(issues);
  return scenario;
}

function validate(
  value: unknown,
  fileName: string,
  locate: Locate,
): { scenario?: Scenario; issues: ScenarioIssue[] } {
  if (value === null || value === undefined) {
    const position = locate([]);
    return { issues: [{ file: fileName, ...position, path: ROOT_PATH, message: EMPTY_MESSAGE }] };
  }
  const parsed = scenarioSchema.safeParse(value, { error: zodErrorMap, reportInput: true });
  if (!parsed.success) {
    return { issues: locateProblems(problemsFromZod(parsed.error.issues), fileName, locate) };
  }
  const problems = checkScenario(parsed.data);
  if (problems.length > 0) return { issues: locateProblems(problems, fileName, locate) };
  // Right-sized replicas need the whole, checked scenario: its workloads and call graph.
  const sized = resolveRightSizing(parsed.data);
  if (sized.problems.length > 0)
    return { issues: locateProblems(sized.problems, fileName, locate) };
  return { scenario: sized.scenario, issues: [] };
}

const EMPTY_MESSAGE = `the scenario is empty; it needs at least ${andList(requiredFields())}`;

function andList(words: readonly string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The top-level fields without a default, read off the schema so the list stays true. */
function requiredFields(): string[] {
  return Object.entries(scenarioSchema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

/**
 * The document as plain data. Aliases were bounded by shapeIssues(), which counts what
 * they expand to; the library's count of alias uses would refuse 101 merges of one base.
 */
export const TO_JS_OPTIONS = { maxAliasCount: -1 } as const;

function toValue(document: Document.Parsed, fileName: string): unknown {
  try {
    return document.toJS(TO_JS_OPTIONS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ScenarioError([syntaxIssue(fileName, { line: 1, column: 1 }, message)]);
  }
}

function syntaxIssue(
  file: string,
  position: { line: number; column: number },
  message: string,
): ScenarioIssue {
  return { file, ...position, path: SYNTAX_PATH, message };
}

type NodeVisitor = (
  node: Node,
  path: PathSegment[],
  parent: YAMLMap | YAMLSeq,
  role: 'key' | 'value',
) => void;

/** Calls `visitor` on every key and value below `root`, with the path of the value. */
function walkNodes(root: Node | null, visitor: NodeVisitor): void {
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visitor(item as Node, [...path, index], node, 'value');
        walk(item, [...path, index]);
      });
    }
    if (!isMap(node)) return;
    for (const { key, value } of node.items) {
      const childPath = [...path, keyName(key) ?? '?'];
      visitor(key as Node, childPath, node, 'key');
      if (value !== null) visitor(value as Node, childPath, node, 'value');
      walk(value, childPath);
    }
  };
  walk(root, []);
}

/**
 * YAML itself lets the last of two equal keys win silently; a scenario that says
 * `replicas` twice almost certainly meant something else by one of them.
 */
function duplicateKeys(root: Node | null, file: string, lineCounter: LineCounter): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const firstLines = new Map<YAMLMap, Map<string, number>>();
  walkNodes(root, (node, path, parent, role) => {
    const name = path.at(-1);
    if (role !== 'key' || !isMap(parent) || typeof name !== 'string') return;
    const seen = firstLines.get(parent) ?? new Map<string, number>();
    firstLines.set(parent, seen);
    const position = positionOf(node.range?.[0] ?? 0, lineCounter);
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, position.line);
      return;
    }
    issues.push({
      file,
      ...position,
      path: formatPath(path),
      message: `duplicate key "${name}" (first given at line ${first}); a key may appear only once`,
    });
  });
  return issues;
}

/**
 * Inside `{ }` or `[ ]` a comma ends a plain value, so `{ cpu: lognormal(median=4ms,
 * p99=30ms) }` gives cpu the text `lognormal(median=4ms` and a stray key `p99=30ms)`. The
 * schema would report both halves, neither helpfully; say what happened instead.
 */
function valuesCutByCommas(
  root: Node | null,
  text: string,
  file: string,
  lineCounter: LineCounter,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  walkNodes(root, (node, path, parent) => {
    if (!parent.flow || !isScalar(node) || node.type !== 'PLAIN') return;
    if (typeof node.value !== 'string' || !opensMoreThanCloses(node.value)) return;
    const start = node.range?.[0] ?? 0;
    const whole = balancedText(text, start);
    const fix = whole === undefined ? 'put the value in quotes' : `write it in quotes: "${whole}"`;
    issues.push({
      file,
      ...positionOf(start, lineCounter),
      path: formatPath(path),
      message: `inside { } or [ ] a comma ends a value, so this one reads "${node.value}"; ${fix}`,
    });
  });
  return issues;
}

function opensMoreThanCloses(text: string): boolean {
  return text.split('(').length > text.split(')').length;
}

/** The text from `start` to where its parentheses balance, if they do on that line. */
function balancedText(text: string, start: number): string | undefined {
  let depth = 0;
  for (let at = start; at < text.length && text[at] !== '\n'; at++) {
    if (text[at] === '(') depth++;
    if (text[at] === ')' && --depth === 0) return text.slice(start, at + 1);
  }
  return undefined;
}

export const RESERVED_KEY_MESSAGE =
  '"__proto__" cannot name anything in a scenario (JavaScript reserves it); choose another name';

/**
 * A key named `__proto__` would not become a field: JavaScript objects treat it as their
 * prototype, so a service or variant of that name would vanish without a word.
 */
function reservedKeys(root: Node | null, file: string, lineCounter: LineCounter): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  walkNodes(root, (node, path, _parent, role) => {
    if (role !== 'key' || path.at(-1) !== '__proto__') return;
    issues.push({
      file,
      ...positionOf(node.range?.[0] ?? 0, lineCounter),
      path: formatPath(path),
      message: RESERVED_KEY_MESSAGE,
    });
  });
  return issues;
}
