import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';

function scenario(sweep: string): string {
  return `name: crossovers
services:
  api:
    endpoints:
      get: { cpu: 1ms }
workload:
  - name: users
    arrivals: poisson
    rate: 10/s
    target: api.get
sweep:
${sweep}`;
}

const VARIANTS = `  variants:
    one: {}
    two: { services.api.replicas: 2 }
`;

function problems(sweep: string): string {
  try {
    parseScenario(scenario(sweep), 's.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('sweep.crossovers', () => {
  it('accepts a rate axis, a count axis and a duration axis, with the default metrics', () => {
    for (const grid of [
      'workload.users.rate: [1/s, 100/s]',
      'services.api.replicas: [1, 3]',
      'duration: [10s, 1m]',
    ]) {
      const axis = grid.split(':')[0];
      const parsed = parseScenario(
        scenario(`${VARIANTS}  grid: { ${grid} }\n  crossovers: { axis: ${axis} }\n`),
        's.yaml',
      );
      expect(parsed.sweep?.crossovers).toEqual({
        axis,
        metrics: ['cost_usd_per_million', 'latency_p99_ms'],
        scale: 'auto',
        metricScale: 'linear',
      });
    }
  });

  it('refuses an axis that is not a grid path, naming the paths there are', () => {
    expect(
      problems(
        `${VARIANTS}  grid: { workload.users.rate: [1/s, 2/s] }\n  crossovers: { axis: workload.users.rates }\n`,
      ),
    ).toBe(
      's.yaml:16:23: sweep.crossovers.axis: "workload.users.rates" is not a grid path; the grid\'s paths are workload.users.rate',
    );
    expect(problems(`${VARIANTS}  crossovers: { axis: workload.users.rate }\n`)).toBe(
      's.yaml:15:23: sweep.crossovers.axis: crossovers need a grid to run along: add sweep.grid with the axis and its values',
    );
  });

  it('refuses an axis whose values are not numbers, rates or durations, or mix them', () => {
    expect(
      problems(
        `${VARIANTS}  grid: { services.api.loadBalancer: [random, round-robin] }\n  crossovers: { axis: services.api.loadBalancer }\n`,
      ),
    ).toBe(
      's.yaml:16:23: sweep.crossovers.axis: the axis services.api.loadBalancer cannot be ordered: its value "random" is not a number, a rate (10/s) or a duration (250ms)',
    );
    expect(
      problems(`${VARIANTS}  grid: { duration: [10s, 1/s] }\n  crossovers: { axis: duration }\n`),
    ).toBe(
      's.yaml:16:23: sweep.crossovers.axis: the axis duration cannot be ordered: its values mix kinds ("10s" and "1/s"): write them all as durations',
    );
    expect(
      problems(
        `${VARIANTS}  grid: { workload.users.rate: [60/m, 1/s] }\n  crossovers: { axis: workload.users.rate }\n`,
      ),
    ).toBe(
      's.yaml:16:23: sweep.crossovers.axis: the axis workload.users.rate cannot be ordered: "60/m" and "1/s" are the same point: give each value once',
    );
  });

  it('refuses an axis of one value, and a log scale through 0', () => {
    expect(
      problems(
        `${VARIANTS}  grid: { workload.users.rate: [1/s] }\n  crossovers: { axis: workload.users.rate }\n`,
      ),
    ).toBe(
      's.yaml:16:23: sweep.crossovers.axis: the axis workload.users.rate has one value: curves cross between grid points, give at least two',
    );
    expect(
      problems(
        `${VARIANTS}  grid: { services.api.replicas: [0, 2] }\n  crossovers: { axis: services.api.replicas, scale: log }\n`,
      ),
    ).toBe(
      's.yaml:16:53: sweep.crossovers.scale: a log scale needs values above 0, and services.api.replicas has 0: use scale: linear',
    );
  });

  it('refuses an unknown metric with a did-you-mean, and a metric listed twice', () => {
    expect(
      problems(
        `${VARIANTS}  grid: { workload.users.rate: [1/s, 2/s] }\n  crossovers: { axis: workload.users.rate, metrics: [latency_p99, cost_allocated_usd_per_million, cost_allocated_usd_per_million] }\n`,
      ),
    ).toBe(
      [
        's.yaml:16:54: sweep.crossovers.metrics[0]: unknown metric "latency_p99"; did you mean "latency_p99_ms"?',
        's.yaml:16:99: sweep.crossovers.metrics[2]: "cost_allocated_usd_per_million" is listed twice: give each metric once',
      ].join('\n'),
    );
  });

  it('refuses crossovers without two variants to compare', () => {
    expect(
      problems(
        '  grid: { workload.users.rate: [1/s, 2/s] }\n  crossovers: { axis: workload.users.rate }\n',
      ),
    ).toBe(
      's.yaml:13:15: sweep.crossovers: crossovers compare variants, and this sweep has 0: give at least two in sweep.variants',
    );
  });

  it('bounds the metrics: at least one, at most 8', () => {
    expect(
      problems(
        `${VARIANTS}  grid: { workload.users.rate: [1/s, 2/s] }\n  crossovers: { axis: workload.users.rate, metrics: [] }\n`,
      ),
    ).toBe('s.yaml:16:53: sweep.crossovers.metrics: expected at least 1 item, got an empty list');
    const nine = Array.from({ length: 9 }, () => 'availability').join(', ');
    expect(
      problems(
        `${VARIANTS}  grid: { workload.users.rate: [1/s, 2/s] }\n  crossovers: { axis: workload.users.rate, metrics: [${nine}] }\n`,
      ),
    ).toMatch(/^s\.yaml:16:53: sweep\.crossovers\.metrics: expected at most 8 items/);
  });
});
