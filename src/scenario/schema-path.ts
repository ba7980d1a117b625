import type { z } from 'zod';
import type { PathSegment } from './errors.js';

/**
 * The schema read along a path of the scenario document, for sweep overrides that pass
 * through a field the file leaves out (`cluster.network.sameZone` with no `network:`):
 * what the schema puts there when it is absent, and which fields it knows there.
 *
 * zod keeps a schema's structure in `_zod.def`: wrappers (optional, default, prefault...)
 * hold an `innerType`, a pipe (a transform) its input side in `in`, objects a `shape`,
 * records a `valueType`, arrays an `element`, unions their `options`.
 */

type Schema = z.core.$ZodType;

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  valueType?: Schema;
  element?: Schema;
  options?: readonly Schema[];
  defaultValue?: unknown;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch']);

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

/** The input side of a schema, through its wrappers and transforms. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else return current;
  }
}

/** The schemas a child may have: one, or one per option of a union that has it. */
function children(schema: Schema, segment: PathSegment): Schema[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
      return typeof segment === 'string' &&
        def.shape !== undefined &&
        Object.hasOwn(def.shape, segment)
        ? [def.shape[segment]!]
        : [];
    case 'record':
      return typeof segment === 'string' && def.valueType !== undefined ? [def.valueType] : [];
    case 'array':
      return typeof segment === 'number' && def.element !== undefined ? [def.element] : [];
    case 'union':
      return (def.options ?? []).flatMap((option) => children(option, segment));
    default:
      return [];
  }
}

function schemasAt(root: Schema, path: readonly PathSegment[]): Schema[] {
  return path.reduce<Schema[]>(
    (schemas, segment) => schemas.flatMap((schema) => children(schema, segment)),
    [root],
  );
}

/**
 * What the schema reads when the field at `path` is absent, as the file would write it:
 * a prefault's value (`network: {}`, the default node pool list), a default's, or an empty
 * mapping for an optional object (whose required fields the schema then asks for).
 * Undefined when the schema has no such field or nothing to stand in for it.
 */
export function absentValue(root: Schema, path: readonly PathSegment[]): unknown {
  for (const schema of schemasAt(root, path)) {
    const value = standIn(schema);
    if (value !== undefined) return value;
  }
  return undefined;
}

function standIn(schema: Schema): unknown {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'prefault' || def.type === 'default') return structuredClone(def.defaultValue);
    if (def.type === 'object' || def.type === 'record') return {};
    // A union of mappings (a profile): {} is one, and the schema asks for its tag.
    if (def.type === 'union' && (def.options ?? []).every((o) => standIn(o) !== undefined))
      return {};
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else return undefined;
  }
}

/** The fields the schema knows for the mapping at `path`, for did-you-mean suggestions. */
export function knownFields(root: Schema, path: readonly PathSegment[]): string[] {
  return [...new Set(schemasAt(root, path).flatMap(fieldsOf))];
}

function fieldsOf(schema: Schema): string[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'union') return (def.options ?? []).flatMap(fieldsOf);
  return def.shape === undefined ? [] : Object.keys(def.shape);
}
