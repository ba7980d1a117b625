/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import {
  gridColumns,
  groupBy,
  numberOf,
  type OutputFiles,
  pointLabel,
  table,
} from './output-files.js';
import { drawStackedBars } from './stacked-bars.js';

/**
 * What the money goes to: cost.csv's bill (its rows sum to runs.csv's cost_usd), summed by
 * item (node, control-plane, cross-zone, function-duration, ...) and averaged over the
 * replications, one bar per variant. With a grid, the bars are at its last grid point (the
 * highest load of an increasing grid), so the figure stays readable.
 */
export interface CostBreakdownData {
  items: string[];
  bars: { name: string; costUsd: (number | undefined)[] }[];
  at: string | undefined;
}

export function costBreakdownData(files: OutputFiles): CostBreakdownData[] {
  const cost = table(files, 'cost.csv');
  if (cost === undefined) return [];
  const grid = gridColumns(cost.columns);
  const bill = cost.rows.filter((r) => r.ledger === 'bill');
  if (bill.length === 0) return [];
  const last = bill[bill.length - 1]!;
  const atLast = bill.filter((r) => grid.every((path) => r[path] === last[path]));
  const items = [...new Set(atLast.map((r) => r.item ?? ''))];
  const byPoint = groupBy(atLast, (r) => r.variant ?? '');
  const bars = [...byPoint].map(([variant, rows]) => {
    const replications = new Set(rows.map((r) => r.replication)).size;
    return {
      name: variant,
      costUsd: items.map((item) => {
        const sum = rows
          .filter((r) => r.item === item)
          .reduce((total, r) => total + (numberOf(r.cost_usd) ?? 0), 0);
        return sum / replications;
      }),
    };
  });
  const at = grid.length === 0 ? undefined : pointLabel({ ...last, variant: '' }, grid).slice(2);
  return [{ items, bars, at }];
}

export function drawCostBreakdown(
  container: Element,
  data: CostBreakdownData,
  options: ChartOptions,
): void {
  drawStackedBars(
    container,
    'cost-breakdown',
    {
      title: `What is the money spent on? Cost by component${data.at === undefined ? '' : ` at ${data.at}`}`,
      xLabel: 'cost of the measured period (USD)',
      parts: data.items,
      rows: data.bars.map((b) => ({ name: b.name, values: b.costUsd })),
      takeaway: "cost.csv's bill, mean over the replications; its lines sum to cost_usd.",
    },
    options,
  );
}

export const costBreakdownChart: Chart<CostBreakdownData> = {
  id: 'cost-breakdown',
  reads: ['cost.csv'],
  figures: costBreakdownData,
  draw: drawCostBreakdown,
};
