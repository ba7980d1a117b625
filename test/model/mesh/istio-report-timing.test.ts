import { describe, expect, it } from 'vitest';
import type {
  IstioSeries,
  MeshTelemetryResult,
} from '../../../src/metrics/mesh-telemetry-result.js';
import type { RunResult } from '../../../src/metrics/run-result.js';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/index.js';

/**
 * When each proxy reports, and over what time (docs/mesh/telemetry.md, "Who reports what"):
 * the caller's proxy once per call of the application, over the whole call; the callee's
 * once per attempt that reached it, over its own work and the callee's; a waypoint once per
 * attempt through it.
 */

/** One-way network latency of every hop, and each proxy crossing's CPU: all constant. */
const NET_MS = 0.5;
const REQUEST_CPU_MS = 0.1;
const RESPONSE_CPU_MS = 0.2;

function chain(c: {
  strategy: string;
  rate?: string;
  duration?: string;
  warmup?: string;
  cErrorRate?: number;
  cTrafficPolicy?: Record<string, unknown>;
  cReplicas?: number;
  cMesh?: Record<string, unknown>;
  cCpu?: string;
  traced?: boolean;
}) {
  const proxy = {
    requestCpu: `${REQUEST_CPU_MS}ms`,
    responseCpu: `${RESPONSE_CPU_MS}ms`,
    telemetryCpu: '0.3ms',
  };
  const document = {
    name: 'chain',
    duration: c.duration ?? '1s',
    ...(c.warmup === undefined ? {} : { warmup: c.warmup }),
    cluster: { network: { sameZone: `${NET_MS}ms`, crossZone: `${NET_MS}ms`, ingress: '0ms' } },
    mesh: {
      strategy: c.strategy,
      sidecar: proxy,
      gateway: proxy,
      waypoint: proxy,
      ztunnel: proxy,
      mtls: { enabled: false },
      ...(c.traced ? { telemetry: { tracing: { sampling: '100%' } } } : {}),
    },
    services: {
      a: { endpoints: { get: { cpu: '1ms', calls: ['b.get'] } } },
      b: { endpoints: { get: { cpu: '2ms', calls: ['c.get'] } } },
      c: {
        replicas: c.cReplicas ?? 1,
        ...(c.cTrafficPolicy === undefined ? {} : { trafficPolicy: c.cTrafficPolicy }),
        ...(c.cMesh === undefined ? {} : { mesh: c.cMesh }),
        endpoints: { get: { cpu: c.cCpu ?? '3ms', errorRate: c.cErrorRate ?? 0 } },
      },
    },
    workload: [{ name: 'one', arrivals: 'constant', rate: c.rate ?? '1/s', target: 'a.get' }],
  };
  return parseScenario(JSON.stringify(document));
}

function series(mesh: MeshTelemetryResult, reporter: string, to: string): IstioSeries[] {
  return mesh.istio.filter((s) => s.reporter === reporter && s.destinationWorkload === to);
}

const sum = (list: IstioSeries[], field: 'requests' | 'durationSumMs') =>
  list.reduce((total, s) => total + s[field], 0);

function edgeOf(result: RunResult, from: string, to: string) {
  return result.edges.find((e) => e.from === from && e.to === to)!;
}

