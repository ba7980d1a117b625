import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { simulate } from '../../src/model/simulate.js';
import { callGraphSizes } from '../../src/scenario/call-graph-size.js';
import { formatBytes, formatCount, formatEstimate } from '../../src/scenario/count-text.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';
import { BYTES_PER, estimateWork } from '../../src/scenario/work-estimate.js';
import {
  DEFAULT_WORK_LIMITS,
  eventBudgetFor,
  MAX_WRITTEN_TIME_SERIES_ROWS,
  workLimitProblems,
  writtenRowsProblems,
} from '../../src/scenario/work-limits.js';
import { loadScenario } from '../support/scenario-files.js';

/** A scenario of one service `a.e` (plus `services`), with `workload` and top-level `extra`. */
function scenarioWith(
  workload: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  services: Record<string, unknown> = { a: { endpoints: { e: {} } } },
): Scenario {
  const document = {
    name: 'w',
    services,
    workload: [{ name: 'load', target: 'a.e', ...workload }],
    ...extra,
  };
  return parseScenario(stringify(document), 'w.yaml');
}

describe('expected requests', () => {
  it('are the rate times the duration for a flat open loop', () => {
    const scenario = scenarioWith({ arrivals: 'poisson', rate: '300/s' }, { duration: '2m' });
    expect(estimateWork(scenario).requests).toBeCloseTo(36_000, 6);
  });

  it('integrate a ramp: from before it starts, the trapezoid, then to', () => {
    const profile = { type: 'ramp', from: 1, to: 3, start: '10s', over: '20s' };
    const scenario = scenarioWith(
      { arrivals: 'poisson', rate: '10/s', profile },
      { duration: '1m' },
    );
    // 10 s at 1, 20 s averaging 2, 30 s at 3: (10 + 40 + 90) × 10/s.
    expect(estimateWork(scenario).requests).toBeCloseTo(1400, 6);
  });

  it('integrate an on/off profile over whole and partial cycles', () => {
    const profile = { type: 'onoff', on: '10s', off: '20s', offFactor: 0.5 };
    const scenario = scenarioWith(
      { arrivals: 'constant', rate: '1/s', profile },
      { duration: '40s' },
    );
    // One cycle: 10 + 20 × 0.5 = 20; then 10 s on.
    expect(estimateWork(scenario).requests).toBeCloseTo(30, 6);
  });

  it('integrate a diurnal sinusoid: a whole period averages the rate', () => {
    const profile = { type: 'diurnal', period: '1m', amplitude: 0.5 };
    const scenario = scenarioWith(
      { arrivals: 'poisson', rate: '10/s', profile },
      { duration: '2m' },
    );
    expect(estimateWork(scenario).requests).toBeCloseTo(1200, 6);
  });

  it('weight MMPP states by their mean durations, and count the state changes', () => {
    const states = [
      { factor: 1, meanDuration: '3s' },
      { factor: 5, meanDuration: '1s' },
    ];
    const scenario = scenarioWith(
      { arrivals: 'poisson', rate: '10/s', profile: { type: 'mmpp', states } },
      { duration: '40s' },
    );
    const estimate = estimateWork(scenario);
    // (1 × 3 + 5 × 1) / 4 = 2 on average; 10 cycles of 4 s, two changes each.
    expect(estimate.requests).toBeCloseTo(800, 6);
    expect(estimate.events.find((p) => p.what.includes('MMPP'))?.amount).toBeCloseTo(20, 6);
  });

  it('are none at a rate of 0, whatever the profile reaches', () => {
    const profile = { type: 'ramp', to: 1e300, over: '1s' };
    const scenario = scenarioWith({ arrivals: 'poisson', rate: 0, profile }, { duration: '365d' });
    const estimate = estimateWork(scenario);
    expect(estimate.requests).toBe(0);
    // What is left: the time-series windows, and placing the one pod (scoring 3 nodes).
    expect(estimate.totalEvents).toBe(Math.ceil((365 * 86_400_000 + 30_000) / 1000) + 3);
  });

  it('are none at a rate of 0 whose profile integrates to Infinity, for both open loops', () => {
    // 1e308 × 9 s overflows to Infinity: 0 × Infinity must be 0 requests, not NaN.
    const profile = { type: 'ramp', to: 1e308, over: '1s' };
    for (const arrivals of ['poisson', 'constant']) {
      const scenario = scenarioWith({ arrivals, rate: 0, profile }, { duration: '10s' });
      const estimate = estimateWork(scenario);
      expect(estimate.requests).toBe(0);
      expect(estimate.events.some((part) => part.what.includes('arrival draws'))).toBe(false);
      expect(workLimitProblems(estimate, DEFAULT_WORK_LIMITS)).toEqual([]);
    }
  });

  it('are none for a trace of zero per-second rates', () => {
    const rates = scenarioWith(
      { arrivals: 'trace', trace: { format: 'rates', values: [0, 0, 0] } },
      { duration: '3s' },
    );
    expect(estimateWork(rates).requests).toBe(0);
  });

  it('count the trace timestamps before duration, and the per-second rates within it', () => {
    const stamps = scenarioWith(
      { arrivals: 'trace', trace: { format: 'timestamps', values: [0.5, 1, 9, 10, 11] } },
      { duration: '10s' },
    );
    expect(estimateWork(stamps).requests).toBe(3);
    const rates = scenarioWith(
      { arrivals: 'trace', trace: { format: 'rates', values: [4, 8, 1e12] } },
      { duration: '1500ms' },
    );
    expect(estimateWork(rates).requests).toBe(4 + 4);
  });

  it('are a closed loop users times duration over its think time, plus the first request', () => {
    const scenario = scenarioWith(
      { arrivals: 'closed', users: 10, thinkTime: '2s' },
      { duration: '1m' },
    );
    expect(estimateWork(scenario).requests).toBeCloseTo(10 * (30 + 1), 6);
  });

  it('read a heavy-tailed think time as the run sees it, not by its mean', () => {
    // Mean 101us, but within one second the gaps average about 14us. No pod: every request
    // fails at once, so the user only thinks.
    const scenario = scenarioWith(
      { arrivals: 'closed', users: 1, thinkTime: 'pareto(shape=1.01, scale=1us)' },
      { duration: '1s', drain: '0s' },
      { a: { replicas: 0, endpoints: { e: {} } } },
    );
    const requests = estimateWork(scenario).requests;
    expect(requests).toBeGreaterThan(30_000);
    const sent = simulate(scenario).requests.total;
    expect(sent).toBeGreaterThan(requests / 2);
    expect(sent).toBeLessThan(requests * 2);
  });
});

