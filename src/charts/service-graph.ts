/**
 * The service graph, drawn as Kiali draws one (https://kiali.io/docs/features/topology/):
 * services and functions as nodes, caller → callee edges labelled with their request rate,
 * error percentage or latency percentile (switchable, as Kiali's "Edge Labels" menu), nodes
 * and edges coloured by health, badges for circuit breakers, ejected hosts and injected
 * faults, and, in the player, dots that move along the edges with the traffic.
 *
 * Health as Kiali's defaults have it (https://kiali.io/docs/configuration/health, the
 * `health_config.rate` tolerance for 5xx: degraded 0, failure 10): an error share of at least
 * 0.1% is Degraded, over 10% is Failure; no traffic is Idle (grey). Both thresholds are
 * options. Simplified: Kiali lays the graph out with dagre or cola; this draws layers from
 * left to right by call depth, in the order the data gives, so the same data always gives the
 * same picture (nothing random, no force simulation).
 *
 * Node-free: it needs only an SVG element (a browser's, or linkedom's for `msasim plot`).
 * `drawServiceGraph` draws a snapshot and, called again on the same element, updates it in
 * place with d3 joins (nodes by name, edges by caller and callee).
 */
import { select } from 'd3';

export type GraphNodeKind = 'service' | 'function' | 'queue' | 'client';
export type PodLook = 'Pending' | 'Starting' | 'Ready' | 'Terminating';

export interface ServiceGraphNode {
  id: string;
  kind: GraphNodeKind;
  /** the node's own share of failed calls, 0..1; null: no traffic */
  errorShare: number | null;
  /** pods alive, each drawn as a dot (a rolling update shows them come and go) */
  pods?: readonly { look: PodLook; version: string }[];
  /** a function's instances alive, and its cold starts so far */
  instances?: number;
  coldStarts?: number;
  /** the injected faults acting on it (their kinds) */
  faults?: readonly string[];
}

export interface ServiceGraphEdge {
  from: string;
  to: string;
  ratePerSec: number;
  /** failed share of its calls, 0..1; null: no calls */
  errorShare: number | null;
  /** the latency percentile the snapshot names in `latencyLabel`; null: none measured */
  latencyMs: number | null;
  /** calls its circuit breaker refused (503 UO) lately: Kiali's circuit-breaker badge */
  breakerOpen: boolean;
  /** hosts of the callee its outlier detection ejected lately */
  ejectedHosts: number;
}

export interface ServiceGraphSnapshot {
  nodes: readonly ServiceGraphNode[];
  edges: readonly ServiceGraphEdge[];
  /** which percentile `latencyMs` is: Kiali's default edge label is p95 */
  latencyLabel: string;
}

/** What an edge is labelled with; `all` (the report's, where nothing can be switched) joins the three. */
export type EdgeLabel = 'rate' | 'errors' | 'latency' | 'all';

export interface HealthThresholds {
  /** error share from which a node or edge is Degraded: Kiali's 0.1% */
  degraded: number;
  /** error share above which it is Failure: Kiali's 10% */
  failure: number;
}

export const KIALI_THRESHOLDS: HealthThresholds = { degraded: 0.001, failure: 0.1 };

export interface ServiceGraphOptions {
  width: number;
  height: number;
  edgeLabel: EdgeLabel;
  thresholds: HealthThresholds;
  /** dots moving along the edges, one more per doubling of the rate (the player's) */
  trafficDots: boolean;
  /** base font size in px: 14 for a page, 20 or more for a projector */
  fontSize: number;
}

export const DEFAULT_GRAPH_OPTIONS: ServiceGraphOptions = {
  width: 900,
  height: 520,
  edgeLabel: 'rate',
  thresholds: KIALI_THRESHOLDS,
  trafficDots: false,
  fontSize: 14,
};

export type Health = 'healthy' | 'degraded' | 'failure' | 'idle';

/** Kiali's colours (PatternFly): success green, warning gold, danger red, and grey. */
export const HEALTH_COLOURS: Record<Health, string> = {
  healthy: '#3e8635',
  degraded: '#f0ab00',
  failure: '#c9190b',
  idle: '#8a8d90',
};

