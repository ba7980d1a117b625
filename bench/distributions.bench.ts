/**
 * `npm run bench:distributions`: draws per second of every distribution sampler, with
 * tinybench. Each task draws a batch of 1000 values from its own stream, so the figure is
 * batch throughput × 1000. Samplers run millions of times per simulated minute (service
 * times, network latency per hop), so a slow one shows in bench:model.
 */
import { Bench } from 'tinybench';
import { createDistribution } from '../src/engine/distributions/create.js';
import type { DistributionSpec } from '../src/engine/distributions/spec.js';
import { createStream } from '../src/engine/random.js';

const BATCH = 1000;

const SPECS: Record<string, DistributionSpec> = {
  'constant(5)': { kind: 'constant', value: 5 },
  'uniform(1, 3)': { kind: 'uniform', min: 1, max: 3 },
  'exponential(mean=2)': { kind: 'exponential', mean: 2 },
  'normal(10, 2)': { kind: 'normal', mean: 10, stddev: 2 },
  'lognormal(median=0.2, p99=1)': { kind: 'lognormal', median: 0.2, p99: 1 },
  'gamma(shape=3, mean=4)': { kind: 'gamma', shape: 3, mean: 4 },
  'gamma(shape=0.5, mean=4)': { kind: 'gamma', shape: 0.5, mean: 4 },
  'weibull(1.5, 2)': { kind: 'weibull', shape: 1.5, scale: 2 },
  'pareto(2.5, 1)': { kind: 'pareto', shape: 2.5, scale: 1 },
  'empirical(100 samples)': {
    kind: 'empirical',
    samples: Array.from({ length: 100 }, (_, i) => i + 1),
  },
  'mixture(0.95 exp, 0.05 exp)': {
    kind: 'mixture',
    components: [
      { weight: 0.95, distribution: { kind: 'exponential', mean: 5 } },
      { weight: 0.05, distribution: { kind: 'exponential', mean: 80 } },
    ],
  },
};

const bench = new Bench({ name: 'distribution samplers', time: 300 });
let sink = 0;
for (const [name, spec] of Object.entries(SPECS)) {
  const distribution = createDistribution(spec);
  const next = createStream(1, name).next;
  bench.add(name, () => {
    for (let i = 0; i < BATCH; i++) sink += distribution.sample(next);
  });
}
await bench.run();

const rows = bench.tasks.map((task) => {
  const result = task.result;
  const batchesPerSec = result && 'throughput' in result ? result.throughput.mean : Number.NaN;
  return { sampler: task.name, 'M draws/s': ((batchesPerSec * BATCH) / 1e6).toFixed(1) };
});
console.table(rows);
console.log(
  JSON.stringify({
    model: 'distributions',
    draws_per_sec_millions: Object.fromEntries(
      rows.map((r) => [r.sampler, Number(r['M draws/s'])]),
    ),
    sink: sink > 0,
  }),
);