describe('calls per request', () => {
  it('count each call with its probability (expected) and every possible call (worst)', () => {
    const services = {
      a: {
        endpoints: { e: { calls: [{ parallel: ['b.e', { call: 'c.e', probability: 0.5 }] }] } },
      },
      b: { endpoints: { e: { calls: ['c.e'] } } },
      c: { endpoints: { e: {} } },
    };
    const scenario = scenarioWith({ arrivals: 'poisson', rate: 1 }, {}, services);
    expect(callGraphSizes(scenario).get('a.e')).toEqual({ expected: 3.5, worst: 4 });
  });

  it('are counted, not expanded: 40 levels each calling the next twice make 2^41 - 1', () => {
    const services: Record<string, unknown> = { s40: { endpoints: { e: {} } } };
    for (let i = 0; i < 40; i++)
      services[`s${i}`] = {
        endpoints: { e: { calls: [{ parallel: [`s${i + 1}.e`, `s${i + 1}.e`] }] } },
      };
    const scenario = scenarioWith({ arrivals: 'poisson', rate: 1, target: 's0.e' }, {}, services);
    expect(callGraphSizes(scenario).get('s0.e')).toEqual({
      expected: 2 ** 41 - 1,
      worst: 2 ** 41 - 1,
    });
  });

  it('follow a chain of 10,000 services without overflowing the call stack', () => {
    // Built directly: parsing 10,000 services would only make the test slow.
    const services: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) {
      const calls =
        i < 9_999 ? [{ kind: 'call', service: `s${i + 1}`, endpoint: 'e', probability: 1 }] : [];
      services[`s${i}`] = { endpoints: { e: { calls } } };
    }
    const scenario = { services } as unknown as Scenario;
    expect(callGraphSizes(scenario).get('s0.e')).toEqual({ expected: 10_000, worst: 10_000 });
  });
});