describe('source minus destination latency, by hand (constant latencies, one request)', () => {
  // Two requests, the first in the warmup: the measured one finds b's connection to c open
  // (without a mesh, kube-proxy has no connection of its own to open).
  const measuredSecond = { duration: '2s', warmup: '1s' };
  const proxyMs = REQUEST_CPU_MS + RESPONSE_CPU_MS;
  const result = simulate(chain({ strategy: 'sidecar', ...measuredSecond }));
  const mesh = result.mesh!;

  it("the destination's duration is c's own 3 ms and its inbound proxy's work, in and out", () => {
    expect(series(mesh, 'destination', 'c')[0]!.durationSumMs).toBeCloseTo(3 + proxyMs, 9);
  });

  it("the difference is the caller's proxy's work and the network both ways", () => {
    const source = series(mesh, 'source', 'c')[0]!.durationSumMs;
    const destination = series(mesh, 'destination', 'c')[0]!.durationSumMs;
    // 0.3 ms of b's outbound proxy + 2 × 0.5 ms of network = 1.3 ms
    expect(source - destination).toBeCloseTo(proxyMs + 2 * NET_MS, 9);
  });

  it("against the same call without a mesh, the source's figure has both proxies' work more", () => {
    const noMesh = simulate(chain({ strategy: 'none', ...measuredSecond }));
    const none = edgeOf(noMesh, 'b', 'c').latency.meanMs!;
    expect(none).toBeCloseTo(3 + 2 * NET_MS, 9);
    const source = series(mesh, 'source', 'c')[0]!.durationSumMs;
    expect(source - none).toBeCloseTo(2 * proxyMs, 9);
  });

  it('mesh_edges figures agree: the overhead is source mean minus destination mean', () => {
    const reports = mesh.edges.find((e) => e.from === 'b' && e.to === 'c')!;
    expect(reports.sourceDurationSumMs - reports.destinationDurationSumMs).toBeCloseTo(
      proxyMs + 2 * NET_MS,
      9,
    );
  });
});

describe('retries happen below the source report (Envoy router), above the destination report', () => {
  // c fails half its requests; b's proxy retries 5xx twice, with Envoy's back-off.
  const result = simulate(
    chain({
      strategy: 'sidecar',
      rate: '100/s',
      duration: '5s',
      cErrorRate: 0.5,
      cReplicas: 2,
      cTrafficPolicy: { retries: { attempts: 2, retryOn: ['5xx'] } },
    }),
  );
  const mesh = result.mesh!;
  const edge = edgeOf(result, 'b', 'c');

  it('the run has retries to show', () => {
    expect(edge.attempts).toBeGreaterThan(edge.requests * 1.3);
  });

  it("the source reports once per call of b's code, the destination once per attempt", () => {
    expect(sum(series(mesh, 'source', 'c'), 'requests')).toBe(edge.requests);
    expect(sum(series(mesh, 'destination', 'c'), 'requests')).toBe(edge.attempts);
  });

  it('the source reports the final response: a 500 only for calls that failed every try', () => {
    const failed = series(mesh, 'source', 'c').find((s) => s.responseCode === 500)!;
    expect(failed.requests).toBe(edge.errors);
    const destinationFailures = series(mesh, 'destination', 'c').find(
      (s) => s.responseCode === 500,
    )!;
    expect(destinationFailures.requests).toBe(edge.attemptsFailed);
  });

  it("the source's duration is the whole call, every try and back-off included", () => {
    // edges.csv's latency is over the successful calls, from b's code asking to its answer.
    const succeeded = series(mesh, 'source', 'c').find((s) => s.responseCode === 200)!;
    expect(succeeded.requests).toBe(edge.requests - edge.errors);
    expect(succeeded.durationSumMs / succeeded.requests).toBeCloseTo(edge.latency.meanMs!, 6);
  });
});

describe('ambient: waypoints report L7 metrics (reporter="waypoint")', () => {
  // Two requests, the first in the warmup: the measured one finds its connection open.
  const result = simulate(
    chain({ strategy: 'ambient', cMesh: { waypoint: true }, duration: '2s', warmup: '1s' }),
  );
  const mesh = result.mesh!;

  it("c's waypoint reports b's call to c, naming both; only the ingress gateway (an Envoy) besides", () => {
    expect(
      mesh.istio.map((s) => [s.reporter, s.sourceWorkload, s.destinationWorkload, s.requests]),
    ).toEqual([
      ['waypoint', 'b', 'c', 1],
      ['source', 'istio-ingressgateway', 'a', 1],
    ]);
  });

  it("the waypoint's duration is from the request reaching it to the response leaving it", () => {
    // waypoint (0.1) + network to c (0.5) + c's ztunnel (0.1) + c (3) + c's ztunnel (0.2)
    // + network back (0.5) + waypoint (0.2).
    const waypoint = series(mesh, 'waypoint', 'c')[0]!;
    const c = REQUEST_CPU_MS + RESPONSE_CPU_MS;
    expect(waypoint.durationSumMs).toBeCloseTo(3 + 2 * c + 2 * NET_MS, 9);
  });

  it('a waypoint report is not a side of mesh_edges.csv: only the ingress edge has reports', () => {
    expect(mesh.edges.map((e) => [e.from, e.to, e.sourceRequests, e.destinationRequests])).toEqual([
      ['client', 'a', 1, 0],
    ]);
  });
});

