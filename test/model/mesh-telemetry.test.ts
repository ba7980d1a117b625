import { describe, expect, it } from 'vitest';
import type { IstioSeries } from '../../src/metrics/mesh-telemetry-result.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';

/**
 * What the proxies report, per side of each call (docs/mesh/telemetry.md): a chain
 * a → b → c, one request, so every report is known without a distribution.
 */
function chain(c: {
  strategy?: string;
  b?: string;
  errorRate?: number;
  rate?: string;
  duration?: string;
}) {
  const document = {
    name: 'chain',
    duration: c.duration ?? '1s',
    mesh: { strategy: c.strategy ?? 'sidecar' },
    services: {
      a: { endpoints: { get: { cpu: '1ms', calls: ['b.get'] } } },
      b: {
        ...(c.b === undefined ? {} : { mesh: { strategy: c.b } }),
        endpoints: { get: { cpu: '2ms', calls: ['c.get'] } },
      },
      c: { endpoints: { get: { cpu: '3ms', errorRate: c.errorRate ?? 0 } } },
    },
    workload: [{ name: 'one', arrivals: 'constant', rate: c.rate ?? '1/s', target: 'a.get' }],
  };
  return parseScenario(JSON.stringify(document));
}

/** A series' identity: who reported, from whom to whom, and the response. */
function shape(series: IstioSeries) {
  return [
    series.reporter,
    series.sourceWorkload,
    series.destinationWorkload,
    series.responseCode,
    series.responseFlags,
    series.requests,
  ];
}

describe('Istio metrics from the proxies on each side of a call', () => {
  it('sidecars everywhere: each edge is reported once by its source and once by its destination', () => {
    const mesh = simulate(chain({})).mesh!;
    expect(mesh.istio.map(shape)).toEqual([
      ['destination', 'b', 'c', 200, '-', 1],
      ['source', 'b', 'c', 200, '-', 1],
      ['destination', 'a', 'b', 200, '-', 1],
      ['source', 'a', 'b', 200, '-', 1],
      ['destination', 'istio-ingressgateway', 'a', 200, '-', 1],
      ['source', 'istio-ingressgateway', 'a', 200, '-', 1],
    ]);
  });

  it('the destination reports from its inbound proxy; the source, the whole call', () => {
    const result = simulate(chain({}));
    const byReporter = (reporter: string, to: string) =>
      result.mesh!.istio.find((s) => s.reporter === reporter && s.destinationWorkload === to)!;
    const c = result.services.find((service) => service.service === 'c')!;
    // The inbound proxy's work on the request and on the response is on top of c's own time.
    expect(byReporter('destination', 'c').durationSumMs).toBeGreaterThan(c.latency.meanMs!);
    const edge = result.edges.find((e) => e.from === 'b' && e.to === 'c')!;
    expect(byReporter('source', 'c').durationSumMs).toBeCloseTo(edge.latency.meanMs!, 9);
    expect(byReporter('source', 'c').durationSumMs).toBeGreaterThan(
      byReporter('destination', 'c').durationSumMs,
    );
  });

  it('a caller without a proxy: its calls have no source report, and its callee cannot name it', () => {
    const mesh = simulate(chain({ b: 'none' })).mesh!;
    expect(mesh.istio.map(shape)).toEqual([
      ['destination', 'unknown', 'c', 200, '-', 1],
      ['source', 'a', 'b', 200, '-', 1],
      ['destination', 'istio-ingressgateway', 'a', 200, '-', 1],
      ['source', 'istio-ingressgateway', 'a', 200, '-', 1],
    ]);
    expect(mesh.istio[0]!.sourceVersion).toBe('unknown');
  });

  it("an application error is a 500 without a flag at the callee's proxy and at every caller's", () => {
    const mesh = simulate(chain({ errorRate: 1 })).mesh!;
    expect(mesh.istio.map(shape)).toEqual([
      ['destination', 'b', 'c', 500, '-', 1],
      ['source', 'b', 'c', 500, '-', 1],
      ['destination', 'a', 'b', 500, '-', 1],
      ['source', 'a', 'b', 500, '-', 1],
      ['destination', 'istio-ingressgateway', 'a', 500, '-', 1],
      ['source', 'istio-ingressgateway', 'a', 500, '-', 1],
    ]);
  });

  it('each duration lands in one of Envoy’s default buckets, and the buckets sum to the count', () => {
    const mesh = simulate(chain({ rate: '200/s', duration: '5s' })).mesh!;
    for (const series of mesh.istio) {
      expect(series.durationBuckets).toHaveLength(20);
      expect(series.durationBuckets.reduce((a, b) => a + b, 0)).toBe(series.requests);
    }
    // The callee c spends 3 ms of CPU: every one of its destination reports is in (1, 5] ms.
    const c = mesh.istio.find(
      (s) => s.reporter === 'destination' && s.destinationWorkload === 'c',
    )!;
    expect(c.durationBuckets[2]).toBe(c.requests);
  });

  it('the per-edge reports match the edge: a source report per call, a destination report per attempt', () => {
    const result = simulate(chain({ rate: '50/s', duration: '4s' }));
    for (const reports of result.mesh!.edges) {
      const edge = result.edges.find((e) => e.from === reports.from && e.to === reports.to)!;
      expect(reports.sourceRequests).toBe(edge.requests);
      expect(reports.destinationRequests).toBe(edge.attempts);
    }
  });

  it('a version side by side is its own destination_version, as its pods are labelled', () => {
    const document = {
      name: 'canary',
      duration: '2s',
      mesh: { strategy: 'sidecar' },
      services: {
        web: { endpoints: { page: { cpu: '1ms', calls: ['api.get'] } } },
        api: {
          versions: { v1: { replicas: 1 }, v2: { replicas: 1 } },
          routing: { split: { v1: '50%', v2: '50%' } },
          endpoints: { get: { cpu: '1ms' } },
        },
      },
      workload: [{ name: 'w', arrivals: 'constant', rate: '50/s', target: 'web.page' }],
    };
    const mesh = simulate(parseScenario(JSON.stringify(document))).mesh!;
    const versions = mesh.istio
      .filter((s) => s.reporter === 'destination' && s.destinationWorkload === 'api')
      .map((s) => s.destinationVersion);
    expect(versions.sort()).toEqual(['v1', 'v2']);
  });

  it('library and none have no proxy, so no mesh result at all: their records are as they were', () => {
    expect(simulate(chain({ strategy: 'library' })).mesh).toBeUndefined();
    expect(simulate(chain({ strategy: 'none' })).mesh).toBeUndefined();
  });

  it('ambient without waypoints: only the ingress gateway reports HTTP; ztunnel is an L4 proxy', () => {
    expect(simulate(chain({ strategy: 'ambient' })).mesh!.istio.map(shape)).toEqual([
      ['source', 'istio-ingressgateway', 'a', 200, '-', 1],
    ]);
  });
});

