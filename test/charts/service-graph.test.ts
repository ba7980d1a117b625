import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  drawServiceGraph,
  edgeLabelText,
  healthOf,
  KIALI_THRESHOLDS,
  layoutGraph,
  type ServiceGraphEdge,
  type ServiceGraphSnapshot,
} from '../../src/charts/service-graph.js';
import { serviceGraphChart, serviceGraphFigures } from '../../src/charts/service-graph-chart.js';
import { draw, filesOf } from './draw.js';

function svgElement(): SVGSVGElement {
  const { document } = parseHTML('<!doctype html><html><body><svg></svg></body></html>');
  return document.querySelector('svg') as unknown as SVGSVGElement;
}

function edge(from: string, to: string, more: Partial<ServiceGraphEdge> = {}): ServiceGraphEdge {
  return {
    from,
    to,
    ratePerSec: 10,
    errorShare: 0,
    latencyMs: 12,
    breakerOpen: false,
    ejectedHosts: 0,
    ...more,
  };
}

const CHAIN: ServiceGraphSnapshot = {
  latencyLabel: 'p95',
  nodes: [
    { id: 'client', kind: 'client', errorShare: null },
    { id: 'web', kind: 'service', errorShare: 0, pods: [{ look: 'Ready', version: 'v1' }] },
    { id: 'db', kind: 'service', errorShare: 0.2, faults: ['podCrashes'] },
  ],
  edges: [
    edge('client', 'web'),
    edge('web', 'db', { errorShare: 0.2, breakerOpen: true, ejectedHosts: 2 }),
  ],
};

describe('health, as Kiali judges it', () => {
  it('is degraded from 0.1% of errors and failed above 10%, both sides of each threshold', () => {
    expect(healthOf(0, KIALI_THRESHOLDS)).toBe('healthy');
    expect(healthOf(0.000999, KIALI_THRESHOLDS)).toBe('healthy');
    expect(healthOf(0.001, KIALI_THRESHOLDS)).toBe('degraded');
    expect(healthOf(0.1, KIALI_THRESHOLDS)).toBe('degraded');
    expect(healthOf(0.100001, KIALI_THRESHOLDS)).toBe('failure');
  });

  it('is idle without traffic, and follows thresholds given instead of the defaults', () => {
    expect(healthOf(null, KIALI_THRESHOLDS)).toBe('idle');
    expect(healthOf(0.03, { degraded: 0.05, failure: 0.2 })).toBe('healthy');
    expect(healthOf(0.3, { degraded: 0.05, failure: 0.2 })).toBe('failure');
  });
});

describe('edge labels', () => {
  it('write the rate, the error percentage or the latency percentile, as chosen', () => {
    const e = edge('a', 'b', { ratePerSec: 12.345, errorShare: 0.005, latencyMs: 45.25 });
    expect(edgeLabelText(e, 'rate', 'p95')).toBe('12.3rps');
    expect(edgeLabelText(e, 'errors', 'p95')).toBe('0.50%');
    expect(edgeLabelText(e, 'latency', 'p95')).toBe('p95 45.3ms');
  });

  it('leave the error and latency labels empty where nothing was measured', () => {
    const e = edge('a', 'b', { errorShare: null, latencyMs: null });
    expect(edgeLabelText(e, 'errors', 'p95')).toBe('');
    expect(edgeLabelText(e, 'latency', 'p95')).toBe('');
  });
});

describe('the layout', () => {
  it('puts each caller left of its callees, one column per depth of calls', () => {
    const at = layoutGraph(CHAIN, 900, 500);
    expect(at.get('client')!.x).toBeLessThan(at.get('web')!.x);
    expect(at.get('web')!.x).toBeLessThan(at.get('db')!.x);
    expect(at.get('client')!.y).toBe(at.get('db')!.y);
  });
});

