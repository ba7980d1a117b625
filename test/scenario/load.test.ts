import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import {
  documentLocator,
  formatPath,
  parseScenario,
  parseScenarioValue,
  type Scenario,
  ScenarioError,
} from '../../src/scenario/index.js';

const GOOD = new URL('../fixtures/good/', import.meta.url);
const MiB = 2 ** 20;
const GiB = 2 ** 30;

function loadGood(name: string): Scenario {
  return parseScenario(readFileSync(new URL(name, GOOD), 'utf8'), name);
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('a good scenario', () => {
  const shop = loadGood('shop.yaml');

  it('converts human units to engine units: ms, cores, bytes, per second, fractions', () => {
    expect(shop.duration).toBe(600_000);
    expect(shop.warmup).toBe(60_000);
    expect(shop.services.frontend?.resources).toEqual({
      requests: { cpu: 0.5, memory: 256 * MiB },
      limits: { cpu: 1 },
    });
    expect(shop.workload[0]).toMatchObject({ rate: 300, timeout: 5000 });
    expect(shop.services.frontend?.endpoints['POST /checkout']?.errorRate).toBe(0.005);
  });

  it('fills in the defaults it leaves out', () => {
    expect(shop.drain).toBe(30_000);
    expect(shop.outputs.window).toBe(1000);
    expect(shop.cluster.scheduler).toEqual({
      scoringStrategy: 'LeastAllocated',
      weights: { NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1, PodTopologySpread: 2 },
    });
    expect(shop.cluster.provider).toBe('eks');
    expect(shop.cluster.daemonSets).toEqual({});
    expect(shop.cluster.network.crossZonePricePerGB).toEqual({ out: 0.01, in: 0.01 });
    expect(shop.cluster.controlPlane.pricePerHour).toBe(0.1);
    expect(shop.cluster.network.sameZone).toEqual({ kind: 'lognormal', median: 0.2, p99: 1 });
    expect(shop.cluster.network.ingress).toEqual({ kind: 'constant', value: 0 });
    expect(shop.services.recommend).toMatchObject({
      replicas: 1,
      resources: { requests: { cpu: 1, memory: 128 * MiB }, limits: {} },
      concurrency: 64,
      queueLimit: 1024,
      holdWorkerWhileWaiting: false,
      loadBalancer: 'kube-proxy',
    });
    expect(shop.services.catalog?.endpoints.get).toMatchObject({ errorRate: 0, calls: [] });
  });

  it('resolves node pools from their instance type, letting given fields override it', () => {
    // EKS reservations: an m5.large keeps 70m and 11 × 29 + 255 = 574Mi, and 100Mi for
    // eviction; a pool of its own size has no ENI table, so 110 pods: 65m and 1465Mi.
    expect(shop.cluster.nodePools).toEqual([
      {
        name: 'general',
        count: 4,
        cpuCores: 2,
        memoryBytes: 8 * GiB,
        pricePerHourUsd: 0.096,
        maxPods: 29,
        kubeReserved: { cpu: 0.07, memory: 574 * MiB },
        systemReserved: { cpu: 0, memory: 0 },
        evictionHard: 100 * MiB,
        allocatable: { cpuCores: 1.93, memoryBytes: 8 * GiB - 674 * MiB },
      },
      {
        name: 'custom',
        count: 3,
        zones: ['b'],
        cpuCores: 1.5,
        memoryBytes: 6 * GiB,
        pricePerHourUsd: 0.05,
        maxPods: 110,
        kubeReserved: { cpu: 0.065, memory: 1465 * MiB },
        systemReserved: { cpu: 0, memory: 0 },
        evictionHard: 100 * MiB,
        allocatable: { cpuCores: 1.435, memoryBytes: 6 * GiB - 1565 * MiB },
      },
    ]);
  });

  it('reads calls, parallel branches and probabilities into call steps', () => {
    expect(shop.services.frontend?.endpoints['GET /product']?.calls).toEqual([
      { kind: 'call', service: 'catalog', endpoint: 'get', probability: 1 },
      {
        kind: 'parallel',
        branches: [
          { service: 'recommend', endpoint: 'list', probability: 1 },
          { service: 'cart', endpoint: 'get', probability: 0.3 },
        ],
      },
    ]);
  });

  it('reads distributions from text, plain durations and histograms', () => {
    const cpu = (service: string, endpoint: string) =>
      shop.services[service]?.endpoints[endpoint]?.cpu;
    expect(cpu('frontend', 'POST /checkout')).toEqual({ kind: 'constant', value: 3 });
    expect(cpu('catalog', 'get')).toEqual({ kind: 'lognormal', median: 4, p99: 30 });
    expect(cpu('recommend', 'list')).toEqual({
      kind: 'mixture',
      components: [
        { weight: 0.95, distribution: { kind: 'exponential', mean: 5 } },
        { weight: 0.05, distribution: { kind: 'exponential', mean: 80 } },
      ],
    });
    expect(cpu('cart', 'get')).toEqual({
      kind: 'histogram',
      bins: [
        { min: 1, max: 2, weight: 3 },
        { min: 2, max: 10, weight: 1 },
      ],
    });
  });

  it('reads workloads of each arrival kind with their profiles', () => {
    expect(shop.workload[0]).toMatchObject({
      arrivals: 'poisson',
      mix: { 'frontend.GET /product': 0.85, 'frontend.POST /checkout': 0.15 },
      profile: { type: 'diurnal', period: 86_400_000, amplitude: 0.4 },
    });
    expect(shop.workload[1]).toEqual({
      name: 'admins',
      arrivals: 'closed',
      users: 5,
      thinkTime: { kind: 'exponential', mean: 2000 },
      target: 'catalog.get',
    });
  });
});

describe('ScenarioError', () => {
  it('lists every issue as data, sorted by line and column, and as one line each', () => {
    const text = [
      'name: shop',
      'services:',
      '  api:',
      '    replicas: -2',
      '    endpoints: { get: { cpu: fast } }',
      'workload:',
      '  - { name: u, arrivals: poisson, rate: 10/x, target: api.get }',
      'seed: -1',
    ].join('\n');
    let error: unknown;
    try {
      parseScenario(text, 'demo.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const { issues, message, name } = error as ScenarioError;
    expect(name).toBe('ScenarioError');
    expect(issues.map(({ line, column, path }) => [line, column, path])).toEqual([
      [4, 15, 'services.api.replicas'],
      [5, 30, 'services.api.endpoints.get.cpu'],
      [7, 41, 'workload[0].rate'],
      [8, 7, 'seed'],
    ]);
    expect(issues[0]).toEqual({
      file: 'demo.yaml',
      line: 4,
      column: 15,
      path: 'services.api.replicas',
      message: 'expected a whole number >= 0, got -2',
    });
    expect(message.split('\n')).toHaveLength(4);
    expect(message.split('\n')[3]).toBe(
      'demo.yaml:8:7: seed: expected a whole number >= 0, got -1',
    );
  });

  it('reports a duplicate key together with the problems of the rest of the file', () => {
    const text = 'name: shop\nname: shop\nservices: {}\nworkload: []\n';
    expect(messageOf(() => parseScenario(text, 'dup.yaml'))).toBe(
      [
        'dup.yaml:2:1: name: duplicate key "name" (first given at line 1); a key may appear only once',
        'dup.yaml:4:11: workload: expected at least 1 item, got an empty list',
      ].join('\n'),
    );
  });

  it('follows an alias to the anchored value it stands for', () => {
    const text = [
      'name: shop',
      'services:',
      '  api:',
      '    resources: &small { requests: { cpu: lots } }',
      '    endpoints: { get: {} }',
      '  db:',
      '    resources: *small',
      '    endpoints: { get: {} }',
      'workload:',
      '  - { name: u, arrivals: poisson, rate: 1/s, target: api.get }',
    ].join('\n');
    const expected = 'expected a CPU quantity like 500m, 0.5 or 2 (cores); got "lots"';
    expect(messageOf(() => parseScenario(text, 'a.yaml'))).toBe(
      [
        `a.yaml:4:42: services.api.resources.requests.cpu: ${expected}`,
        `a.yaml:4:42: services.db.resources.requests.cpu: ${expected}`,
      ].join('\n'),
    );
  });
});

describe('parseScenarioValue', () => {
  const minimal = {
    name: 'shop',
    services: { api: { endpoints: { get: {} } } },
    workload: [{ name: 'u', arrivals: 'poisson', rate: '5/s', target: 'api.get' }],
  };

  it('validates a value that is already JavaScript, such as one a sweep overrode', () => {
    const scenario = parseScenarioValue(minimal, 'inline');
    expect(scenario.workload[0]).toMatchObject({ rate: 5 });
  });

  it('places issues at 1:1 when it has no document to locate them in', () => {
    const value = { ...minimal, duration: 60 };
    expect(messageOf(() => parseScenarioValue(value, 'sweep variant "big"'))).toBe(
      'sweep variant "big":1:1: duration: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got 60',
    );
  });

  it('asks the given locator where each path is written', () => {
    const value = { ...minimal, warmup: '2m' };
    const locate = (path: readonly (string | number)[]) => ({ line: 10 + path.length, column: 3 });
    expect(messageOf(() => parseScenarioValue(value, 'x.yaml', locate))).toBe(
      'x.yaml:11:3: warmup: warmup (2m) must be shorter than duration (1m)',
    );
  });
});

describe('documentLocator', () => {
  const text = [
    'name: shop', //                          line 1
    'services:',
    '  api:',
    '    endpoints:',
    '      "GET /x": { cpu: 2ms }', //         line 5
    'workload:',
    '  - name: u',
    '    rate: 1/s',
  ].join('\n');
  const lineCounter = new LineCounter();
  const locate = documentLocator(parseDocument(text, { lineCounter }), lineCounter);

  it.each([
    { path: ['name'], at: 'value', expected: { line: 1, column: 7 } },
    {
      path: ['services', 'api', 'endpoints', 'GET /x', 'cpu'],
      at: 'value',
      expected: { line: 5, column: 24 },
    },
    {
      path: ['services', 'api', 'endpoints', 'GET /x'],
      at: 'key',
      expected: { line: 5, column: 7 },
    },
    { path: ['workload', 0, 'rate'], at: 'value', expected: { line: 8, column: 11 } },
    { path: ['workload', 0, 'rate'], at: 'key', expected: { line: 8, column: 5 } },
    // Not written in the file (defaults): the nearest ancestor that is.
    { path: ['services', 'api', 'replicas'], at: 'value', expected: { line: 4, column: 5 } },
    { path: ['workload', 3, 'rate'], at: 'value', expected: { line: 7, column: 3 } },
    { path: ['outputs', 'window'], at: 'value', expected: { line: 1, column: 1 } },
    { path: [], at: 'value', expected: { line: 1, column: 1 } },
  ] as const)('$path ($at) is at $expected.line:$expected.column', ({ path, at, expected }) => {
    expect(locate(path, at)).toEqual(expected);
  });
});

describe('formatPath', () => {
  it.each([
    { path: [], expected: '(root)' },
    { path: ['duration'], expected: 'duration' },
    { path: ['workload', 0, 'rate'], expected: 'workload[0].rate' },
    {
      path: ['services', 'resize-receipt', 'replicas'],
      expected: 'services.resize-receipt.replicas',
    },
    {
      path: ['services', 'api', 'endpoints', 'GET /product', 'cpu'],
      expected: 'services.api.endpoints["GET /product"].cpu',
    },
    { path: ['workload', 0, 'mix', 'api.get'], expected: 'workload[0].mix["api.get"]' },
    { path: ['1'], expected: '["1"]' },
  ])('$expected', ({ path, expected }) => {
    expect(formatPath(path)).toBe(expected);
  });
});
