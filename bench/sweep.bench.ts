import { performance } from 'node:perf_hooks';
import { runsCsv } from '../src/report/runs-csv.js';
import { executeSweep, planSweep, type SweepPlan } from '../src/runner/sweep.js';

/**
 * bench:sweep: how much a second worker thread speeds a sweep up. The same 96-run sweep
 * (2 variants × 4 grid points × 12 replications, each run about 0.2 s) runs with 1 and
 * with 2 workers, pool start-up included, best of 3 each; the runs.csv of both must be
 * identical. Last line: {"runs","seconds_1_worker","seconds_2_workers","speedup"}.
 *
 * Why 96 runs: two threads pay fixed costs one does not (both start and warm up their JIT at
 * once, with no spare core for V8's background compiler: about 0.3-0.5 s here), and two busy
 * cores slow each run by 2-5% (shared cache and memory bandwidth; two processes show it
 * too). A longer sweep, like a real one, is dominated by the runs. See bench/README.md.
 */

const DOCUMENT = {
  name: 'sweep-bench',
  seed: 1,
  duration: '300s',
  warmup: '5s',
  cluster: { nodePools: [{ name: 'big', cpu: 16, memory: '64Gi', pricePerHour: 0.4, count: 1 }] },
  services: {
    web: { replicas: 2, endpoints: { get: { cpu: 'exponential(mean=2ms)', calls: ['api.get'] } } },
    api: { replicas: 2, endpoints: { get: { cpu: 'exponential(mean=3ms)', calls: ['db.query'] } } },
    db: { replicas: 2, endpoints: { query: { cpu: 'lognormal(median=2ms, p99=20ms)' } } },
  },
  workload: [{ name: 'users', arrivals: 'poisson', rate: '300/s', target: 'web.get' }],
  sweep: {
    replications: 12,
    variants: {
      'round-robin': { 'services.api.loadBalancer': 'round-robin' },
      'least-request': { 'services.api.loadBalancer': 'least-request' },
    },
    grid: { 'workload.users.rate': ['300/s', '350/s', '400/s', '450/s'] },
  },
};

async function timeSweep(
  plan: SweepPlan,
  workers: number,
): Promise<{ seconds: number; csv: string }> {
  const start = performance.now();
  const outcome = await executeSweep(plan, { workers });
  const seconds = (performance.now() - start) / 1000;
  if (outcome.failures.length > 0) throw new Error(outcome.failures[0]!.message);
  return { seconds, csv: runsCsv(outcome.records) };
}

async function main(): Promise<void> {
  const plan = planSweep({ document: DOCUMENT, fileName: 'sweep-bench' });
  const runs = plan.specs.length;
  const best = { 1: Number.POSITIVE_INFINITY, 2: Number.POSITIVE_INFINITY };
  const csv: Record<number, string> = {};
  for (let round = 0; round < 3; round++) {
    for (const workers of [1, 2] as const) {
      const timing = await timeSweep(plan, workers);
      best[workers] = Math.min(best[workers], timing.seconds);
      csv[workers] = timing.csv;
      console.log(
        `round ${round + 1}: ${runs} runs, ${workers} worker(s): ${timing.seconds.toFixed(2)} s`,
      );
    }
  }
  if (csv[1] !== csv[2]) throw new Error('runs.csv differs between 1 and 2 workers');
  const perRunMs = (best[1] * 1000) / runs;
  console.log(
    `about ${perRunMs.toFixed(0)} ms per run on one worker; runs.csv identical for 1 and 2 workers`,
  );
  if (perRunMs < 100)
    throw new Error(`runs must take >= 100 ms each, took ${perRunMs.toFixed(0)} ms`);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  console.log(
    JSON.stringify({
      runs,
      seconds_1_worker: round2(best[1]),
      seconds_2_workers: round2(best[2]),
      speedup: round2(best[1] / best[2]),
    }),
  );
}

await main();
