import { describe, expect, it } from 'vitest';
import { runSeed } from '../../src/scenario/seeds.js';
import { expandSweep, gridPoints, resolvePath } from '../../src/scenario/sweep-expand.js';

function document(sweep: unknown): Record<string, unknown> {
  return {
    name: 'expand',
    seed: 5,
    services: {
      api: { endpoints: { 'GET /': { cpu: '2ms', calls: ['db.query'] } } },
      db: { replicas: 2, endpoints: { query: { cpu: '1ms' } } },
    },
    cluster: { nodePools: [{ name: 'general', instanceType: 'm5.large', count: 2 }] },
    workload: [{ name: 'shoppers', arrivals: 'poisson', rate: '10/s', mix: { 'api.GET /': 1 } }],
    sweep,
  };
}

describe('run seeds', () => {
  it('are a pinned 32-bit hash of (base seed, replication)', () => {
    // Pinned: a change here changes the numbers of every sweep ever published.
    expect([runSeed(5, 0), runSeed(5, 1), runSeed(6, 0)]).toEqual([
      3753970448, 2599723526, 1129896539,
    ]);
    expect(
      new Set([runSeed(5, 0), runSeed(5, 1), runSeed(6, 0), runSeed(2 ** 32 + 5, 0)]).size,
    ).toBe(4);
    for (const seed of [runSeed(0, 0), runSeed(2 ** 40, 7)]) {
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
    }
  });

  it('reject negative and fractional inputs', () => {
    expect(() => runSeed(-1, 0)).toThrow('base seed must be a whole number >= 0, got -1');
    expect(() => runSeed(1, 0.5)).toThrow('replication must be a whole number >= 0, got 0.5');
  });
});

