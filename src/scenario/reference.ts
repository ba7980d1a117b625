import { z } from 'zod';
import { HEADLINE_METRIC_NAMES } from '../metrics/headline.js';
import { QUEUE_HEADLINE_METRIC_NAMES } from '../metrics/queue-headline.js';
import { scenarioSchema } from './schema.js';

/**
 * The scenario reference in docs/ is generated from the schema, so it cannot drift from
 * what the loader accepts: every field with its type, default and description.
 * `npm run docs:reference` rewrites docs/scenario-reference.md; a test fails when it is stale.
 */

interface JsonSchema {
  type?: string | string[];
  /** a unit field's kind (fields.ts), e.g. "duration (250ms, 2s, 5m)" */
  unit?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  defaultValue: string;
  description: string;
  /** the variant of a discriminated union this field belongs to, e.g. `arrivals is "closed"` */
  when: string;
}

export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}

export function scenarioReferenceMarkdown(): string {
  const rows: Row[] = [];
  walk(scenarioJsonSchema() as JsonSchema, '', rows);
  const lines = [
    '# Scenario reference',
    '',
    'Generated from the schema in `src/scenario/schema.ts` by `npm run docs:reference`; do not edit by hand.',
    '',
    'Units: durations `250ms`, `2s`, `5m`, `1h` (a unit is required, except for 0; units us, ms, s, m,',
    'h, d), or several parts summed as Go and Kubernetes write them, `1m30s`, `1h10m10s`; CPU `500m` or `2`;',
    'memory `256Mi`, `1Gi`; rates `300/s`, `2/h`; probabilities `0.02` or `2%`. Distributions:',
    '`5ms` (constant), `exponential(mean=2ms)`, `lognormal(median=4ms, p99=30ms)`,',
    '`lognormal(mean=4ms, cv=1.5)`, `normal(mean=10ms, stddev=2ms)`, `uniform(min=1ms, max=3ms)`,',
    '`gamma(shape=2, mean=4ms)`, `erlang(k=3, mean=4ms)`, `weibull(shape=1.5, scale=2ms)`,',
    '`pareto(shape=2.5, scale=1ms)`, `empirical(1ms, 2ms, 8ms)`,',
    '`mixture(0.95 exponential(mean=5ms), 0.05 exponential(mean=80ms))`, or',
    '`{ histogram: [{ min: 0ms, max: 5ms, weight: 10 }] }`. Call sizes (`requestSize`,',
    '`responseSize`) are distributions of bytes in memory units: `1.5k`, `10Ki`,',
    '`lognormal(median=2k, p99=64Ki)`.',
    '',
    '`<name>` stands for a key you choose (a service, an endpoint); `[]` for a list item.',
    '',
    'Threshold metrics (`thresholds:`) and the columns of runs.csv: ' +
      HEADLINE_METRIC_NAMES.map((name) => `\`${name}\``).join(', ') +
      '; with queues also ' +
      QUEUE_HEADLINE_METRIC_NAMES.map((name) => `\`${name}\``).join(', ') +
      '; with a workload `retry`, `client_retries`. A condition is an operator and a number: `"< 300"`, `"> 99.9%"`.',
    '',
    '| field | type | required | default | description |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.path}\` | ${escapeCell(r.type)} | ${r.required ? 'yes' : ''} | ${escapeCell(r.defaultValue)} | ${escapeCell(describeRow(r))} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function walk(schema: JsonSchema, path: string, rows: Row[]): void {
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.every((o) => o.type === 'object')) {
    rows.push(...mergeVariants(options.map((option) => walkInto(option, path))));
    return;
  }
  if (schema.type === 'array' && schema.items !== undefined) {
    walk(schema.items, `${path}[]`, rows);
    return;
  }
  if (schema.properties !== undefined) {
    const discriminator = Object.entries(schema.properties).find(([, p]) => p.const !== undefined);
    for (const [key, property] of Object.entries(schema.properties)) {
      const fieldPath = path === '' ? key : `${path}.${key}`;
      rows.push(
        row(fieldPath, property, schema.required?.includes(key) ?? false, discriminator, key),
      );
      walk(property, fieldPath, rows);
    }
    return;
  }
  if (typeof schema.additionalProperties === 'object') {
    walk(schema.additionalProperties, `${path}.<name>`, rows);
  }
}

function walkInto(schema: JsonSchema, path: string): Row[] {
  const rows: Row[] = [];
  walk(schema, path, rows);
  return rows;
}

/** Fields common to every variant of a union are listed once; the rest say when they apply. */
function mergeVariants(variants: Row[][]): Row[] {
  const key = (r: Row) =>
    JSON.stringify([r.path, r.type, r.required, r.defaultValue, r.description]);
  const inAll = (r: Row) => variants.every((rows) => rows.some((other) => key(other) === key(r)));
  const seen = new Set<string>();
  const merged: Row[] = [];
  for (const rows of variants) {
    for (const r of rows) {
      const common = inAll(r);
      const id = common ? key(r) : `${key(r)}${r.when}`;
      if (seen.has(id)) continue;
      seen.add(id);
      merged.push(common ? { ...r, when: '' } : r);
    }
  }
  return merged;
}

function describeRow(r: Row): string {
  return [r.description, r.when ? `(when ${r.when})` : ''].filter(Boolean).join(' ');
}

function row(
  path: string,
  schema: JsonSchema,
  required: boolean,
  discriminator: [string, JsonSchema] | undefined,
  key: string,
): Row {
  const when =
    discriminator !== undefined && discriminator[0] !== key
      ? `${discriminator[0]} is ${JSON.stringify(discriminator[1].const)}`
      : '';
  return {
    path,
    type: describeType(schema),
    required,
    defaultValue: schema.default === undefined ? '' : JSON.stringify(schema.default),
    description: schema.description ?? '',
    when,
  };
}

function describeType(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.unit !== undefined) return schema.unit;
  if (schema.enum !== undefined) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const options = schema.anyOf ?? schema.oneOf;
  if (options !== undefined) return [...new Set(options.map(describeType))].join(' or ');
  if (schema.type === 'array')
    return `list of ${schema.items ? describeType(schema.items) : 'any'}`;
  if (schema.type === 'object') return schema.properties ? 'object' : 'map';
  if (Array.isArray(schema.type))
    return schema.type.includes('string') ? 'number or text' : schema.type.join(' or ');
  if (schema.type === 'integer') {
    return `whole number >= ${schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : 0}`;
  }
  return schema.type ?? 'any';
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
