import { describe, expect, it } from 'vitest';
import { headlineMetrics } from '../../src/metrics/headline.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Calls carry bytes: per edge and per zone pair; bytes that cross zones are billed out and
 * in, as a line of its own in the cost ledger. The fixture's comment works the numbers.
 */
describe('the network bytes and their cost, by hand', () => {
  const result = simulate(loadScenario('cross-zone-bytes'));
  const front = result.pods.find((p) => p.service === 'front')!.zone;
  const back = result.pods.find((p) => p.service === 'back')!.zone;

  it('front and back run in different zones, and 100,000 requests arrive', () => {
    expect(front).not.toBe(back);
    expect(result.requests.total).toBe(100_000);
    expect(result.requests.succeeded).toBe(100_000);
  });

  it('every edge counts its request and response bytes, and the calls that crossed zones', () => {
    expect(bytesOf(result, 'client', 'front')).toEqual({
      requestBytes: 100_000 * 1000,
      responseBytes: 100_000 * 20_000,
      crossZoneCalls: 0, // the client has no zone: ingress is not a zone crossing
      crossZoneBytes: 0,
    });
    expect(bytesOf(result, 'front', 'back')).toEqual({
      requestBytes: 100_000 * 100_000,
      responseBytes: 100_000 * 400_000,
      crossZoneCalls: 100_000,
      crossZoneBytes: 100_000 * 500_000,
    });
  });

  it('the zone-pair table holds each direction on its own', () => {
    expect(result.network.zonePairs).toEqual(
      [
        { fromZone: front, toZone: back, calls: 100_000, bytes: 1e10, costUsd: 0.2 },
        { fromZone: back, toZone: front, calls: 0, bytes: 4e10, costUsd: 0.8 },
      ].sort((a, b) => a.fromZone.localeCompare(b.fromZone)),
    );
    expect(result.network.crossZoneCalls).toBe(100_000);
    expect(result.network.crossZoneCallsPerRequest).toBe(1);
    expect(result.network.crossZoneBytes).toBe(5e10);
  });

  it('50 GB across zones cost 1.00 USD on EKS; the ledger totals 1.08 USD', () => {
    expect(result.cost.crossZoneUsd).toBeCloseTo(1.0, 12);
    expect(result.cost.nodeUsd).toBeCloseTo((2 * 0.096 * 1000) / 3600, 12);
    expect(result.cost.controlPlaneUsd).toBeCloseTo((0.1 * 1000) / 3600, 12);
    expect(result.cost.totalUsd.toFixed(2)).toBe('1.08');
    expect(result.cost.totalUsd).toBeCloseTo(1 + (0.192 * 1000) / 3600 + 100 / 3600, 12);
  });

  it('cost_usd_per_million stays exactly cost_usd / requests_total × 1e6, and shows the bytes', () => {
    const metrics = headlineMetrics(result);
    expect(metrics.cost_cross_zone_usd).toBeCloseTo(1.0, 12);
    expect(metrics.cost_usd_per_million).toBe((metrics.cost_usd! / 100_000) * 1e6);
    expect(metrics.cost_usd_per_million!.toFixed(2)).toBe('10.81');
    expect(metrics.cross_zone_calls_per_request).toBe(1);
    expect(metrics.cross_zone_bytes).toBe(5e10);
  });

  it('GKE bills 0.01 USD per GiB sent, nothing received: 50e9 / 2^30 × 0.01 = 0.47 USD', () => {
    const scenario = loadScenario('cross-zone-bytes');
    scenario.cluster.network.crossZonePricePerGB = { out: 0.01 * (1e9 / 2 ** 30), in: 0 };
    expect(simulate(scenario).cost.crossZoneUsd.toFixed(2)).toBe('0.47');
  });

  it('a failed call answers with no bytes; a call that reaches no pod sends none', () => {
    const scenario = loadScenario('cross-zone-bytes');
    scenario.services.back!.endpoints.get!.errorRate = 1;
    const failing = simulate(scenario);
    expect(bytesOf(failing, 'front', 'back')).toMatchObject({
      requestBytes: 100_000 * 100_000,
      responseBytes: 0,
    });
    scenario.services.back!.replicas = 0;
    expect(bytesOf(simulate(scenario), 'front', 'back')).toMatchObject({
      requestBytes: 0,
      crossZoneCalls: 0,
    });
  });

  it('only measured requests count: none before the warm-up ends', () => {
    const scenario = loadScenario('cross-zone-bytes');
    scenario.warmup = 500_000;
    const half = simulate(scenario);
    expect(half.requests.total).toBe(50_000);
    expect(half.network.crossZoneBytes).toBe(50_000 * 500_000);
    expect(half.cost.crossZoneUsd).toBeCloseTo(0.5, 12);
  });
});

function bytesOf(result: RunResult, from: string, to: string) {
  const edge = result.edges.find((e) => e.from === from && e.to === to)!;
  const { requestBytes, responseBytes, crossZoneCalls, crossZoneBytes } = edge;
  return { requestBytes, responseBytes, crossZoneCalls, crossZoneBytes };
}