describe('the estimate against runs', () => {
  it.each([
    'chain-three-stations',
    'closed-loop',
    'arrivals-mix',
    'fanout-exponential',
    'timeout-50ms',
    'error-rate',
    'mmc-c2-rho90',
  ])('%s processes between half and all of its estimated events', (name) => {
    const scenario = loadScenario(name);
    const estimate = estimateWork(scenario);
    const { events } = simulate(scenario, { eventBudget: eventBudgetFor(estimate) });
    expect(events).toBeLessThanOrEqual(estimate.totalEvents * 1.05);
    expect(events).toBeGreaterThan(estimate.totalEvents / 2);
  });

  it('gives a run a budget of four times its events plus a million', () => {
    const estimate = estimateWork(loadScenario('closed-loop'));
    expect(eventBudgetFor(estimate)).toBe(Math.ceil(4 * estimate.totalEvents) + 1_000_000);
  });
});

describe('the time series', () => {
  it('holds 2 windows per event plus the windows CPU bursts cover: 30 days at 1 s, 0.001 requests/s', () => {
    const scenario = scenarioWith({ arrivals: 'poisson', rate: '0.001/s' }, { duration: '30d' });
    const estimate = estimateWork(scenario);
    // 2,592 requests of 4 events each, and 1 ms of CPU each (2.6 s in all) over 1 s windows.
    expect(estimate.windows).toBe(2_592_030);
    expect(estimate.heldWindows).toBe(Math.ceil(1 + 2 * 2592 * 4 + 2.592));
    expect(estimate.memory[0]).toEqual({
      amount: 2 * 20_740 * BYTES_PER.timeSeriesRowHeld,
      path: ['outputs', 'window'],
      what: '41,480 time-series rows held (the 20,740 of 2.6e6 windows in which something happens × 2 series: all traffic and each service), about 300 bytes each',
      remedy: 'use a longer outputs.window',
    });
  });

  it('counts the windows CPU bursts cover, at the speed of the cores they run on', () => {
    const tiny = { duration: '10s', outputs: { window: '1us' } };
    const load = { arrivals: 'poisson', rate: '1/s' };
    // 10 requests of 1 ms of CPU over 1 us windows: 10,000 windows, 2 per event (40), the first.
    expect(estimateWork(scenarioWith(load, tiny)).heldWindows).toBe(10_081);
    // A 250m limit is one core at a quarter speed: each burst lasts four times as long.
    const quarter = { requests: { cpu: '250m' }, limits: { cpu: '250m' } };
    const slow = { a: { resources: quarter, endpoints: { e: {} } } };
    expect(estimateWork(scenarioWith(load, tiny, slow)).heldWindows).toBe(40_081);
  });

  it('holds every window of a busy run, and writes every window of any run', () => {
    const busy = scenarioWith({ arrivals: 'poisson', rate: '100/s' }, { duration: '10s' });
    const estimate = estimateWork(busy);
    expect(estimate.heldWindows).toBe(estimate.windows);
    expect(estimate.windows).toBe(40);
    expect(estimate.resultBytes).toBeGreaterThanOrEqual(40 * 2 * BYTES_PER.timeSeriesRowWritten);
  });
});