describe('drawServiceGraph', () => {
  it('draws a node per service coloured by health, an edge per call path, and the badges', () => {
    const svg = svgElement();
    drawServiceGraph(svg, CHAIN);
    const health = Array.from(svg.querySelectorAll('g.sg-node')).map((n) =>
      n.getAttribute('data-health'),
    );
    expect(health).toEqual(['idle', 'healthy', 'failure']);
    expect(svg.querySelectorAll('g.sg-edge')).toHaveLength(2);
    expect(svg.querySelectorAll('circle.sg-pod')).toHaveLength(1);
    const badges = Array.from(svg.querySelectorAll('.sg-badge'))
      .map((b) => b.textContent)
      .join(' | ');
    expect(badges).toContain('breaker open');
    expect(badges).toContain('2 ejected');
    expect(badges).toContain('podCrashes');
  });

  it('updates in place: the elements of nodes still there are kept, a node gone is removed', () => {
    const svg = svgElement();
    drawServiceGraph(svg, CHAIN);
    const web = svg.querySelectorAll('g.sg-node')[1];
    drawServiceGraph(svg, {
      ...CHAIN,
      nodes: CHAIN.nodes.slice(0, 2),
      edges: CHAIN.edges.slice(0, 1).map((e) => ({ ...e, errorShare: 0.5 })),
    });
    expect(svg.querySelectorAll('g.sg-node')).toHaveLength(2);
    expect(svg.querySelectorAll('g.sg-node')[1]).toBe(web);
    expect(svg.querySelector('g.sg-edge')!.getAttribute('data-health')).toBe('failure');
    expect(svg.querySelectorAll('g.sg-edges-layer')).toHaveLength(1);
  });

  it('moves dots along the edges that carry traffic only when asked (the player, not the report)', () => {
    const svg = svgElement();
    drawServiceGraph(svg, CHAIN);
    expect(svg.querySelectorAll('circle.sg-dot')).toHaveLength(0);
    drawServiceGraph(svg, CHAIN, { trafficDots: true });
    // 10 requests/s: one dot per doubling, ceil(log2(11)) = 4 on each edge.
    expect(svg.querySelectorAll('circle.sg-dot')).toHaveLength(8);
  });
});

describe("the report's service graph, from a run's services.csv and edges.csv", () => {
  const FILES = filesOf({
    'services.csv': [
      'run_id,variant,replication,service,requests,errors',
      '0,base,0,web,1000,20',
      '0,base,0,api,1000,0',
      '1,base,1,web,1000,0',
      '2,<b>x</b>,0,web,0,0',
    ],
    'edges.csv': [
      'run_id,variant,replication,from,to,requests,errors,rate_rps,latency_p99_ms,circuit_breaker_overflows,ejections_enforced',
      '0,base,0,users,web,1000,20,100,30,0,0',
      '0,base,0,web,api,1000,0,100,,3,2',
    ],
  });

  it('draws one graph per variant from replication 0, callers outside the services as clients', () => {
    const figures = serviceGraphFigures(FILES);
    expect(figures.map((f) => f.label)).toEqual(['base', '<b>x</b>']);
    const base = figures[0]!.snapshot;
    expect(base.nodes).toEqual([
      { id: 'web', kind: 'service', errorShare: 0.02 },
      { id: 'api', kind: 'service', errorShare: 0 },
      { id: 'users', kind: 'client', errorShare: null },
    ]);
    expect(base.edges[1]).toEqual({
      from: 'web',
      to: 'api',
      ratePerSec: 100,
      errorShare: 0,
      latencyMs: null,
      breakerOpen: true,
      ejectedHosts: 2,
    });
    // a service without requests has no error share: Kiali's Idle, not healthy
    expect(figures[1]!.snapshot.nodes[0]!.errorShare).toBeNull();
  });

  it('draws variants that would look the same as one figure, named after all of them', () => {
    const twin = filesOf({
      'services.csv': [
        'run_id,variant,replication,service,requests,errors',
        '0,a,0,web,1000,0',
        '1,b,0,web,1000,0',
        '2,c,0,web,1000,5',
      ],
      'edges.csv': [
        'run_id,variant,replication,from,to,requests,errors,rate_rps',
        '0,a,0,users,web,1000,0,100',
        '1,b,0,users,web,1000,0,100',
        '2,c,0,users,web,1000,5,100',
      ],
    });
    // c's 0.5% errors make web Degraded: a different picture
    expect(serviceGraphFigures(twin).map((f) => f.label)).toEqual(['a, b', 'c']);
  });

  it('draws a node per service and client, the variant name as text', () => {
    const drawn = draw(serviceGraphChart, serviceGraphFigures(FILES)[1]!);
    expect(drawn.count('.sg-node')).toBe(1);
    expect(drawn.count('b')).toBe(0);
    expect(draw(serviceGraphChart, serviceGraphFigures(FILES)[0]!).count('.sg-node')).toBe(3);
  });
});

describe("the report's service graph of functions", () => {
  const FILES = filesOf({
    'services.csv': [
      'run_id,variant,replication,service,kind,requests,errors',
      '0,base,0,orders,service,2434,0',
      '0,base,0,checkout,function,2434,12',
    ],
    'edges.csv': [
      'run_id,variant,replication,from,to,requests,errors,rate_rps,latency_p99_ms',
      '0,base,0,checkout,orders,2434,0,20.28,10.823',
      '0,base,0,client,checkout,2434,12,20.28,114.559',
    ],
  });

  it('draws a function as a function, and labels each edge with rate, failed share and p99', () => {
    const [figure] = serviceGraphFigures(FILES);
    expect(figure!.snapshot.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['orders', 'service'],
      ['checkout', 'function'],
      ['client', 'client'],
    ]);
    expect(draw(serviceGraphChart, figure!).texts('.sg-edge-label')).toEqual([
      '20.3rps · 0% · p99 10.8ms',
      '20.3rps · 0.49% · p99 115ms',
    ]);
  });
});