/** Kiali's rule: failure above `failure`, degraded from `degraded`, idle without traffic. */
export function healthOf(errorShare: number | null, thresholds: HealthThresholds): Health {
  if (errorShare === null) return 'idle';
  if (errorShare > thresholds.failure) return 'failure';
  if (errorShare >= thresholds.degraded) return 'degraded';
  return 'healthy';
}

/** An edge's label as Kiali writes it: "12.3rps", "0.5%", "45ms". */
export function edgeLabelText(
  edge: ServiceGraphEdge,
  label: EdgeLabel,
  latencyLabel: string,
): string {
  if (label === 'all')
    return (['rate', 'errors', 'latency'] as const)
      .map((one) => edgeLabelText(edge, one, latencyLabel))
      .filter((text) => text !== '')
      .join(' · ');
  if (label === 'rate') return `${trimmed(edge.ratePerSec)}rps`;
  if (label === 'errors')
    return edge.errorShare === null ? '' : `${trimmed(edge.errorShare * 100)}%`;
  return edge.latencyMs === null ? '' : `${latencyLabel} ${trimmed(edge.latencyMs)}ms`;
}

function trimmed(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Positions by call depth: callers left of callees, a layer's nodes spread top to bottom. */
export function layoutGraph(
  snapshot: ServiceGraphSnapshot,
  width: number,
  height: number,
): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  const callees = new Set(snapshot.edges.map((e) => e.to));
  for (const node of snapshot.nodes) if (!callees.has(node.id)) depth.set(node.id, 0);
  // Longest path from a root, bounded by the node count (a cycle stops there).
  for (let pass = 0; pass < snapshot.nodes.length; pass++) {
    for (const edge of snapshot.edges) {
      const from = depth.get(edge.from);
      if (from !== undefined && (depth.get(edge.to) ?? -1) < from + 1 && edge.from !== edge.to)
        depth.set(edge.to, Math.min(from + 1, snapshot.nodes.length));
    }
  }
  const layers: string[][] = [];
  for (const node of snapshot.nodes) {
    const d = depth.get(node.id) ?? 0;
    const layer = layers[d] ?? [];
    layer.push(node.id);
    layers[d] = layer;
  }
  const filled = layers.filter((layer) => layer !== undefined);
  const positions = new Map<string, { x: number; y: number }>();
  const marginX = 90;
  filled.forEach((layer, column) => {
    const x =
      filled.length === 1
        ? width / 2
        : marginX + (column * (width - 2 * marginX)) / (filled.length - 1);
    layer.forEach((id, row) => {
      // Room above the top node for its name, below the bottom one for its badges.
      const top = 40;
      const bottom = 40;
      positions.set(id, { x, y: top + ((row + 0.5) * (height - top - bottom)) / layer.length });
    });
  });
  return positions;
}

const NODE_RADIUS = 22;
const POD_COLOURS: Record<PodLook, string> = {
  Pending: '#8a8d90',
  Starting: '#2b9af3',
  Ready: '#3e8635',
  Terminating: '#c9190b',
};

/**
 * Draws `snapshot` into `svg`, or updates what an earlier call drew there. Returns nothing;
 * every element it makes has a class (`sg-node`, `sg-edge`, `sg-badge`, ...) for tests.
 */
export function drawServiceGraph(
  svg: SVGSVGElement,
  snapshot: ServiceGraphSnapshot,
  options: Partial<ServiceGraphOptions> = {},
): void {
  const o = { ...DEFAULT_GRAPH_OPTIONS, ...options };
  const root = select(svg)
    .attr('viewBox', `0 0 ${o.width} ${o.height}`)
    .attr('role', 'img')
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', o.fontSize);
  ensureArrowheads(root);
  const layer = (name: string) => {
    const found = root.select<SVGGElement>(`g.sg-${name}-layer`);
    return found.empty() ? root.append('g').attr('class', `sg-${name}-layer`) : found;
  };
  const edgesLayer = layer('edges');
  const nodesLayer = layer('nodes');
  const at = layoutGraph(snapshot, o.width, o.height);
  const known = snapshot.edges.filter((e) => at.has(e.from) && at.has(e.to));
  drawEdges(edgesLayer, known, at, o, snapshot.latencyLabel);
  drawNodes(nodesLayer, snapshot.nodes, at, o);
}