describe('mesh.telemetry in the scenario', () => {
  const withTracing = (tracing: Record<string, unknown>) =>
    JSON.stringify({
      name: 'one',
      duration: '1s',
      mesh: { strategy: 'sidecar', telemetry: { tracing } },
      services: { a: { endpoints: { get: { cpu: '1ms' } } } },
      workload: [{ name: 'w', arrivals: 'constant', rate: '1/s', target: 'a.get' }],
    });

  it('a sampling share above 100% is refused, naming the field and what is allowed', () => {
    expect(() => parseScenario(withTracing({ sampling: '150%' }), 's.yaml')).toThrow(
      'mesh.telemetry.tracing.sampling: expected a probability between 0 and 1, or a percentage like 2.5%; got "150%"',
    );
  });

  it('maxTraces is bounded: a run keeps its spans in one JSON text', () => {
    expect(() => parseScenario(withTracing({ maxTraces: 20_000 }), 's.yaml')).toThrow(
      'mesh.telemetry.tracing.maxTraces: expected a whole number >= 0 and <= 10000, got 20000',
    );
  });

  it('past maxTraces, sampled requests are counted as dropped, not traced', () => {
    const scenario = parseScenario(
      withTracing({ sampling: '100%', maxTraces: 3 }).replace('"1/s"', '"10/s"'),
    );
    const { tracing, spans } = simulate(scenario).mesh!;
    expect(tracing).toEqual({
      sampling: 1,
      requestsSampled: 10,
      tracesExported: 3,
      tracesDropped: 7,
    });
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(3);
  });
});