describe('the limits', () => {
  it('let a shipped-size scenario through', () => {
    const estimate = estimateWork(loadScenario('chain-three-stations'));
    expect(workLimitProblems(estimate, DEFAULT_WORK_LIMITS)).toEqual([]);
  });

  it('point at the field that contributes most, with the estimate, the limit and the option', () => {
    const scenario = scenarioWith(
      { arrivals: 'poisson', rate: '100/s' },
      { duration: '10s', outputs: { window: '1ms' } },
    );
    const limits = { events: 20_000, memoryBytes: 10e6, runs: 1 };
    // Written out (run --json, --out), every window's rows count: 80 MB, not the 5.4 MB held.
    expect(workLimitProblems(estimateWork(scenario, { timeSeriesWritten: true }), limits)).toEqual([
      {
        path: ['outputs', 'window'],
        message:
          'about 44,000 events per run, more than the limit of 20,000: most of it is 40,000 time-series windows; use a longer outputs.window, or raise the limit with --max-events 45000',
      },
      {
        path: ['outputs', 'window'],
        message:
          'about 81 MB of memory per run, more than the limit of 10 MB: most of it is 80,000 time-series rows written (40,000 windows × 2 series: all traffic and each service), about 1 KB each; use a longer outputs.window, or raise the limit with --max-memory 82MB',
      },
    ]);
  });

  it('refuse to write more time-series rows than a results file can hold, and not one row less', () => {
    expect(writtenRowsProblems(MAX_WRITTEN_TIME_SERIES_ROWS, 'the time series', 'do less')).toEqual(
      [],
    );
    expect(
      writtenRowsProblems(MAX_WRITTEN_TIME_SERIES_ROWS + 1, 'the time series', 'do less'),
    ).toEqual([
      {
        path: ['outputs', 'window'],
        message:
          'the time series has up to 1e6 rows, more than the limit of 1e6 rows msasim writes (a results file is one JSON text, which Node caps at 512 MiB); do less',
      },
    ]);
  });
});

describe('placement in the estimate', () => {
  it('counts the nodes kube-scheduler scores for every pod: 150,000 pods on 5,000 nodes score 500 each', () => {
    const scenario = scenarioWith(
      { arrivals: 'poisson', rate: '1/s' },
      {
        cluster: { nodePools: [{ name: 'p', instanceType: 'm5.4xlarge', count: 5000 }] },
      },
      { a: { replicas: 150_000, endpoints: { e: {} } } },
    );
    const placing = estimateWork(scenario).events.find((part) => part.what.startsWith('placing'));
    expect(placing).toEqual({
      amount: 75_000_000,
      path: ['services', 'a', 'replicas'],
      what: 'placing 150,000 pods of service "a", scoring 500 nodes each',
      remedy: 'use fewer replicas or nodes',
    });
  });
});

describe('an estimate too large for any limit', () => {
  it('says no limit allows it when rounding the flag value up would overflow', () => {
    const estimate = estimateWork(scenarioWith({ arrivals: 'poisson', rate: '1/s' }));
    const huge = { ...estimate, totalEvents: 1.75e308 };
    const [problem] = workLimitProblems(huge, DEFAULT_WORK_LIMITS);
    expect(problem?.message).toMatch(/ \(no limit allows it\)$/);
  });
});

describe('numbers in messages', () => {
  it('write counts exactly up to a million, then in two digits; Infinity in words', () => {
    expect([3000, 24_003, 1e8, 1.8e23, Number.POSITIVE_INFINITY].map(formatCount)).toEqual([
      '3,000',
      '24,003',
      '1e8',
      '1.8e23',
      'more than 1e308',
    ]);
  });

  it('write estimates in two significant digits', () => {
    expect([1785, 3.52, 7.23e23].map(formatEstimate)).toEqual(['1,800', '3.5', '7.2e23']);
  });

  it('write bytes in decimal units', () => {
    expect([512, 96_000, 2.34e9, 6.6e14].map(formatBytes)).toEqual([
      '512 bytes',
      '96 KB',
      '2.3 GB',
      '660 TB',
    ]);
  });
});

describe('per-caller clients in the memory estimate', () => {
  it('count a client per caller pod (and the ingress), with a pool per callee pod under per-request balancing', () => {
    const services = {
      web: { replicas: 40, endpoints: { e: { calls: ['api.e'] } } },
      api: {
        replicas: 10,
        loadBalancer: 'round-robin',
        connections: { protocol: 'http1' },
        endpoints: { e: {} },
      },
    };
    const document = {
      name: 'w',
      services,
      workload: [{ name: 'load', target: 'web.e', arrivals: 'poisson', rate: '10/s' }],
    };
    const estimate = estimateWork(parseScenario(stringify(document), 'w.yaml'));
    const clients = estimate.memory.find((part) => part.path.join('.') === 'services.api.clients');
    const each = BYTES_PER.client + 10 * BYTES_PER.connectionPool;
    expect(clients?.amount).toBe(41 * each);
    expect(clients?.what).toBe(
      `41 clients of service "api" (a caller pod's each), about ${formatBytes(each)} each`,
    );
  });

  it('count one client (the ingress) for a service no pod calls, by default', () => {
    const estimate = estimateWork(scenarioWith({ arrivals: 'poisson', rate: '10/s' }));
    const clients = estimate.memory.find((part) => part.path.join('.') === 'services.a.clients');
    expect(clients?.amount).toBe(BYTES_PER.client);
  });

  it('count nothing for a service its callers share (clients: shared)', () => {
    const services = { a: { clients: 'shared', endpoints: { e: {} } } };
    const estimate = estimateWork(
      scenarioWith({ arrivals: 'poisson', rate: '10/s' }, {}, services),
    );
    expect(estimate.memory.some((part) => part.path.at(-1) === 'clients')).toBe(false);
  });
});

