import parsePrometheusTextFormat, { type PrometheusSample } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { istioMetricsCsv } from '../../src/report/istio-metrics-csv.js';
import { meshEdgesCsv } from '../../src/report/mesh-edges-csv.js';
import { otlpTraces } from '../../src/report/otlp-traces.js';
import { prometheusText } from '../../src/report/prometheus-text.js';
import type { RunRecord } from '../../src/report/run-record.js';
import { unixMillis } from '../../src/report/simulated-epoch.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/index.js';
import { DEFAULT_TRACING } from '../../src/scenario/mesh-telemetry-schema.js';
import { roundTrip } from '../support/otlp-proto.js';

/**
 * The mesh's files as tools read them: the traces as an OTLP ExportTraceServiceRequest
 * checked against the opentelemetry-proto definitions, and metrics.prom through a
 * Prometheus text-format parser, agreeing with istio_metrics.csv.
 */
function fanOut(
  c: {
    sampling?: string;
    strategy?: string;
    rate?: string;
    seed?: number;
    zReplicas?: number;
  } = {},
) {
  // A quarter of a core each, so that every pod fits on the default three nodes.
  const small = { resources: { requests: { cpu: '250m' } } };
  const document = {
    name: 'fan-out',
    duration: '2s',
    seed: c.seed ?? 1,
    mesh: {
      strategy: c.strategy ?? 'sidecar',
      telemetry: { tracing: { sampling: c.sampling ?? '100%', maxTraces: 10_000 } },
    },
    services: {
      gateway: {
        ...small,
        endpoints: { get: { cpu: '1ms', calls: [{ parallel: ['x.get', 'y.get'] }, 'z.get'] } },
      },
      x: { ...small, endpoints: { get: { cpu: '2ms', calls: ['z.get'] } } },
      y: { ...small, endpoints: { get: { cpu: '1ms' } } },
      z: { ...small, replicas: c.zReplicas ?? 2, endpoints: { get: { cpu: '1ms' } } },
    },
    workload: [{ name: 'w', arrivals: 'poisson', rate: c.rate ?? '50/s', target: 'gateway.get' }],
  };
  return parseScenario(JSON.stringify(document));
}

