import { describe, expect, it } from 'vitest';
import type { IstioSeries } from '../../src/metrics/mesh-telemetry-result.js';
import { NO_LATENCY, type RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { istioSeriesFields } from '../../src/report/istio-metrics-csv.js';
import { meshEdgesCsv } from '../../src/report/mesh-edges-csv.js';
import type { RunRecord } from '../../src/report/run-record.js';
import { versionFields, versionsCsv } from '../../src/report/versions-csv.js';
import { parseScenario } from '../../src/scenario/index.js';

/**
 * A statistic over no samples has no value: an empty CSV cell and null in JSON, never 0
 * (run-result.ts, Statistic). Counts over nothing stay 0.
 */
function recordOf(result: RunResult): RunRecord {
  return { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };
}

/** The CSV's rows as objects of cells, by column name. */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i]!]));
  });
}

function chain(strategies: { a: string; b: string; c: string }, cRate = 1) {
  const document = {
    name: 'chain',
    duration: '2s',
    mesh: { strategy: 'sidecar' },
    services: {
      a: {
        mesh: { strategy: strategies.a },
        endpoints: { get: { cpu: '1ms', calls: ['b.get'] } },
      },
      b: {
        mesh: { strategy: strategies.b },
        endpoints: { get: { cpu: '1ms', calls: [{ call: 'c.get', probability: cRate }] } },
      },
      c: { mesh: { strategy: strategies.c }, endpoints: { get: { cpu: '1ms' } } },
    },
    workload: [{ name: 'w', arrivals: 'constant', rate: '10/s', target: 'a.get' }],
  };
  return parseScenario(JSON.stringify(document));
}

describe('mesh_edges.csv over no reports', () => {
  it('a side without a proxy has no mean, and the overhead is absent, not the other side’s mean', () => {
    // b has no proxy: b → c has a destination report only; a → b a source report only.
    const result = simulate(chain({ a: 'sidecar', b: 'none', c: 'sidecar' }));
    const rows = rowsOf(meshEdgesCsv([recordOf(result)]));
    const bc = rows.find((row) => row.from === 'b' && row.to === 'c')!;
    expect([bc.source_requests, bc.source_latency_mean_ms, bc.mesh_overhead_mean_ms]).toEqual([
      '0',
      '',
      '',
    ]);
    expect(Number(bc.destination_latency_mean_ms)).toBeGreaterThan(0);
    const ab = rows.find((row) => row.from === 'a' && row.to === 'b')!;
    expect([
      ab.destination_requests,
      ab.destination_latency_mean_ms,
      ab.mesh_overhead_mean_ms,
    ]).toEqual(['0', '', '']);
  });

  it('an edge with no measured call has no rates of success nor amplification', () => {
    const result = simulate(chain({ a: 'sidecar', b: 'sidecar', c: 'sidecar' }, 0));
    const bc = rowsOf(meshEdgesCsv([recordOf(result)])).find((row) => row.to === 'c')!;
    expect(bc.effective_rps).toBe('0');
    expect(bc.retry_amplification).toBe('');
    expect(bc.effective_success_rate).toBe('');
    expect(bc.actual_success_rate).toBe('');
    expect(bc.source_latency_mean_ms).toBe('');
    expect(bc.destination_latency_mean_ms).toBe('');
  });
});

describe('versions.csv over no calls', () => {
  const idle = {
    service: 'api',
    version: 'v2',
    readyPods: 1,
    requests: 0,
    errors: 0,
    errorsOriginated: 0,
    ratePerSec: 0,
    latency: NO_LATENCY,
  };

  it('a version that served nothing has no error rate and no latency: null', () => {
    const fields = versionFields(idle);
    expect([fields.error_rate, fields.latency_mean_ms, fields.latency_p50_ms]).toEqual([
      null,
      null,
      null,
    ]);
    expect(fields.latency_p99_ms).toBeNull();
  });

  it('and empty cells in the CSV, its counts 0', () => {
    const result = { versions: [idle] } as unknown as RunResult;
    const [row] = rowsOf(versionsCsv([recordOf(result)]));
    expect(row!.requests).toBe('0');
    expect([row!.error_rate, row!.latency_mean_ms, row!.latency_p99_ms]).toEqual(['', '', '']);
  });
});

describe('istio_metrics.csv over no requests', () => {
  it('a series with no request has no mean duration; its counts are 0', () => {
    const series: IstioSeries = {
      reporter: 'source',
      sourceWorkload: 'a',
      sourceVersion: 'v1',
      destinationWorkload: 'b',
      destinationVersion: 'v1',
      destinationService: 'b',
      requestProtocol: 'http',
      responseCode: 200,
      responseFlags: '-',
      requests: 0,
      durationSumMs: 0,
      durationBuckets: new Array<number>(20).fill(0),
    };
    const fields = istioSeriesFields(series);
    expect(fields.duration_mean_ms).toBeNull();
    expect(fields.requests_total).toBe(0);
    expect(fields.duration_le_inf_ms).toBe(0);
  });
});
