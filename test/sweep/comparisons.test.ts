import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim } from '../cli/run-cli.js';

/**
 * What a reviewer checks in a comparison: a variant with no sample shows no value (and
 * fails a latency threshold for want of data), a real difference is found by pairing the
 * replications that share random streams, and identical variants get no "best".
 */

function sweepScenario(sweep: string, extra = ''): string {
  return `name: compare
seed: 11
duration: 3s
cluster:
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 1ms }
services:
  api:
    concurrency: 1000
    endpoints:
      get: { cpu: exponential(mean=5ms) }
workload:
  - { name: users, arrivals: poisson, rate: 20/s, target: api.get }
sweep:
${sweep}
${extra}`;
}

/** The CSV as rows of named cells. */
function readCsv(dir: string, file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(join(dir, file), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('a variant where no request succeeds', () => {
  const dir = folderWith({
    's.yaml': sweepScenario(
      `  replications: 3
  variants:
    healthy: {}
    no-pods: { services.api.replicas: 0 }`,
      'thresholds:\n  latency_p99_ms: "< 300"\n',
    ),
  });
  const { status, stdout } = msasim(['sweep', 's.yaml', '--out', 'out'], dir);
  const out = join(dir, 'out');

  it('has no latency in the table, and is not marked faster for failing fast', () => {
    const row = stdout.split('\n').find((line) => line.startsWith('no-pods'))!;
    // latency_p50_ms and latency_p99_ms have no value; the all-requests p99 is its fast 503s.
    expect(row).toMatch(/^no-pods\s+3\s+–\s+–\s+\S+/);
    expect(row).not.toContain('*');
    const healthy = stdout.split('\n').find((line) => line.startsWith('healthy'))!;
    expect(healthy).toMatch(/ 1 ± 0 \*/); // availability 1, better at every replication
    expect(stdout).toContain('– no value: no replication had a sample');
  });

  it('leaves its latency cells empty in runs.csv and summary.csv, and null in results.json', () => {
    for (const run of readCsv(out, 'runs.csv').filter((r) => r.variant === 'no-pods')) {
      expect(run.latency_p99_ms).toBe('');
      expect(run.latency_mean_ms).toBe('');
      expect(run.availability).toBe('0');
      // Its failures have a latency (at once: no pod, no network hop), so this is a number.
      expect(run.latency_all_p99_ms).toBe('0');
    }
    const summary = readCsv(out, 'summary.csv').find((r) => r.variant === 'no-pods')!;
    expect(summary.latency_p99_ms_n).toBe('0');
    expect(summary.latency_p99_ms_mean).toBe('');
    expect(summary.latency_p99_ms_diff_mean).toBe('');
    expect(summary.availability_diff_mean).toBe('-1');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const run = results.runs.find((r: { variant: string }) => r.variant === 'no-pods');
    expect(run.metrics.latency_p99_ms).toBeNull();
    const row = results.summary.find((r: { variant: string }) => r.variant === 'no-pods');
    expect(row.metrics.latency_p99_ms).toEqual({ n: 0, mean: null, sd: null, ci95: null });
  });

  it('fails the latency threshold with "no data" and exits 3', () => {
    expect(stdout).toMatch(
      /FAIL\s+no-pods\s+latency_p99_ms < 300\s+no data: no replication had a value \(n=3\)/,
    );
    expect(stdout).toMatch(/PASS\s+healthy\s+latency_p99_ms < 300/);
    expect(status).toBe(3);
  });
});

describe('paired comparisons under common random numbers', () => {
  it('find a 10% slower endpoint with 5 replications, where the unpaired intervals overlap', () => {
    const dir = folderWith({
      's.yaml': sweepScenario(`  replications: 5
  variants:
    base: {}
    slower: { services.api.endpoints.get.cpu: exponential(mean=5.5ms) }`),
    });
    const { status, stdout } = msasim(['sweep', 's.yaml', '--out', 'out'], dir);
    expect(status).toBe(0);
    const summary = readCsv(join(dir, 'out'), 'summary.csv');
    const base = summary.find((r) => r.variant === 'base')!;
    const slower = summary.find((r) => r.variant === 'slower')!;
    const interval = (row: Record<string, string>, prefix: string) => {
      const mean = Number(row[`${prefix}_mean`]);
      const half = Number(row[`${prefix}_ci95`]);
      return [mean - half, mean + half] as const;
    };
    // Unpaired: the two 95% intervals of the mean latency overlap...
    const [, baseHigh] = interval(base, 'latency_mean_ms');
    const [slowerLow] = interval(slower, 'latency_mean_ms');
    expect(slowerLow).toBeLessThan(baseHigh);
    // ...paired by replication, the difference is clearly above 0, and near 10% of the CPU.
    const [diffLow] = interval(slower, 'latency_mean_ms_diff');
    expect(diffLow).toBeGreaterThan(0);
    expect(Number(slower.latency_mean_ms_diff_mean)).toBeGreaterThan(0.3);
    expect(Number(slower.latency_mean_ms_diff_mean)).toBeLessThan(0.8);
    expect(stdout).toMatch(/^base .*\*/m);
    expect(stdout).toContain('difference from base, paired by replication');
  });

  it('mark no best when the variants are identical', () => {
    const dir = folderWith({
      's.yaml': sweepScenario(`  replications: 5
  variants:
    one: {}
    same: { services.api.replicas: 1 }`),
    });
    const { status, stdout } = msasim(['sweep', 's.yaml', '--out', 'out'], dir);
    expect(status).toBe(0);
    const estimates = stdout.slice(0, stdout.indexOf('difference from'));
    const rows = estimates.split('\n').filter((line) => /^(one|same) /.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).not.toContain('*');
    expect(stdout).toContain('no variant is better than every other at n=5 (paired 95% CI) on');
  });
});