function recordOf(result: RunResult, runId = 3): RunRecord {
  return { runId, variant: 'base', params: {}, replication: 0, seed: 1, result };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function spansOf(otlp: string): OtlpSpan[] {
  const request = JSON.parse(otlp) as {
    resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
  };
  return request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
}

describe('traces.otlp.json', () => {
  const result = simulate(fanOut());
  const otlp = otlpTraces([recordOf(result)]);

  it('is an ExportTraceServiceRequest: every field one opentelemetry-proto defines, with its type', () => {
    const { expected, actual } = roundTrip(JSON.parse(otlp));
    expect(spansOf(otlp).length).toBeGreaterThan(1000);
    expect(actual).toEqual(expected);
  });

  it('the check catches a field the message does not define, a mistyped enum and a short id', () => {
    const parsed = JSON.parse(otlp);
    const span = parsed.resourceSpans[0].scopeSpans[0].spans[0];
    span.durationMs = 5;
    const unknown = roundTrip(parsed);
    expect(unknown.actual).not.toEqual(unknown.expected);
    delete span.durationMs;
    span.kind = 'CLIENT';
    const mistyped = roundTrip(parsed);
    expect(mistyped.actual).not.toEqual(mistyped.expected);
    span.kind = 3;
    span.spanId = 'abc';
    expect(() => roundTrip(parsed)).toThrow('spanId "abc" is not 8 bytes of hex');
  });

  it('spans nest: one root per trace, every parent in its trace, each child within its parent', () => {
    const byTrace = groupBy(spansOf(otlp), (span) => span.traceId);
    expect(byTrace.size).toBe(result.mesh!.tracing.tracesExported);
    for (const spans of byTrace.values()) {
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      expect(byId.size).toBe(spans.length);
      const roots = spans.filter((span) => span.parentSpanId === undefined);
      expect(roots.map((root) => root.name)).toEqual(['call gateway/get']);
      for (const span of spans) {
        expect(BigInt(span.startTimeUnixNano)).toBeLessThanOrEqual(BigInt(span.endTimeUnixNano));
        if (span.parentSpanId === undefined) continue;
        const parent = byId.get(span.parentSpanId);
        expect(parent).toBeDefined();
        expect(BigInt(span.startTimeUnixNano)).toBeGreaterThanOrEqual(
          BigInt(parent!.startTimeUnixNano),
        );
        expect(BigInt(span.endTimeUnixNano)).toBeLessThanOrEqual(BigInt(parent!.endTimeUnixNano));
      }
    }
  });

  it('with failures, calls left running after their caller failed fast still hang from it', () => {
    // z has no pod: x fails at once, the gateway fails fast, and y runs on past its caller.
    const failing = simulate(fanOut({ zReplicas: 0 }));
    expect(failing.requests.byCause.unavailable).toBe(failing.requests.total);
    const spans = spansOf(otlpTraces([recordOf(failing)]));
    const byTrace = groupBy(spans, (span) => span.traceId);
    for (const trace of byTrace.values()) {
      const ids = new Set(trace.map((span) => span.spanId));
      for (const span of trace) if (span.parentSpanId) expect(ids).toContain(span.parentSpanId);
    }
    const { expected, actual } = roundTrip(JSON.parse(otlpTraces([recordOf(failing)])));
    expect(actual).toEqual(expected);
  });

  it('a span per hop, proxy and attempt: 5 hops × (call, outbound proxy, inbound proxy, code)', () => {
    const byTrace = groupBy(spansOf(otlp), (span) => span.traceId);
    for (const spans of byTrace.values()) {
      expect(spans).toHaveLength(20);
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      // A hop's chain: the caller's call (CLIENT) → its proxy (CLIENT) → the callee's proxy
      // (SERVER) → the callee's code (SERVER).
      const code = spans.find((span) => span.name === 'get' && span.kind === 2)!;
      const chain = [code];
      while (chain.length < 4) chain.push(byId.get(chain.at(-1)!.parentSpanId!)!);
      expect(chain.map((span) => span.kind)).toEqual([2, 2, 3, 3]);
    }
  });

  it('trace ids begin with the run id, so the runs of a sweep never share one', () => {
    for (const span of spansOf(otlp)) expect(span.traceId.slice(0, 8)).toBe('00000003');
  });

  it('the same seed writes the same bytes; another seed other trace ids', () => {
    expect(otlpTraces([recordOf(simulate(fanOut()))])).toBe(otlp);
    const other = spansOf(otlpTraces([recordOf(simulate(fanOut({ seed: 2 })))]));
    expect(other[0]!.traceId).not.toBe(spansOf(otlp)[0]!.traceId);
  });
});

describe('sampling', () => {
  it('the sampled share is within binomial tolerance (4 standard deviations) of the setting', () => {
    const p = 0.2;
    const result = simulate(fanOut({ sampling: '20%', rate: '2000/s', strategy: 'sidecar' }));
    const n = result.requests.total;
    const { requestsSampled, tracesExported } = result.mesh!.tracing;
    expect(n).toBeGreaterThan(3500);
    expect(Math.abs(requestsSampled - n * p)).toBeLessThanOrEqual(4 * Math.sqrt(n * p * (1 - p)));
    const traces = new Set(spansOf(otlpTraces([recordOf(result)])).map((s) => s.traceId));
    expect(traces.size).toBe(tracesExported);
    expect(tracesExported).toBe(requestsSampled);
  });

  it("Istio's default: 1% of requests", () => {
    const scenario = parseScenario(
      JSON.stringify({ ...baseDocument(), mesh: { strategy: 'sidecar' } }),
    );
    expect(scenario.mesh.telemetry.tracing).toBeUndefined();
    expect(DEFAULT_TRACING).toEqual({ sampling: 0.01, maxTraces: 1000 });
    const { sampling } = simulate(scenario).mesh!.tracing;
    expect(sampling).toBe(0.01);
    const set = parseScenario(
      JSON.stringify({
        ...baseDocument(),
        mesh: { strategy: 'sidecar', telemetry: { tracing: { maxTraces: 5 } } },
      }),
    );
    expect(set.mesh.telemetry.tracing).toEqual({ sampling: 0.01, maxTraces: 5 });
  });
});

function baseDocument() {
  return {
    name: 'one',
    duration: '1s',
    services: { a: { endpoints: { get: { cpu: '1ms' } } } },
    workload: [{ name: 'w', arrivals: 'constant', rate: '1/s', target: 'a.get' }],
  };
}

/** istio_metrics.csv's rows by their label set (run key and Istio labels). */
function csvRows(csv: string): Map<string, Record<string, string>> {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header!.split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const cells = line.split(',');
    const row = Object.fromEntries(columns.map((column, i) => [column, cells[i]!]));
    rows.set(labelKey(row), row);
  }
  return rows;
}