type Layer = ReturnType<typeof select<SVGGElement, unknown>>;
type Point = { x: number; y: number };

function ensureArrowheads(root: ReturnType<typeof select<SVGSVGElement, unknown>>): void {
  if (!root.select('defs.sg-defs').empty()) return;
  const defs = root.append('defs').attr('class', 'sg-defs');
  for (const [health, colour] of Object.entries(HEALTH_COLOURS)) {
    defs
      .append('marker')
      .attr('id', `sg-arrow-${health}`)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 10)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 z')
      .attr('fill', colour);
  }
}

/** The edge's path, from the rim of its caller's circle to its callee's. */
function edgePath(from: Point, to: Point): string {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const r = NODE_RADIUS + 4;
  return `M${from.x + ux * r},${from.y + uy * r} L${to.x - ux * r},${to.y - uy * r}`;
}

function drawEdges(
  layer: Layer,
  edges: readonly ServiceGraphEdge[],
  at: Map<string, Point>,
  o: ServiceGraphOptions,
  latencyLabel: string,
): void {
  const groups = layer
    .selectAll<SVGGElement, ServiceGraphEdge>('g.sg-edge')
    .data(edges, (e) => `${e.from}\u2192${e.to}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'sg-edge');
      g.append('path').attr('class', 'sg-edge-line').attr('fill', 'none');
      g.append('g').attr('class', 'sg-dots');
      g.append('text').attr('class', 'sg-edge-label').attr('text-anchor', 'middle');
      g.append('text').attr('class', 'sg-badge sg-edge-badge').attr('text-anchor', 'middle');
      return g;
    });
  groups.each(function (edge) {
    const g = select(this);
    const from = at.get(edge.from)!;
    const to = at.get(edge.to)!;
    const health = healthOf(edge.errorShare, o.thresholds);
    const d = edgePath(from, to);
    g.attr('data-health', health);
    g.select('path.sg-edge-line')
      .attr('d', d)
      .attr('stroke', HEALTH_COLOURS[health])
      .attr('stroke-width', health === 'idle' ? 1.5 : 2.5)
      .attr('stroke-dasharray', health === 'idle' ? '6 4' : null)
      .attr('marker-end', `url(#sg-arrow-${health})`);
    const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    g.select('text.sg-edge-label')
      .attr('x', mid.x)
      .attr('y', mid.y - 6)
      .attr('font-size', o.fontSize * 0.85)
      .attr('fill', '#151515')
      .attr('paint-order', 'stroke')
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 4)
      .text(edgeLabelText(edge, o.edgeLabel, latencyLabel));
    const badges = [
      ...(edge.breakerOpen ? ['\u26a1 breaker open'] : []),
      ...(edge.ejectedHosts > 0 ? [`\u23cf ${edge.ejectedHosts} ejected`] : []),
    ];
    g.select('text.sg-edge-badge')
      .attr('x', mid.x)
      .attr('y', mid.y + o.fontSize)
      .attr('font-size', o.fontSize * 0.8)
      .attr('font-weight', 'bold')
      .attr('fill', HEALTH_COLOURS.failure)
      .text(badges.join('  '));
    drawDots(g.select<SVGGElement>('g.sg-dots'), edge, d, health, o);
  });
}

/**
 * Kiali's traffic animation, simplified: dots along the edge, more of them the higher the
 * rate (one per doubling, up to 8), in the edge's health colour; SVG animateMotion moves
 * them, so they keep moving between two updates of the data.
 */