describe("ambient: each node's ztunnel counts connections and bytes (istio_tcp_*)", () => {
  // Two requests a second: the second finds each connection open.
  const result = simulate(chain({ strategy: 'ambient', rate: '2/s' }));
  const tcp = result.mesh!.tcp;
  const at = (reporter: string, from: string, to: string) =>
    tcp.find(
      (s) => s.reporter === reporter && s.sourceWorkload === from && s.destinationWorkload === to,
    )!;

  it('both ends of a call between ambient pods report it, naming caller and callee', () => {
    expect(tcp.map((s) => [s.reporter, s.sourceWorkload, s.destinationWorkload])).toEqual([
      ['destination', 'istio-ingressgateway', 'a'],
      ['source', 'a', 'b'],
      ['destination', 'a', 'b'],
      ['source', 'b', 'c'],
      ['destination', 'b', 'c'],
    ]);
  });

  it('one connection opened per caller and destination: the second request reuses it', () => {
    expect(at('source', 'b', 'c').connectionsOpened).toBe(1);
    expect(at('destination', 'b', 'c').connectionsOpened).toBe(1);
  });

  it("bytes received are the requests', bytes sent the responses', as edges.csv counts them", () => {
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
    ] as const) {
      const edge = edgeOf(result, from, to);
      for (const reporter of ['source', 'destination']) {
        expect(at(reporter, from, to).receivedBytes).toBe(edge.requestBytes);
        expect(at(reporter, from, to).sentBytes).toBe(edge.responseBytes);
      }
    }
    expect(edgeOf(result, 'b', 'c').requestBytes).toBeGreaterThan(0);
  });

  it('sidecars have no ztunnel: no L4 series', () => {
    expect(simulate(chain({ strategy: 'sidecar' })).mesh!.tcp).toEqual([]);
  });
});

describe('spans of tries a per-try timeout abandons', () => {
  // c takes 30 ms; b's proxy gives each try 10 ms and tries twice more.
  const result = simulate(
    chain({
      strategy: 'sidecar',
      cCpu: '30ms',
      cReplicas: 3,
      traced: true,
      cTrafficPolicy: { retries: { attempts: 2, perTryTimeout: '10ms', retryOn: ['5xx'] } },
    }),
  );
  const spans = result.mesh!.spans;
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const outbound = spans.filter(
    (span) => span.scope === 'proxy' && span.kind === 3 && span.service === 'b',
  );

  it("each try's outbound proxy span ends at its timeout, as Envoy's upstream timeout (504)", () => {
    expect(outbound).toHaveLength(3);
    for (const span of outbound) {
      expect(span.endMs - span.startMs).toBeCloseTo(10, 9);
      expect(span.attributes['http.response.status_code']).toBe(504);
      expect(span.attributes['msasim.unfinished']).toBeUndefined();
    }
  });

  it('and nests in its call span, which ends with the last try', () => {
    const call = byId.get(outbound[0]!.parentSpanId!)!;
    for (const span of outbound) {
      expect(span.parentSpanId).toBe(call.spanId);
      expect(span.startMs).toBeGreaterThanOrEqual(call.startMs);
      expect(span.endMs).toBeLessThanOrEqual(call.endMs);
    }
    expect(call.endMs).toBe(outbound.at(-1)!.endMs);
  });

  it('the source reports the call once: 504 UT over all three tries and the back-offs', () => {
    const [source] = series(result.mesh!, 'source', 'c');
    expect([source!.requests, source!.responseCode, source!.responseFlags]).toEqual([1, 504, 'UT']);
    expect(series(result.mesh!, 'destination', 'c').reduce((n, s) => n + s.requests, 0)).toBe(3);
  });
});
