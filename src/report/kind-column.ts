import type { ServiceKind } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import type { RunRecord } from './run-record.js';

/**
 * Issue 13: a table of services (services.csv, endpoints.csv, failures.csv) gains a `kind`
 * column, `service` or `function`, right after `service`, only when one of its runs has
 * functions: the tables of every other run keep their bytes (docs/serverless.md, "Metrics").
 */
export function perRunTableWithKind<Item extends { kind?: ServiceKind }, Column extends string>(
  columns: readonly Column[],
  itemsOf: (record: RunRecord) => Iterable<Item>,
  fieldsOf: (item: Item) => Record<Column, Cell>,
): (records: readonly RunRecord[], paramNames?: readonly string[]) => string {
  const plain = perRunTable(columns, itemsOf, fieldsOf);
  const withKind = perRunTable<Item, Column | 'kind'>(
    kindAfterService(columns),
    itemsOf,
    (item) => ({ ...fieldsOf(item), kind: item.kind ?? 'service' }),
  );
  return (records, paramNames) =>
    (records.some(hasFunctions) ? withKind : plain)(records, paramNames);
}

function hasFunctions(record: RunRecord): boolean {
  return record.result.functions !== undefined;
}

function kindAfterService<Column extends string>(columns: readonly Column[]): (Column | 'kind')[] {
  const at = columns.indexOf('service' as Column) + 1;
  return [...columns.slice(0, at), 'kind', ...columns.slice(at)];
}

/** `{ kind }` when the entry has one (a run with functions): for results.json's entries. */
export function kindField(item: { kind?: ServiceKind }): { kind?: ServiceKind } {
  return item.kind === undefined ? {} : { kind: item.kind };
}