function drawDots(
  layer: ReturnType<typeof select<SVGGElement, unknown>>,
  edge: ServiceGraphEdge,
  d: string,
  health: Health,
  o: ServiceGraphOptions,
): void {
  const count =
    o.trafficDots && edge.ratePerSec > 0
      ? Math.min(8, Math.ceil(Math.log2(1 + edge.ratePerSec)))
      : 0;
  const seconds = 1.6;
  layer
    .selectAll<SVGCircleElement, number>('circle.sg-dot')
    .data(Array.from({ length: count }, (_, i) => i))
    .join((enter) => {
      const dot = enter.append('circle').attr('class', 'sg-dot').attr('r', 4);
      dot
        .append('animateMotion')
        .attr('repeatCount', 'indefinite')
        .attr('dur', `${seconds}s`)
        .attr('begin', (i) => `${(-i * seconds) / Math.max(1, count)}s`);
      return dot;
    })
    .attr('fill', HEALTH_COLOURS[health])
    .select('animateMotion')
    .attr('path', d);
}

function drawNodes(
  layer: Layer,
  nodes: readonly ServiceGraphNode[],
  at: Map<string, Point>,
  o: ServiceGraphOptions,
): void {
  const groups = layer
    .selectAll<SVGGElement, ServiceGraphNode>('g.sg-node')
    .data(nodes, (n) => n.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'sg-node');
      g.append('path').attr('class', 'sg-shape');
      g.append('text').attr('class', 'sg-name').attr('text-anchor', 'middle');
      g.append('g').attr('class', 'sg-pods');
      g.append('text').attr('class', 'sg-badge sg-node-badge').attr('text-anchor', 'middle');
      return g;
    });
  groups.each(function (node) {
    const g = select(this);
    const { x, y } = at.get(node.id)!;
    const health = healthOf(node.errorShare, o.thresholds);
    g.attr('transform', `translate(${x},${y})`)
      .attr('data-health', health)
      .attr('data-kind', node.kind);
    g.select('path.sg-shape')
      .attr('d', shapeOf(node.kind))
      .attr('fill', '#ffffff')
      .attr('stroke', HEALTH_COLOURS[health])
      .attr('stroke-width', 4);
    g.select('text.sg-name')
      .attr('y', -NODE_RADIUS - 8)
      .attr('font-weight', 'bold')
      .attr('fill', '#151515')
      .text(node.id);
    drawPods(g.select<SVGGElement>('g.sg-pods'), node.pods ?? []);
    const badges = [
      ...(node.instances === undefined ? [] : [`${node.instances} inst`]),
      ...(node.coldStarts ? [`\u2744 ${node.coldStarts} cold`] : []),
      ...(node.faults ?? []).map((kind) => `\u26a0 ${kind}`),
    ];
    g.select('text.sg-node-badge')
      .attr('y', NODE_RADIUS + o.fontSize + 14)
      .attr('font-size', o.fontSize * 0.8)
      .attr('fill', '#151515')
      .text(badges.join('  '));
  });
}

/** Kiali's shapes, in part: a workload's circle, a triangle for the traffic's source; a square for a function, a diamond for a queue (Kiali has neither). */
function shapeOf(kind: GraphNodeKind): string {
  const r = NODE_RADIUS;
  if (kind === 'function') return `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}z`;
  if (kind === 'queue') return `M0,${-r}L${r},0L0,${r}L${-r},0z`;
  if (kind === 'client') return `M0,${-r}L${r},${r * 0.8}L${-r},${r * 0.8}z`;
  return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}

/** A row of dots inside the node, one per pod, coloured by phase, outlined by version. */
function drawPods(
  layer: ReturnType<typeof select<SVGGElement, unknown>>,
  pods: readonly { look: PodLook; version: string }[],
): void {
  const versions = [...new Set(pods.map((p) => p.version))];
  const perRow = 6;
  layer
    .selectAll<SVGCircleElement, { look: PodLook; version: string }>('circle.sg-pod')
    .data(pods)
    .join('circle')
    .attr('class', 'sg-pod')
    .attr('r', 2.6)
    .attr('cx', (_, i) => ((i % perRow) - (perRow - 1) / 2) * 6.5)
    .attr('cy', (_, i) => Math.floor(i / perRow) * 6.5 - 8)
    .attr('fill', (p) => POD_COLOURS[p.look])
    .attr('stroke', (p) => (versions.indexOf(p.version) > 0 ? '#151515' : 'none'))
    .attr('data-phase', (p) => p.look);
}
