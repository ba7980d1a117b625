import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isSeq,
  type LineCounter,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { type ScenarioIssue, SYNTAX_PATH } from './errors.js';
import { isMergeKey, positionOf } from './locate.js';

/**
 * What a parsed YAML document must be before it becomes data, checked without recursion
 * so that no document can overflow the stack here (everything after this recurses):
 *
 * - nested at most MAX_NESTING collections deep, counting through aliases: a block map
 *   2,000 levels deep overflowed the stack of later, recursive steps;
 * - at most MAX_VALUES values once every alias is expanded: ten lines of aliases of
 *   aliases ("billion laughs") stand for 10^9 values;
 * - every alias after its anchor, and outside the node it stands for (`&a [*a]` would be
 *   data that contains itself);
 * - every merge key (`<<`) given a mapping, an alias of one, or a list of those.
 *
 * The YAML library's own guard against alias bombs (maxAliasCount) counts the uses of
 * each anchor, so it would refuse a scenario whose 101 services each merge `<<: *base`;
 * this check counts what the uses expand to instead.
 */

/** Collections inside collections; the shipped scenarios use at most 8. */
export const MAX_NESTING = 64;
/** Scalars and collections with aliases expanded: a 1 MB file written out holds half. */
export const MAX_VALUES = 1_000_000;

export const NESTING_MESSAGE = `the YAML is nested more than ${MAX_NESTING} levels deep here, far deeper than a scenario needs (about 10)`;

const TOO_MANY_MESSAGE = `the document holds more than ${MAX_VALUES.toLocaleString('en-US')} values, far more than a scenario needs; put bulk data such as recorded arrivals in a trace file`;

const EXPANSION_MESSAGE = `with its aliases expanded the document holds more than ${MAX_VALUES.toLocaleString('en-US')} values, far more than a scenario needs; an alias repeats the whole node it stands for, so aliases of nodes that hold aliases multiply`;

const MERGE_MESSAGE =
  'a merge key (<<) takes a mapping, an alias of one (<<: *base) or a list of them (<<: [*base, *more])';

export function shapeIssues(
  document: Document.Parsed,
  file: string,
  lineCounter: LineCounter,
): ScenarioIssue[] {
  const check = new ShapeCheck(file, lineCounter);
  check.run(document.contents);
  return check.issues;
}

/** A node's size once aliases are expanded: collections deep, and values in all. */
interface Shape {
  height: number;
  values: number;
}

const SCALAR: Shape = { height: 0, values: 1 };

/** A collection being walked: its children in document order, keys before their values. */
interface Frame {
  node: YAMLMap | YAMLSeq;
  children: (Node | null)[];
  next: number;
  depth: number;
  shape: Shape;
}

class ShapeCheck {
  readonly issues: ScenarioIssue[] = [];
  /** anchors seen so far, by name: an alias stands for the last one before it */
  private readonly anchors = new Map<string, Node>();
  /** the shape of each collection walked to its end */
  private readonly shapes = new Map<Node, Shape>();
  /** collections being walked: an alias of one of these is inside what it stands for */
  private readonly open = new Set<Node>();
  /** values met so far, aliases expanded */
  private values = 0;
  /** of which aliases stood for */
  private aliasedValues = 0;
  /** a bound was passed: stop, the rest would only cost time */
  private stopped = false;

  constructor(
    private readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  run(root: Node | null): void {
    const stack: Frame[] = [];
    this.step(root, 1, stack);
    while (stack.length > 0 && !this.stopped) {
      const frame = stack.at(-1)!;
      if (frame.next === frame.children.length) {
        stack.pop();
        this.close(frame, stack.at(-1));
        continue;
      }
      const index = frame.next++;
      const child = frame.children[index] ?? null;
      if (isMap(frame.node) && index % 2 === 1 && isMergeKey(frame.children[index - 1])) {
        this.checkMergeSource(frame.children[index - 1] ?? null, child);
      }
      const shape = this.step(child, frame.depth + 1, stack);
      if (shape !== undefined) absorb(frame.shape, shape);
    }
  }

  /**
   * Meets a node at `depth` (the root's is 1): returns its shape, or, for a collection,
   * opens a frame for it and returns undefined (its shape is known when it closes).
   */
  private step(node: Node | null, depth: number, stack: Frame[]): Shape | undefined {
    if (node !== null && !isAlias(node) && node.anchor) this.anchors.set(node.anchor, node);
    if (isAlias(node)) return this.alias(node, depth);
    this.count(node, 1);
    if (!isMap(node) && !isSeq(node)) return SCALAR;
    if (depth > MAX_NESTING) return this.stop(node, NESTING_MESSAGE);
    this.open.add(node);
    const children = node.items.flatMap((item) =>
      isPair(item) ? [item.key as Node | null, item.value as Node | null] : [item as Node | null],
    );
    stack.push({ node, children, next: 0, depth, shape: { height: 0, values: 0 } });
    return undefined;
  }

  private close(frame: Frame, parent: Frame | undefined): void {
    this.open.delete(frame.node);
    const shape = { height: frame.shape.height + 1, values: frame.shape.values + 1 };
    this.shapes.set(frame.node, shape);
    if (parent !== undefined) absorb(parent.shape, shape);
  }

  private alias(alias: Node & { source: string }, depth: number): Shape | undefined {
    const target = this.anchors.get(alias.source);
    if (target === undefined) {
      const message = `unknown alias "*${alias.source}"; an anchor (&${alias.source}) must come before its alias`;
      this.issue(alias, message);
      return SCALAR;
    }
    if (this.open.has(target)) {
      const message = `alias "*${alias.source}" is inside the node it stands for (&${alias.source}), so the data would contain itself`;
      this.issue(alias, message);
      return SCALAR;
    }
    const shape = this.shapes.get(target) ?? SCALAR;
    if (depth - 1 + shape.height > MAX_NESTING) return this.stop(alias, NESTING_MESSAGE);
    this.aliasedValues += shape.values;
    this.count(alias, shape.values);
    return shape;
  }

  private count(node: Node | null, values: number): void {
    this.values += values;
    if (this.values <= MAX_VALUES) return;
    // Written out in full, or multiplied by aliases: say which, the fix differs.
    const written = this.values - this.aliasedValues;
    this.stop(node, written > MAX_VALUES ? TOO_MANY_MESSAGE : EXPANSION_MESSAGE);
  }

  private checkMergeSource(key: Node | null, value: Node | null): void {
    const sources = isSeq(value) ? value.items : [value];
    const mergeable = (source: unknown): boolean =>
      isMap(source) ||
      (isAlias(source) &&
        (!this.anchors.has(source.source) || isMap(this.anchors.get(source.source))));
    if (!sources.every(mergeable)) this.issue(value ?? key, MERGE_MESSAGE);
  }

  private stop(node: Node | null, message: string): undefined {
    if (!this.stopped) this.issue(node, message);
    this.stopped = true;
    return undefined;
  }

  private issue(node: Node | null, message: string): void {
    this.issues.push({ file: this.file, ...this.position(node), path: SYNTAX_PATH, message });
  }

  private position(node: Node | null): { line: number; column: number } {
    return positionOf(node?.range?.[0] ?? 0, this.lineCounter);
  }
}

function absorb(into: Shape, child: Shape): void {
  into.height = Math.max(into.height, child.height);
  into.values += child.values;
}