const KEY_LABELS = ['reporter', 'source_workload', 'destination_workload', 'response_code'];

function labelKey(labels: Record<string, string>): string {
  const run = labels.msasim_run_id ?? labels.run_id;
  return [run, ...KEY_LABELS.map((label) => labels[label])].join('|');
}

describe('metrics.prom', () => {
  const runs = [
    recordOf(simulate(fanOut({ sampling: '0%' })), 0),
    recordOf(simulate(fanOut({ sampling: '0%', seed: 5 })), 1),
  ];
  const text = prometheusText(runs);
  const rows = csvRows(istioMetricsCsv(runs));

  it('parses as the Prometheus text format: a counter and a histogram family, typed and described', () => {
    const families = parsePrometheusTextFormat(text);
    expect(families.map((f) => [f.name, f.type])).toEqual([
      ['istio_requests_total', 'COUNTER'],
      ['istio_request_duration_milliseconds', 'HISTOGRAM'],
    ]);
    expect(families.every((family) => family.help.length > 0)).toBe(true);
  });

  it("istio_requests_total: one sample per CSV row, the CSV's count, stamped with the run's end", () => {
    const [counter] = parsePrometheusTextFormat(text);
    expect(counter!.metrics).toHaveLength(rows.size);
    for (const sample of counter!.metrics) {
      const row = rows.get(labelKey(sample.labels!))!;
      expect(sample.value).toBe(row.requests_total);
      for (const [label, value] of Object.entries(sample.labels!)) {
        if (!label.startsWith('msasim_')) expect(row[label]).toBe(value);
      }
      const run = runs[Number(sample.labels!.msasim_run_id)]!;
      expect(Number(sample.timestamp_ms)).toBe(unixMillis(run.result.mesh!.endMs));
    }
  });

  it("istio_request_duration_milliseconds: cumulative buckets up to +Inf = _count, each the CSV's", () => {
    // The parser groups a histogram's samples into one unlabelled series only, so each of its
    // lines is read on its own (untyped), then put together by its labels here.
    const families = parsePrometheusTextFormat(
      text.replace(/^# TYPE istio_request_duration_milliseconds histogram$/m, ''),
    );
    const samples = families
      .filter((f) => f.name.startsWith('istio_request_duration_milliseconds_'))
      .flatMap((f) => f.metrics.map((m) => ({ suffix: f.name.split('_').at(-1)!, ...m })));
    const bySeries = groupBy(samples, (s: PrometheusSample) => labelKey(s.labels!));
    expect(bySeries.size).toBe(rows.size);
    for (const [key, series] of bySeries) {
      const row = rows.get(key)!;
      const buckets = series.filter((s) => s.suffix === 'bucket');
      expect(buckets).toHaveLength(20);
      const counts = buckets.map((s) => Number(s.value));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(buckets.at(-1)!.labels!.le).toBe('+Inf');
      for (const bucket of buckets) {
        const le = bucket.labels!.le === '+Inf' ? 'inf' : bucket.labels!.le;
        expect(bucket.value).toBe(row[`duration_le_${le}_ms`]);
      }
      expect(series.find((s) => s.suffix === 'count')!.value).toBe(row.requests_total);
      expect(series.find((s) => s.suffix === 'sum')!.value).toBe(row.duration_sum_ms);
      expect(counts.at(-1)).toBe(Number(row.requests_total));
    }
  });
});

describe("metrics.prom under ambient: the ztunnels' L4 counters", () => {
  const run = recordOf(simulate(fanOut({ sampling: '0%', strategy: 'ambient' })), 0);
  const families = parsePrometheusTextFormat(prometheusText([run]));

  it("three counter families beside the HTTP ones (the ingress gateway's reports)", () => {
    expect(families.map((f) => [f.name, f.type])).toEqual([
      ['istio_requests_total', 'COUNTER'],
      ['istio_request_duration_milliseconds', 'HISTOGRAM'],
      ['istio_tcp_connections_opened_total', 'COUNTER'],
      ['istio_tcp_received_bytes_total', 'COUNTER'],
      ['istio_tcp_sent_bytes_total', 'COUNTER'],
    ]);
  });

  it('one sample per L4 series, labelled tcp with no response code, its count', () => {
    const tcp = run.result.mesh!.tcp;
    const sent = families.find((f) => f.name === 'istio_tcp_sent_bytes_total')!;
    expect(sent.metrics).toHaveLength(tcp.length);
    sent.metrics.forEach((sample, i) => {
      expect(sample.labels!.request_protocol).toBe('tcp');
      expect(sample.labels!.response_code).toBeUndefined();
      expect(sample.labels!.reporter).toBe(tcp[i]!.reporter);
      expect(Number(sample.value)).toBe(tcp[i]!.sentBytes);
    });
  });
});

describe('which files a sweep writes', () => {
  it('a run with a mesh adds the four mesh files; a run without one writes the others', () => {
    const withMesh = sweepOutputFiles(fanOut(), [recordOf(simulate(fanOut({ sampling: '1%' })))]);
    const meshFiles = ['mesh_edges.csv', 'istio_metrics.csv', 'metrics.prom', 'traces.otlp.json'];
    const names = Object.keys(withMesh);
    expect(names.filter((name) => meshFiles.includes(name))).toEqual(meshFiles);
    const plain = parseScenario(JSON.stringify(baseDocument()));
    const without = sweepOutputFiles(plain, [recordOf(simulate(plain))]);
    expect(Object.keys(without)).not.toContain('metrics.prom');
    expect(Object.keys(without)).toEqual(names.filter((name) => !meshFiles.includes(name)));
  });

  it('mesh_edges.csv: effective (logical calls) beside actual (attempts) rates, and the overhead', () => {
    const csv = meshEdgesCsv([recordOf(simulate(fanOut({ sampling: '0%' })))]);
    const [header, first] = csv.split('\n');
    expect(header).toBe(
      'run_id,variant,replication,from,to,effective_rps,actual_rps,retry_amplification,effective_success_rate,actual_success_rate,source_requests,source_latency_mean_ms,destination_requests,destination_latency_mean_ms,mesh_overhead_mean_ms',
    );
    const cells = first!.split(',');
    // No retries yet: every call one attempt; the overhead is the network both ways (> 0).
    expect(cells[5]).toBe(cells[6]);
    expect(cells[7]).toBe('1');
    expect(Number(cells[14])).toBeGreaterThan(0);
  });
});
