/// <reference lib="dom" />
import type { Chart } from './chart.js';
import { drawNote, drawTitle, finishSvg, newSvg, round } from './chart-frame.js';
import type { ChartOptions } from './chart-style.js';
import { atFirstGridPoint, type OutputFiles, type Row, table } from './output-files.js';
import {
  drawServiceGraph,
  edgeLabelText,
  healthOf,
  KIALI_THRESHOLDS,
  layoutGraph,
  type ServiceGraphEdge,
  type ServiceGraphNode,
  type ServiceGraphSnapshot,
} from './service-graph.js';

/**
 * The report's service graph: the player's live graph (service-graph.ts) drawn once from a
 * run's totals, as Kiali's graph over the whole measured period: services from services.csv,
 * caller -> callee edges from edges.csv labelled with their request rate, failed share and
 * p99, coloured by their error share with Kiali's thresholds, badges where a circuit breaker
 * refused calls or outlier detection ejected hosts. One graph per variant (replication 0, the first grid
 * point), variants that would draw the same picture together, at most MAX_GRAPHS.
 */
export interface ServiceGraphFigure {
  label: string;
  snapshot: ServiceGraphSnapshot;
}

const MAX_GRAPHS = 6;

export function serviceGraphFigures(files: OutputFiles): ServiceGraphFigure[] {
  const edges = table(files, 'edges.csv');
  const services = table(files, 'services.csv');
  if (edges === undefined || services === undefined) return [];
  const runIds = [
    ...new Set(
      atFirstGridPoint(services)
        .filter(firstRun)
        .map((r) => r.run_id ?? ''),
    ),
  ];
  // Variants whose graphs would look the same (same nodes and edges, same colours, same
  // labels) share one figure, named after all of them: the report shows a graph per
  // different picture, not a page of identical ones.
  const byPicture = new Map<string, ServiceGraphFigure>();
  for (const runId of runIds) {
    const ofRun = (r: Row) => r.run_id === runId;
    const serviceRows = services.rows.filter(ofRun);
    const label = serviceRows[0]?.variant ?? '';
    const snapshot = snapshotOf(serviceRows, edges.rows.filter(ofRun));
    const key = pictureKey(snapshot);
    const same = byPicture.get(key);
    if (same === undefined) byPicture.set(key, { label, snapshot });
    else same.label = `${same.label}, ${label}`;
  }
  return [...byPicture.values()].slice(0, MAX_GRAPHS);
}

/** What a drawn graph shows: its nodes and edges with their health and labels. */
function pictureKey(snapshot: ServiceGraphSnapshot): string {
  const health = (share: number | null) => healthOf(share, KIALI_THRESHOLDS);
  return JSON.stringify([
    snapshot.nodes.map((n) => [n.id, n.kind, health(n.errorShare)]),
    snapshot.edges.map((e) => [
      e.from,
      e.to,
      health(e.errorShare),
      edgeLabelText(e, 'all', snapshot.latencyLabel),
      e.breakerOpen,
      e.ejectedHosts > 0,
    ]),
  ]);
}

function firstRun(row: Row): boolean {
  return row.replication === '0';
}

function snapshotOf(services: readonly Row[], edges: readonly Row[]): ServiceGraphSnapshot {
  const nodes: ServiceGraphNode[] = services.map((s) => ({
    id: s.service ?? '',
    kind: s.kind === 'function' ? 'function' : 'service',
    errorShare: share(s.errors, s.requests),
  }));
  const known = new Set(nodes.map((n) => n.id));
  for (const e of edges) {
    for (const end of [e.from ?? '', e.to ?? '']) {
      if (known.has(end)) continue;
      known.add(end);
      nodes.push({ id: end, kind: 'client', errorShare: null });
    }
  }
  return {
    nodes,
    edges: edges.map(
      (e): ServiceGraphEdge => ({
        from: e.from ?? '',
        to: e.to ?? '',
        ratePerSec: Number(e.rate_rps ?? 0),
        errorShare: share(e.errors, e.requests),
        latencyMs: e.latency_p99_ms === '' ? null : Number(e.latency_p99_ms),
        breakerOpen: Number(e.circuit_breaker_overflows ?? 0) > 0,
        ejectedHosts: Number(e.ejections_enforced ?? 0),
      }),
    ),
    latencyLabel: 'p99',
  };
}

/** A failed share; null (Kiali's Idle) without requests: no sample is no value. */
function share(errors: string | undefined, requests: string | undefined): number | null {
  const n = Number(requests ?? 0);
  return n > 0 ? Number(errors ?? 0) / n : null;
}

export function drawServiceGraphChart(
  container: Element,
  figure: ServiceGraphFigure,
  options: ChartOptions,
): void {
  const svg = newSvg(container, 'service-graph', options);
  const top = drawTitle(
    svg,
    `How do the services call each other, and where do calls fail? Service graph (${figure.label})`,
    options,
  );
  // Tall enough for the fullest layer of the graph (a node, its name and its badges take
  // about 90 px at the player's sizes), not more: a chain of three is one row.
  const rows = Math.max(...layerSizes(figure.snapshot), 1);
  const height = Math.min(
    Math.max(options.height - top - options.fontSize * 3, 120),
    80 + 90 * rows,
  );
  const graph = svg
    .append('svg')
    .attr('class', 'graph')
    .attr('y', round(top))
    .attr('width', options.width)
    .attr('height', round(height));
  drawServiceGraph(graph.node()!, figure.snapshot, {
    width: options.width,
    height,
    fontSize: options.fontSize,
    edgeLabel: 'all',
  });
  const used = drawNote(
    svg,
    'takeaway',
    'Edges: requests per second, failed share and p99 over the measured period. Colour: green below 0.1% errors, gold from 0.1%, red above 10% (Kiali), grey without calls.',
    top + height,
    options,
  );
  finishSvg(svg, options.width, top + height + used);
}

/** Nodes per column of the layout (a column is one call depth). */
function layerSizes(snapshot: ServiceGraphSnapshot): number[] {
  const columns = new Map<number, number>();
  for (const { x } of layoutGraph(snapshot, 1000, 1000).values())
    columns.set(x, (columns.get(x) ?? 0) + 1);
  return [...columns.values()];
}

export const serviceGraphChart: Chart<ServiceGraphFigure> = {
  id: 'service-graph',
  reads: ['services.csv', 'edges.csv'],
  figures: serviceGraphFigures,
  draw: drawServiceGraphChart,
};
