import { ratio } from '../metrics/ratio.js';
import type { CostLine, RunResult } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import { plainDecimal } from './plain-decimal.js';

/** After run_id, variant, <param paths...>, replication. */
export const COST_COLUMNS = [
  'ledger',
  'item',
  'subject',
  'quantity',
  'unit',
  'unit_price_usd',
  'cost_usd',
  'usd_per_million_requests',
] as const;

type CostColumn = (typeof COST_COLUMNS)[number];

/** A line of the bill (its rows sum to cost_usd) or of the allocation (they sum to the nodes' bill). */
interface LedgerRow {
  ledger: 'bill' | 'allocation';
  line: CostLine;
}

const SECONDS_PER_HOUR = 3600;
const MS_PER_HOUR = 3_600_000;
const BYTES_PER_GB = 1e9;

/**
 * A run's cost as ledger lines (docs/cost.md): the bill (each node, the control plane, the
 * bytes across zones, then the functions' and per-task containers' lines), which sums to
 * cost_usd; then the nodes' bills allocated to services and idle (OpenCost), which sums to
 * the nodes' part. Bytes across zones are shown as one line at their average price per GB.
 */
export function costRows(result: RunResult): LedgerRow[] {
  const cost = result.cost;
  const bill = (line: CostLine): LedgerRow => ({ ledger: 'bill', line });
  const hours = cost.periodMs / MS_PER_HOUR;
  const crossZoneGb = result.network.crossZoneBytes / BYTES_PER_GB;
  return [
    ...result.ledger.nodes.map((node) =>
      bill({
        item: 'node',
        subject: node.node,
        quantity: node.billedSeconds / SECONDS_PER_HOUR,
        unit: 'h',
        unitPriceUsd: node.pricePerHourUsd,
        costUsd: node.costUsd,
      }),
    ),
    bill({
      item: 'control-plane',
      subject: 'cluster',
      quantity: hours,
      unit: 'h',
      unitPriceUsd: hours > 0 ? cost.controlPlaneUsd / hours : 0,
      costUsd: cost.controlPlaneUsd,
    }),
    bill({
      item: 'cross-zone',
      subject: 'cluster',
      quantity: crossZoneGb,
      unit: 'GB',
      unitPriceUsd: crossZoneGb > 0 ? cost.crossZoneUsd / crossZoneGb : 0,
      costUsd: cost.crossZoneUsd,
    }),
    ...(cost.lines ?? []).map(bill),
    ...(cost.allocation ?? []).map((line): LedgerRow => ({ ledger: 'allocation', line })),
  ];
}

function costFields({ ledger, line }: LedgerRow, requests: number): Record<CostColumn, Cell> {
  const perRequest = ratio(line.costUsd, requests);
  return {
    ledger,
    item: line.item,
    subject: line.subject,
    quantity: line.quantity,
    unit: line.unit,
    // A price per request is below 1e-6: written out, as price lists write it (0.0000002).
    unit_price_usd: plainDecimal(line.unitPriceUsd),
    cost_usd: line.costUsd,
    // Each line's share of cost_usd_per_million: the breakdown, line by line.
    usd_per_million_requests: perRequest === null ? null : perRequest * 1e6,
  };
}

/**
 * Whether a run's cost has lines beyond the nodes' bills: only then is cost.csv written.
 * Every run with nodes has their allocation (OpenCost), so nearly every run writes it.
 */
export function hasCostLedger(result: RunResult): boolean {
  return result.cost.lines !== undefined || result.cost.allocation !== undefined;
}

/** cost.csv: one row per (run, ledger line), each with its share of the cost per million requests. */
export const costCsv = perRunTable(
  COST_COLUMNS,
  (record) =>
    costRows(record.result).map((row) => ({ row, requests: record.result.requests.total })),
  ({ row, requests }) => costFields(row, requests),
);
