import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type ParsedNode,
  type YAMLMap,
} from 'yaml';
import type { Locate, PathSegment, Position } from './errors.js';

/**
 * Maps a path in the scenario to where the file writes it, using the node ranges the YAML
 * parser keeps. A path the file does not write (a field left to its default, a field
 * that is missing) points at its nearest ancestor that the file does write.
 */
export function documentLocator(document: Document.Parsed, lineCounter: LineCounter): Locate {
  return (path, at = 'value') => {
    const node = nodeAt(document, path, at);
    return positionOf(node?.range?.[0] ?? 0, lineCounter);
  };
}

export function positionOf(offset: number, lineCounter: LineCounter): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function nodeAt(
  document: Document.Parsed,
  path: readonly PathSegment[],
  at: 'key' | 'value',
): Node | null {
  let node: Node | null = document.contents;
  for (const [index, segment] of path.entries()) {
    // An alias stands for its anchored node: follow it to go deeper.
    const here: Node | null | undefined = isAlias(node) ? node.resolve(document) : node;
    const child = childOf(document, here, segment, at === 'key' && index === path.length - 1);
    if (child === undefined) break;
    node = child;
  }
  return node;
}

/** The child at `segment`, or undefined when the file does not write it. */
function childOf(
  document: Document.Parsed,
  node: Node | null | undefined,
  segment: PathSegment,
  wantKey: boolean,
): Node | undefined {
  if (isMap(node)) {
    const pair = pairNamed(document, node, String(segment));
    if (pair === undefined) return undefined;
    const key = pair.key as ParsedNode;
    // `field:` with nothing after it has no value worth pointing at: point at the field.
    if (wantKey || !hasPosition(pair.value)) return key;
    return pair.value as ParsedNode;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return hasPosition(item) ? (item as ParsedNode) : undefined;
  }
  return undefined;
}

/**
 * The pair of `map` whose key is `name`: its own, or else one a merge key (`<<: *base`,
 * `<<: [*a, *b]`) brings in, the first source that has it winning as in YAML's merge.
 * A field that comes from a merged mapping is written there, so that is where it is.
 */
function pairNamed(document: Document.Parsed, map: YAMLMap, name: string): Pair | undefined {
  const own = map.items.find((item) => keyName(item.key) === name);
  if (own !== undefined) return own;
  for (const merge of map.items.filter((item) => isMergeKey(item.key))) {
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      const mapping = isAlias(source) ? source.resolve(document) : source;
      const pair = isMap(mapping) ? pairNamed(document, mapping, name) : undefined;
      if (pair !== undefined) return pair;
    }
  }
  return undefined;
}

export function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  // A merge key's value is a symbol once merge keys are on: name it as it is written.
  return typeof key.value === 'symbol' ? (key.value.description ?? '<<') : String(key.value);
}

/** `<<` written as a plain key, which YAML's merge reads as "take these fields too". */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

function hasPosition(node: unknown): boolean {
  const range = (node as Node | null | undefined)?.range;
  // An empty value's range is empty: it starts where the next thing begins.
  return range !== undefined && range !== null && range[1] > range[0];
}