describe('sweep expansion', () => {
  it('orders runs variant-major, then grid point row-major, then replication', () => {
    const specs = expandSweep(
      document({
        replications: 2,
        variants: { one: { 'services.db.replicas': 1 }, three: { 'services.db.replicas': 3 } },
        grid: { 'workload.shoppers.rate': ['5/s', '20/s'], 'services.api.concurrency': [8, 16] },
      }),
      { fileName: 'x.yaml' },
    );
    expect(specs).toHaveLength(16);
    const key = (i: number) => {
      const s = specs[i]!;
      return [s.runId, s.variant, ...Object.values(s.params), s.replication].join(' ');
    };
    expect([0, 1, 2, 3, 4, 7, 8, 15].map(key)).toEqual([
      '0 one 5/s 8 0',
      '1 one 5/s 8 1',
      '2 one 5/s 16 0',
      '3 one 5/s 16 1',
      '4 one 20/s 8 0',
      '7 one 20/s 16 1',
      '8 three 5/s 8 0',
      '15 three 20/s 16 1',
    ]);
    expect(specs[8]!.scenario.services.db!.replicas).toBe(3);
    expect(specs[4]!.scenario.workload[0]).toMatchObject({ rate: 20 });
    expect(specs[15]!.overrides).toEqual({
      'services.db.replicas': 3,
      'workload.shoppers.rate': '20/s',
      'services.api.concurrency': 16,
    });
  });

  it('gives every variant and grid point the same seed at the same replication', () => {
    const specs = expandSweep(
      document({
        replications: 3,
        seed: 9,
        variants: { a: {}, b: {} },
        grid: { 'services.db.replicas': [1, 2] },
      }),
      { fileName: 'x.yaml' },
    );
    for (const spec of specs) expect(spec.seed).toBe(runSeed(9, spec.replication));
  });

  it('without a sweep is one run of the base variant with a seed from the scenario seed', () => {
    const specs = expandSweep(document(undefined), {
      fileName: 'x.yaml',
      replications: 2,
      seed: 3,
    });
    expect(specs.map((s) => [s.variant, s.replication, s.seed])).toEqual([
      ['base', 0, runSeed(3, 0)],
      ['base', 1, runSeed(3, 1)],
    ]);
  });

  it('rejects an empty variants section, which would run nothing', () => {
    expect(() => expandSweep(document({ variants: {} }), { fileName: 'x.yaml' })).toThrow(
      'x.yaml:1:1: sweep.variants: needs at least one variant',
    );
  });

  it('rejects a baseline that names no variant, with a did-you-mean', () => {
    const variants = { small: {}, large: { 'services.db.replicas': 4 } };
    expect(() =>
      expandSweep(document({ variants, baseline: 'smal' }), { fileName: 'x.yaml' }),
    ).toThrow('x.yaml:1:1: sweep.baseline: no variant is named "smal"; did you mean "small"?');
    expect(() => expandSweep(document({ baseline: 'small' }), { fileName: 'x.yaml' })).toThrow(
      'x.yaml:1:1: sweep.baseline: a baseline needs variants to compare: add sweep.variants, or drop baseline',
    );
    expect(
      expandSweep(document({ variants, baseline: 'large' }), { fileName: 'x.yaml' }),
    ).toHaveLength(2);
  });

  it('rejects a field set both by a variant and by the grid', () => {
    expect(() =>
      expandSweep(
        document({
          variants: { a: { 'workload.shoppers.rate': '5/s' } },
          grid: { 'workload[0].rate': ['1/s', '2/s'] },
        }),
        { fileName: 'x.yaml' },
      ),
    ).toThrow(
      'x.yaml:1:1: sweep.grid["workload[0].rate"]: "workload[0].rate" sets workload[0].rate, which "workload.shoppers.rate" in sweep.variants.a also sets; sweep one field in one place',
    );
  });

  it('reports a path that does not exist, with a did-you-mean', () => {
    expect(() =>
      expandSweep(document({ variants: { big: { 'services.dbb.replicas': 3 } } }), {
        fileName: 'x.yaml',
      }),
    ).toThrow(
      'x.yaml:1:1: sweep.variants.big["services.dbb.replicas"]: "services.dbb.replicas": services has no "dbb"; did you mean "db"?',
    );
    expect(() =>
      expandSweep(document({ grid: { 'workload.shopers.rate': ['1/s'] } }), { fileName: 'x.yaml' }),
    ).toThrow(
      '"workload.shopers.rate": workload no item named "shopers"; did you mean "shoppers"?',
    );
  });

  it('re-validates each overridden scenario and names the variant and grid point', () => {
    expect(() =>
      expandSweep(
        document({
          variants: { broken: { 'services.db.replicas': -1 } },
          grid: { 'workload.shoppers.rate': ['1/s'] },
        }),
        { fileName: 'x.yaml' },
      ),
    ).toThrow(
      'x.yaml:1:1: sweep.variants.broken["services.db.replicas"]: with variant "broken", workload.shoppers.rate=1/s: services.db.replicas: expected a whole number >= 0, got -1',
    );
    expect(() =>
      expandSweep(document({ grid: { 'services.db.replicsa': [1] } }), { fileName: 'x.yaml' }),
    ).toThrow('unknown field "replicsa"; did you mean "replicas"?');
  });

  it('reports every bad variant together, and a bad grid value once, not once per variant', () => {
    const expand = () =>
      expandSweep(
        document({
          variants: {
            good: {},
            negative: { 'services.db.replicas': -1 },
            fractional: { 'services.db.replicas': 1.5 },
          },
          grid: { 'workload.shoppers.rate': ['1/s', 'fast'] },
        }),
        { fileName: 'x.yaml' },
      );
    let messages: string[] = [];
    try {
      expand();
    } catch (error) {
      messages = (error as Error).message.split('\n');
    }
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('with variant "good", workload.shoppers.rate=fast:');
    expect(messages[1]).toContain('sweep.variants.negative["services.db.replicas"]');
    expect(messages[2]).toContain('sweep.variants.fractional["services.db.replicas"]');
  });

  it('blames the override for a mapping it broke: a changed weight that no longer adds up', () => {
    const canary = document({ variants: { heavy: { 'services.db.routing.split.v2': '50%' } } });
    const db = (canary.services as Record<string, Record<string, unknown>>).db!;
    Object.assign(db, {
      replicas: undefined,
      versions: { v1: { replicas: 1 }, v2: { replicas: 1 } },
      routing: { split: { v1: '90%', v2: '10%' } },
    });
    delete db.replicas;
    expect(() => expandSweep(canary, { fileName: 'x.yaml' })).toThrow(
      'x.yaml:1:1: sweep.variants.heavy["services.db.routing.split.v2"]: with variant "heavy": services.db.routing.split: the weights add up to 140%, not 100%',
    );
  });
});

