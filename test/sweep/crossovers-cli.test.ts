import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim } from '../cli/run-cli.js';

/** Two pools of one pod, one of them slower per request but with more workers: curves cross. */
const SCENARIO = `name: crossing
seed: 4
duration: 6s
warmup: 1s
services:
  api:
    replicas: 1
    endpoints:
      get: { cpu: exponential(mean=4ms) }
workload:
  - name: users
    arrivals: poisson
    rate: 10/s
    target: api.get
sweep:
  replications: 2
  variants:
    one: {}
    two: { services.api.replicas: 2 }
  grid:
    workload.users.rate: [20/s, 100/s, 200/s]
  crossovers: { axis: workload.users.rate, metrics: [latency_p99_ms, cost_usd_per_million] }
`;

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('msasim sweep with sweep.crossovers', () => {
  it('prints the crossovers after the tables and writes the same crossovers.csv for any --workers, shards and merge', () => {
    const dir = folderWith({ 's.yaml': SCENARIO });
    const one = msasim(['sweep', 's.yaml', '--out', 'w1', '--workers', '1'], dir);
    expect(one.status).toBe(0);
    const tables = one.stdout.indexOf('difference from one');
    const section = one.stdout.indexOf(
      'Crossovers along workload.users.rate (interpolated linearly between adjacent grid points)',
    );
    expect(tables).toBeGreaterThan(0);
    expect(section).toBeGreaterThan(tables);
    expect(one.stdout).toMatch(/\nlatency_p99_ms\n {2}one vs two: /);
    expect(one.stdout).toContain('crossovers.csv');
    const csv = read(join(dir, 'w1'), 'crossovers.csv');
    expect(csv.split('\n')[0]).toBe(
      'metric,axis,axis_unit,scale,metric_scale,variant_a,variant_b,kind,from,to,at,interval_low,interval_high,interval,lower_below,lower_above,n,points_compared,points',
    );

    expect(msasim(['sweep', 's.yaml', '--out', 'w2', '--workers', '2'], dir).status).toBe(0);
    expect(read(join(dir, 'w2'), 'crossovers.csv')).toBe(csv);
    for (const k of [0, 1]) {
      const shard = msasim(['sweep', 's.yaml', '--shard', `${k}/2`, '--out', `part-${k}`], dir);
      expect(shard.status).toBe(0);
      expect(shard.stdout).not.toContain('Crossovers along');
    }
    const merged = msasim(['merge', 'part-0', 'part-1', '--out', 'merged'], dir);
    expect(merged.status).toBe(0);
    expect(merged.stdout.slice(merged.stdout.indexOf('Crossovers along'))).toBe(
      one.stdout.slice(section, one.stdout.indexOf('\nwrote ')),
    );
    expect(read(join(dir, 'merged'), 'crossovers.csv')).toBe(csv);
  });

  it('writes no crossovers.csv and prints no section without sweep.crossovers', () => {
    const dir = folderWith({ 's.yaml': SCENARIO.replace(/ {2}crossovers:.*\n/, '') });
    const { status, stdout } = msasim(['sweep', 's.yaml', '--out', 'out'], dir);
    expect(status).toBe(0);
    expect(stdout).not.toContain('Crossovers');
    expect(stdout).not.toContain('crossovers.csv');
  });

  it('exits 2 with one line naming the file and field for a bad axis, before any run', () => {
    const dir = folderWith({
      's.yaml': SCENARIO.replace('axis: workload.users.rate', 'axis: services.api.replicas'),
    });
    const { status, stdout, stderr } = msasim(['sweep', 's.yaml', '--out', 'out'], dir);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      's.yaml:22:23: sweep.crossovers.axis: "services.api.replicas" is not a grid path; the grid\'s paths are workload.users.rate',
    );
  });
});