describe('pods and nodes the events add', () => {
  const load = { arrivals: 'poisson', rate: '1/s' };
  const web = { web: { replicas: 3, endpoints: { e: {} } } };
  const onWeb = (events: unknown[], extra: Record<string, unknown> = {}) =>
    estimateWork(
      parseScenario(
        stringify({
          name: 'w',
          duration: '1h',
          services: web,
          workload: [{ name: 'load', target: 'web.e', ...load }],
          events,
          ...extra,
        }),
        'w.yaml',
      ),
    );
  const part = (estimate: ReturnType<typeof estimateWork>, path: string) =>
    estimate.memory.find((p) => p.path.join('.') === path);

  it('count every pod the events make: 3, scale to 10, to 2, to 8, one deleted: 17', () => {
    const estimate = onWeb([
      { at: '1m', scale: { service: 'web', replicas: 10 } },
      { at: '2m', scale: { service: 'web', replicas: 2 } },
      { at: '3m', scale: { service: 'web', replicas: 8 } },
      { at: '4m', deletePod: 'web-0' },
    ]);
    expect(part(estimate, 'services.web.replicas')).toEqual({
      amount: 17 * BYTES_PER.pod,
      path: ['services', 'web', 'replicas'],
      what: `17 pods of service "web" (3 at the start, 14 more made by events), about ${formatBytes(BYTES_PER.pod)} each`,
      remedy: 'run fewer replicas, or scale up less in events',
    });
    // The ingress's client and one per web pod at most at once: web calls nothing.
    expect(part(estimate, 'services.web.clients')?.amount).toBe(BYTES_PER.client);
  });

  it('count the nodes addNodes adds, taken in time order whatever the list order', () => {
    const pool = { name: 'general', cpu: 4, memory: '16Gi', pricePerHour: 0.2, count: 2 };
    const estimate = onWeb(
      [
        { at: '2m', addNodes: { pool: 'general', count: 5 } },
        { at: '1m', removeNodes: { pool: 'general', count: 1 } },
      ],
      { cluster: { nodePools: [pool] } },
    );
    expect(part(estimate, 'cluster.nodePools.0.count')?.amount).toBe(7 * BYTES_PER.node);
  });

  it('refuse up front a run whose events make more pods than fit in memory; not one that fits', () => {
    // Each pair scales web to 10,000 and back to 0: 10,000 pods made per pair (the first
    // 9,997: web starts with 3).
    const scaling = (pairs: number) =>
      Array.from({ length: pairs }, (_, i) => [
        { at: `${2 * i}s`, scale: { service: 'web', replicas: 10_000 } },
        { at: `${2 * i + 1}s`, scale: { service: 'web', replicas: 0 } },
      ]).flat();
    const fits = onWeb(scaling(100));
    expect(part(fits, 'services.web.replicas')?.amount).toBe(1_000_000 * BYTES_PER.pod);
    expect(workLimitProblems(fits, DEFAULT_WORK_LIMITS)).toEqual([]);
    const [problem] = workLimitProblems(onWeb(scaling(200)), DEFAULT_WORK_LIMITS);
    expect(problem?.path).toEqual(['services', 'web', 'replicas']);
    expect(problem?.message).toContain(
      'most of it is 2e6 pods of service "web" (3 at the start, 2e6 more made by events)',
    );
  });
});