describe('override paths', () => {
  const doc = document(undefined);

  it('find list items by name or index, and keys that contain dots or spaces', () => {
    expect(resolvePath(doc, 'cluster.nodePools.general.count')).toEqual([
      'cluster',
      'nodePools',
      0,
      'count',
    ]);
    expect(resolvePath(doc, 'workload[0].rate')).toEqual(['workload', 0, 'rate']);
    expect(resolvePath(doc, 'workload.shoppers.mix.api.GET /')).toEqual([
      'workload',
      0,
      'mix',
      'api.GET /',
    ]);
    expect(resolvePath(doc, 'services.api.endpoints["GET /"].cpu')).toEqual([
      'services',
      'api',
      'endpoints',
      'GET /',
      'cpu',
    ]);
  });

  it("refuses a __proto__ step, whose value would replace an object's prototype and vanish", () => {
    expect(resolvePath(doc, 'services.api.__proto__')).toBe(
      '"services.api.__proto__": "__proto__" cannot name anything in a scenario (JavaScript reserves it); choose another name',
    );
    expect(resolvePath(doc, 'services["__proto__"].replicas')).toBe(
      '"services["__proto__"].replicas": "__proto__" cannot name anything in a scenario (JavaScript reserves it); choose another name',
    );
  });

  it('may end in a field the document leaves to its default, or pass through one', () => {
    expect(resolvePath(doc, 'services.api.replicas')).toEqual(['services', 'api', 'replicas']);
    expect(resolvePath(doc, 'services.api.resources.requests.cpu')).toEqual([
      'services',
      'api',
      'resources',
      'requests',
      'cpu',
    ]);
    expect(resolvePath(doc, 'cluster.network.sameZone')).toEqual([
      'cluster',
      'network',
      'sameZone',
    ]);
  });

  it('goes through a default list as the schema writes it: the default node pool by name', () => {
    const { cluster: _, ...withoutCluster } = doc;
    expect(resolvePath(withoutCluster, 'cluster.nodePools.general.count')).toEqual([
      'cluster',
      'nodePools',
      0,
      'count',
    ]);
  });

  it('names what the schema knows when a step is neither written nor a field', () => {
    expect(resolvePath(doc, 'cluster.netwrk.sameZone')).toBe(
      '"cluster.netwrk.sameZone": cluster has no "netwrk"; did you mean "network"?',
    );
    expect(resolvePath(doc, 'services.apii.replicas')).toBe(
      '"services.apii.replicas": services has no "apii"; did you mean "api"?',
    );
  });
});

describe('overrides of fields the file leaves out', () => {
  const base = (sweep: unknown) => {
    const { cluster: _, ...withoutCluster } = document(sweep);
    return withoutCluster;
  };

  it('set a field inside a mapping the file does not write, the schema defaults beside it', () => {
    const [plain, fast] = expandSweep(
      base({ variants: { plain: {}, fast: { 'cluster.network.sameZone': '0.1ms' } } }),
      { fileName: 'x.yaml' },
    );
    expect(plain!.scenario.cluster.network.sameZone).toEqual(
      expect.objectContaining({ kind: 'lognormal' }),
    );
    expect(fast!.scenario.cluster.network.sameZone).toEqual({ kind: 'constant', value: 0.1 });
    expect(fast!.scenario.cluster.network.crossZone).toEqual(
      plain!.scenario.cluster.network.crossZone,
    );
  });

  it('set a field of the default node pool, which keeps its other fields', () => {
    const [, five] = expandSweep(
      base({ variants: { three: {}, five: { 'cluster.nodePools.general.count': 5 } } }),
      { fileName: 'x.yaml' },
    );
    expect(five!.scenario.cluster.nodePools).toEqual([
      expect.objectContaining({ name: 'general', count: 5, cpuCores: 2 }),
    ]);
  });

  it('report a problem in the mapping they add at the override, with its variant', () => {
    expect(() =>
      expandSweep(document({ variants: { ramp: { 'workload.shoppers.profile.over': '5s' } } }), {
        fileName: 'x.yaml',
      }),
    ).toThrow(
      'x.yaml:1:1: sweep.variants.ramp["workload.shoppers.profile.over"]: with variant "ramp": workload[0].profile: missing required field "type"',
    );
  });
});

describe('grid points', () => {
  it('are every combination, the first path changing slowest', () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });
});
