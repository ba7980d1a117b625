import { stringify } from 'csv-stringify/sync';
import { type Cell, formatCell } from './cell-format.js';
import type { RunRecord } from './run-record.js';
import { paramNamesOf, runKeyCells, runKeyColumns, sortByRunId } from './run-record.js';

export { type Cell, formatCell, formatNumber } from './cell-format.js';

/**
 * RFC 4180 text with a header row, "\n" line ends. Cells are formatted here, not by the
 * CSV library, so that number formatting has exactly one definition.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new Error(`CSV row has ${row.length} cells for ${header.length} columns`);
    }
  }
  return stringify([header, ...rows.map((row) => row.map(formatCell))]);
}

/**
 * A tidy table of things each run has several of (windows, edges, services): the run's key
 * columns, then the item's own columns. Runs in run-id order, items in the run's order.
 */
export function perRunItemsCsv<Item, Column extends string>(
  sortedRecords: readonly RunRecord[],
  paramNames: readonly string[],
  columns: readonly Column[],
  itemsOf: (record: RunRecord) => Iterable<Item>,
  fieldsOf: (item: Item) => Record<Column, Cell>,
): string {
  const rows: Cell[][] = [];
  for (const record of sortedRecords) {
    const key = runKeyCells(record, paramNames);
    for (const item of itemsOf(record)) {
      const fields = fieldsOf(item);
      rows.push([...key, ...columns.map((column) => fields[column])]);
    }
  }
  return toCsv([...runKeyColumns(paramNames), ...columns], rows);
}

/**
 * The writer of one per-run table (timeseries, edges, services, endpoints): rows in run-id
 * order whatever order the records come in, and the swept parameters as columns (in order
 * of first appearance unless given).
 */
export function perRunTable<Item, Column extends string>(
  columns: readonly Column[],
  itemsOf: (record: RunRecord) => Iterable<Item>,
  fieldsOf: (item: Item) => Record<Column, Cell>,
): (records: readonly RunRecord[], paramNames?: readonly string[]) => string {
  return (records, paramNames) => {
    const sorted = sortByRunId(records);
    return perRunItemsCsv(sorted, paramNames ?? paramNamesOf(sorted), columns, itemsOf, fieldsOf);
  };
}
