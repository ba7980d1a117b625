import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, type Scenario, ScenarioError } from '../../src/scenario/index.js';
import { estimateWork } from '../../src/scenario/work-estimate.js';
import {
  eventBudgetFor,
  type WorkLimits,
  workLimitProblems,
} from '../../src/scenario/work-limits.js';

/**
 * The first promise of issue 9, over generated scenarios: what validation accepts, a run
 * finishes within the event budget derived from its estimate, or validation refuses with a
 * limit message. Scenarios take every field the schema has at extreme but legal values
 * (rates of 1e300, windows of 1e-300 ms, 10^8 replicas, think times of 1e-9 ms, 40 levels of
 * fan-out, distributions at the edge of sampling), with simulated durations mostly small.
 * The limits are lowered so that an accepted run stays small; the property is the same at
 * any limits.
 */

const LIMITS: WorkLimits = { events: 200_000, memoryBytes: 50e6, runs: 1 };

/** Usually an ordinary value, one time in three an extreme one: both kinds of run get made. */
function usuallyOrdinary<T>(ordinary: readonly T[], extreme: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ordinary), weight: 2 },
    { arbitrary: fc.constantFrom(...extreme), weight: 1 },
  );
}

const duration = usuallyOrdinary(['1ms', '50ms', '1s'], ['1us', '10s', '365d']);
const shortDuration = usuallyOrdinary(['0', '1s'], ['1us', '365d']);
const window = usuallyOrdinary(['1ms', '1s'], ['1e-300ms', '1us', '365d']);
const rate = usuallyOrdinary([1, 100, 1000], [0, 1e-9, 1e20, 1e300]);

const cpu = usuallyOrdinary(
  ['0ms', 'exponential(mean=2ms)', 'pareto(shape=1.01, scale=1us)'],
  [
    '365d',
    'exponential(mean=1e-300ms)',
    'lognormal(mean=1ms, cv=1e300)',
    'lognormal(mean=1ms, cv=1e150)',
    'lognormal(median=1ms, p99=1e300ms)',
    'pareto(shape=0.001, scale=1ms)',
    'weibull(shape=0.01, scale=1ms)',
    'gamma(shape=1e-300, mean=1ms)',
    'normal(mean=1ms, stddev=1e300ms)',
  ],
);

const thinkTime = usuallyOrdinary(
  ['1ms', 'exponential(mean=10ms)', 'empirical(0ms, 0ms, 1s)'],
  ['1e-9ms', 'exponential(mean=1us)', 'pareto(shape=1.01, scale=1us)'],
);

const profile = fc.oneof(
  fc.constant(undefined),
  fc.record({
    type: fc.constant('ramp'),
    from: fc.constantFrom(0, 1),
    to: fc.constantFrom(0, 5, 1e300),
    over: fc.constantFrom('1us', '1s'),
  }),
  fc.record({
    type: fc.constant('mmpp'),
    states: fc.array(
      fc.record({
        factor: fc.constantFrom(0, 1, 1e6),
        meanDuration: fc.constantFrom('1e-9ms', '1ms', '1s'),
      }),
      { minLength: 2, maxLength: 3 },
    ),
  }),
  fc.record({
    type: fc.constant('onoff'),
    on: fc.constantFrom('1us', '1s'),
    off: fc.constantFrom('1us', '1s'),
  }),
  fc.record({
    type: fc.constant('diurnal'),
    period: shortDuration.filter((d) => d !== '0'),
    amplitude: fc.constantFrom(0, 1),
  }),
);

const arrivals = fc.oneof(
  fc.record({ arrivals: fc.constantFrom('poisson', 'constant'), rate, profile }),
  fc.record({
    arrivals: fc.constant('closed'),
    users: usuallyOrdinary([1, 100], [10_000_000]),
    thinkTime,
  }),
  fc.record({
    arrivals: fc.constant('trace'),
    trace: fc.oneof(
      fc.record({
        format: fc.constant('rates'),
        values: usuallyOrdinary([[0, 5, 0]], [[1e308], [1e12]]),
      }),
      fc.record({
        format: fc.constant('timestamps'),
        values: fc.constantFrom([0, 0.001, 1e9], [0, 0, 0]),
      }),
    ),
  }),
);

/** Levels s0 → s1 → ... each calling the next `fanOut` times in parallel. */
const services = fc
  .record({
    levels: usuallyOrdinary([1, 2, 3], [40]),
    fanOut: fc.constantFrom(1, 2),
    probability: fc.constantFrom(1, 0.5, 0.01, 0),
    replicas: usuallyOrdinary([0, 1, 3], [100_000_000]),
    concurrency: fc.constantFrom(1, 1_000_000),
    queueLimit: fc.constantFrom(0, 1_000_000_000),
    cpu,
  })
  .map(({ levels, fanOut, probability, cpu: cpuText, ...pods }) =>
    Object.fromEntries(
      Array.from({ length: levels }, (_, i) => {
        const next = { call: `s${i + 1}.e`, probability };
        const calls = i + 1 < levels ? [{ parallel: Array(fanOut).fill(next) }] : [];
        return [`s${i}`, { ...pods, endpoints: { e: { cpu: cpuText, calls } } }];
      }),
    ),
  );

const document = fc.record({
  name: fc.constant('extreme'),
  duration,
  drain: shortDuration,
  outputs: fc.record({ window }),
  cluster: fc.record({
    nodePools: fc.tuple(
      fc.record({
        name: fc.constant('p'),
        instanceType: fc.constant('m5.large'),
        count: usuallyOrdinary([0, 1, 3], [10_000_000]),
      }),
    ),
  }),
  services,
  workload: fc.tuple(
    fc
      .record({ arrivals, timeout: fc.constantFrom(undefined, '1us', '365d') })
      .map(({ arrivals: item, timeout }) => ({
        name: 'w',
        target: 's0.e',
        ...item,
        ...(timeout === undefined ? {} : { timeout }),
      })),
  ),
});

/** The scenario as `validate` reads it, or the refusal's message. */
function validate(yaml: string): Scenario | string {
  try {
    return parseScenario(yaml, 'extreme.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
}

const LIMIT_MESSAGE =
  /: (about|more than) .+ more than the limit of .+; .+(, or raise the limit with --max-(events|memory) \S+| \(no limit allows it\))$/;

describe('bounded work', () => {
  it('validation accepts ⇒ the run ends within its estimate; else it refuses up front', () => {
    fc.assert(
      fc.property(document, (input) => {
        const yaml = stringify(input);
        const scenario = validate(yaml);
        if (typeof scenario === 'string') {
          // Refused by the schema or the semantic checks: one located line per problem.
          for (const line of scenario.split('\n')) expect(line).toMatch(/^extreme\.yaml:\d+:\d+: /);
          return;
        }
        const estimate = estimateWork(scenario);
        const problems = workLimitProblems(estimate, LIMITS);
        if (problems.length > 0) {
          for (const { message } of problems) {
            expect(`: ${message}`).toMatch(LIMIT_MESSAGE);
            expect(message).not.toContain('NaN');
          }
          return;
        }
        const budget = eventBudgetFor(estimate);
        const result = simulate(scenario, { eventBudget: budget });
        expect(result.events).toBeLessThanOrEqual(budget);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});
