import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';

/**
 * Two callers of one service on a network with no latency and constant CPU times, so that a
 * request's latency is exactly its CPU time plus what a fault adds. `web` and `admin` are
 * each called 10 times a second, from t = 0, and each calls `api` once.
 */
function yaml(faults: string, extra = ''): string {
  return `
name: injected
duration: 60s
drain: 30s
cluster:
  provider: none
  nodePools:
    - { name: big, cpu: 64, memory: 64Gi, pricePerHour: 1, count: 1 }
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  web:
    replicas: 2
    endpoints:
      get: { cpu: 2ms, calls: [api.get] }
  admin:
    replicas: 2
    endpoints:
      get: { cpu: 3ms, calls: [api.get] }
  api:
    replicas: 4
    endpoints:
      get: { cpu: 5ms }
workload:
  - { name: users, arrivals: constant, rate: 10/s, target: web.get${extra} }
  - { name: staff, arrivals: constant, rate: 10/s, target: admin.get${extra} }
faults:
${faults}
`;
}

const run = (faults: string, extra = '') => simulate(parseScenario(yaml(faults, extra), 'f.yaml'));
const edge = (result: ReturnType<typeof run>, from: string, to: string) =>
  result.edges.find((e) => e.from === from && e.to === to)!;

describe('networkDelay', () => {
  it('adds exactly its latency to every call into the service, once per call', () => {
    const result = run('  - networkDelay: { service: api, latency: 50ms }');
    for (const from of ['web', 'admin']) {
      const { latency } = edge(result, from, 'api');
      expect(latency.p50Ms).toBeCloseTo(55, 1);
      expect(latency.maxMs).toBeCloseTo(55, 6);
    }
    // web: 2 ms + 55 ms; admin: 3 ms + 55 ms.
    expect(edge(result, 'client', 'web').latency.maxMs).toBeCloseTo(57, 6);
    expect(edge(result, 'client', 'admin').latency.maxMs).toBeCloseTo(58, 6);
  });

  it('between two services delays only the source -> target calls', () => {
    const result = run('  - networkDelay: { service: api, from: web, latency: 50ms }');
    expect(edge(result, 'web', 'api').latency.maxMs).toBeCloseTo(55, 6);
    expect(edge(result, 'admin', 'api').latency.maxMs).toBeCloseTo(5, 6);
    expect(result.faults!.faults[0]).toMatchObject({ kind: 'networkDelay', target: 'web->api' });
    // 600 calls from web over the minute, each delayed once.
    expect(result.faults!.faults[0]!.callsFaulted).toBe(600);
  });

  it('touches nothing outside its window: only the calls sent in [10 s, 20 s)', () => {
    const result = run(
      '  - { at: 10s, duration: 10s, networkDelay: { service: api, latency: 50ms } }',
    );
    // 10 calls a second from each caller for 10 s.
    expect(result.faults!.faults[0]!.callsFaulted).toBe(200);
    const { latency } = edge(result, 'web', 'api');
    expect(latency.p50Ms).toBeCloseTo(5, 1);
    expect(latency.maxMs).toBeCloseTo(55, 6);
  });

  it('with jitter stays within latency ± jitter', () => {
    const result = run('  - networkDelay: { service: api, latency: 50ms, jitter: 10ms }');
    const { latency } = edge(result, 'web', 'api');
    expect(latency.maxMs!).toBeLessThanOrEqual(65.0001);
    expect(latency.maxMs!).toBeGreaterThan(60);
    expect(latency.p50Ms!).toBeGreaterThan(50);
    expect(latency.p50Ms!).toBeLessThan(60);
  });
});

describe('httpAbort', () => {
  /**
   * 1,200 calls into api, each aborted with probability 0.2 (a binomial): mean 240, standard
   * deviation sqrt(1200 × 0.2 × 0.8) ≈ 13.9; 4 of them (55) are missed by a correct model
   * about once in 16,000 seeds.
   */
  it('aborts a share of calls within 4 standard deviations of the percentage, cause fault_abort', () => {
    const result = run('  - httpAbort: { service: api, percentage: 20%, httpStatus: 503 }');
    const n = 1200;
    const aborted = result.requests.byCause.fault_abort;
    expect(Math.abs(aborted - n * 0.2)).toBeLessThan(4 * Math.sqrt(n * 0.2 * 0.8));
    expect(result.faults!.faults[0]!.callsFaulted).toBe(aborted);
    expect(result.faults!.faults[0]!.requestsFailed).toBe(aborted);
  });

  it('between two services aborts only the source -> target calls', () => {
    const result = run('  - httpAbort: { service: api, from: admin, httpStatus: 500 }');
    expect(edge(result, 'web', 'api').errors).toBe(0);
    expect(edge(result, 'admin', 'api').errors).toBe(600);
  });
});

describe('networkLoss', () => {
  it('at 0% changes nothing; at a high rate the retransmission timeouts become timeouts', () => {
    const none = run('  - networkLoss: { service: api, loss: 0 }');
    expect(edge(none, 'web', 'api').latency.maxMs).toBeCloseTo(5, 6);
    // 60% loss: most messages wait 200 ms or more; a 300 ms client timeout fails many.
    const heavy = run('  - networkLoss: { service: api, loss: 60% }', ', timeout: 300ms');
    expect(heavy.requests.byCause.timeout).toBeGreaterThan(400);
  });

  it('at a small rate shows as a latency tail of 200 ms steps', () => {
    const result = run('  - networkLoss: { service: api, loss: 2% }');
    const { latency } = edge(result, 'web', 'api');
    expect(latency.p50Ms).toBeCloseTo(5, 1);
    expect(latency.maxMs! - 5).toBeGreaterThanOrEqual(200);
    expect(result.requests.failed).toBe(0);
  });
});
