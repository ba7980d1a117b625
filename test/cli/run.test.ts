import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import {
  CLI,
  folderWith,
  msasim,
  SCENARIOS,
  STACK_LINE,
  TINY_SCENARIO,
  traceScenario,
} from './run-cli.js';

describe('msasim run', () => {
  it('prints a summary with every section, every service and every edge', () => {
    const { status, stdout, stderr } = msasim(
      ['run', 'tiny.yaml'],
      folderWith({ 'tiny.yaml': TINY_SCENARIO }),
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.startsWith('tiny  seed 5  measured 5 s (after 0 s warm-up)')).toBe(true);
    for (const section of [
      'availability',
      'End-to-end latency (ms)',
      'Failed requests by cause',
      'Services',
      'Waits before the work ran',
      'Endpoints',
      'Edges',
      'Nodes',
      'Cost of the measured 5 s (USD)',
    ]) {
      expect(stdout).toContain(section);
    }
    expect(stdout).toMatch(/^ {2}api /m);
    expect(stdout).toMatch(/^ {2}db /m);
    expect(stdout).toContain('client → api');
    expect(stdout).toContain('api → db');
  });

  it('stops quietly when its reader closes the pipe early, keeping its exit code', () => {
    const dir = folderWith({
      'tiny.yaml': `${TINY_SCENARIO}thresholds: { latency_p99_ms: "< 0.001" }\n`,
    });
    const { stdout, stderr } = spawnSync(
      'bash',
      ['-c', `node ${JSON.stringify(CLI)} run tiny.yaml | head -1; echo "exit \${PIPESTATUS[0]}"`],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toContain('EPIPE');
    expect(stdout).toMatch(/^tiny {2}seed 5/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('exit 3');
  });

  it('labels the cost with the measured period it covers, warm-up left out', () => {
    const { stdout, status } = msasim(
      ['run', 'tiny.yaml'],
      folderWith({
        'tiny.yaml': TINY_SCENARIO.replace('duration: 5s', 'duration: 5s\nwarmup: 2s'),
      }),
    );
    expect(status).toBe(0);
    expect(stdout).toContain('Cost of the measured 3 s (USD)');
    expect(stdout).not.toContain('5 s (USD)');
  });

  it('prints latency over successful and over all requests, and "–" where there is no sample', () => {
    const noPods = TINY_SCENARIO.replace('  db:\n    replicas: 2', '  db:\n    replicas: 0');
    const { stdout, status } = msasim(['run', 'tiny.yaml'], folderWith({ 'tiny.yaml': noPods }));
    expect(status).toBe(0);
    // Every request fails fast (db has no pod): no successful latency, but an all-requests one.
    expect(stdout).toMatch(/^ {2}successful +0 +– +– +– +– +– +–$/m);
    expect(stdout).toMatch(/^ {2}all \(failures at the time they failed\) +[\d,]+ +\d/m);
    expect(stdout).toMatch(/^ {2}availability|0\.000%/m);
  });

  it('--json prints the RunResult: parseable, 2-space indented, with the seed asked for', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stdout } = msasim(['run', 'tiny.yaml', '--json', '--seed', '9'], dir);
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as RunResult;
    expect(result.scenario).toBe('tiny');
    expect(result.seed).toBe(9);
    expect(result.durationMs).toBe(5000);
    expect(result.requests.total).toBeGreaterThan(150);
    expect(result.requests.succeeded).toBe(result.requests.total);
    expect(Object.keys(result.latency)).toEqual([
      'count',
      'meanMs',
      'p50Ms',
      'p90Ms',
      'p99Ms',
      'p999Ms',
      'maxMs',
    ]);
    expect(result.services.map((s) => s.service)).toEqual(['api', 'db']);
    expect(result.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['api>db', 'client>api']);
    expect(stdout).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });

  it('the same seed prints the same bytes; another seed, other numbers', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const first = msasim(['run', 'tiny.yaml', '--json'], dir).stdout;
    expect(msasim(['run', 'tiny.yaml', '--json'], dir).stdout).toBe(first);
    expect(msasim(['run', 'tiny.yaml', '--json', '--seed', '6'], dir).stdout).not.toBe(first);
  });

  it('--out DIR writes result.json (the --json text) and cost.csv, creating DIR, leaving no temporary file', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stdout } = msasim(
      ['run', 'tiny.yaml', '--json', '--out', 'results/run-1'],
      dir,
    );
    expect(status).toBe(0);
    const out = join(dir, 'results/run-1');
    expect(readdirSync(out).sort()).toEqual(['cost.csv', 'result.json']);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(stdout);
  });

  it('a run whose service has versions prints them and, with --out, writes versions.csv beside result.json', () => {
    const canary = TINY_SCENARIO.replace(
      '    replicas: 2\n',
      '    versions:\n      v1: { replicas: 1 }\n      v2: { replicas: 1, endpoints: { query: { errorRate: 50% } } }\n',
    );
    const dir = folderWith({ 'canary.yaml': canary });
    const { status, stdout } = msasim(['run', 'canary.yaml', '--out', 'out'], dir);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}db +v1 +1 /m);
    expect(stdout).toMatch(/^ {2}db +v2 +1 /m);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'cost.csv',
      'result.json',
      'versions.csv',
    ]);
    const rows = readFileSync(join(dir, 'out', 'versions.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(rows.map((row) => row.split(',').slice(3, 5).join(' '))).toEqual([
      'service version',
      'db v1',
      'db v2',
    ]);
  });

  it('replays a trace file named relative to the scenario, skipping its header line', () => {
    const scenario = traceScenario('10s', ' { file: arrivals.csv, format: timestamps }');
    // Five timestamps in seconds, one after the 10 s duration: four arrive.
    const csv = 'timestamp_s,user\n0.5,a\n1.25,b\n2,c\n9.5,d\n12,e\n';
    const dir = folderWith({ 'replay.yaml': scenario, 'arrivals.csv': csv });
    const { status, stdout } = msasim(['run', join(dir, 'replay.yaml'), '--json']);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as RunResult).requests.total).toBe(4);
  });

  // 60 runs: about 20 s on two idle cores, several times that on a shared machine.
  it('demo sweeps checkout-chain: the three load balancers, zone-aware routing and the CSV files', {
    timeout: 240_000,
  }, () => {
    const cwd = folderWith({});
    const { status, stdout } = msasim(['demo'], cwd);
    expect(status).toBe(0);
    expect(stdout).toContain(join(SCENARIOS, 'checkout-chain.yaml'));
    for (const variant of ['kube-proxy', 'round-robin', 'least-request', 'zone-aware']) {
      expect(stdout).toMatch(new RegExp(`^${variant} +600/s +5 `, 'm'));
    }
    for (const file of [
      'runs.csv',
      'summary.csv',
      'timeseries.csv',
      'edges.csv',
      'services.csv',
      'results.json',
    ]) {
      expect(existsSync(join(cwd, 'out', 'checkout-chain', file))).toBe(true);
    }
  });
});

describe('msasim run with thresholds', () => {
  const scenario = (p99: string) => `name: gate
duration: 20s
services:
  api:
    endpoints:
      get: { cpu: exponential(mean=5ms) }
workload:
  - { name: users, arrivals: poisson, rate: 100/s, target: api.get }
thresholds:
  latency_p99_ms: "< ${p99}"
  availability: "> 99.9%"
`;

  it('exits 3 and says which threshold failed', () => {
    const dir = folderWith({ 'gate.yaml': scenario('10') });
    const { status, stdout, stderr } = msasim(['run', join(dir, 'gate.yaml')]);
    expect(status).toBe(3);
    expect(stdout).toMatch(/^FAIL {2}base {2}latency_p99_ms < 10 /m);
    expect(stdout).toMatch(/^PASS {2}base {2}availability > 99\.9% /m);
    expect(stderr).toContain('a threshold failed');
  });

  it('exits 0 when every threshold passes, and keeps stdout pure JSON with --json', () => {
    const dir = folderWith({ 'gate.yaml': scenario('1000') });
    const { status, stdout, stderr } = msasim(['run', join(dir, 'gate.yaml'), '--json']);
    expect(status).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stderr).toMatch(/^PASS {2}base {2}latency_p99_ms < 1000 /m);
  });
});

describe('msasim validate with a sweep', () => {
  const withSweep = (override: string) => `name: swept
services:
  search:
    endpoints:
      get: {}
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: search.get }
sweep:
  replications: 3
  variants:
    two: { services.search.replicas: 2 }
    four: { ${override} }
`;

  it('counts the runs of a good sweep', () => {
    const dir = folderWith({ 's.yaml': withSweep('services.search.replicas: 4') });
    const { status, stdout } = msasim(['validate', join(dir, 's.yaml')]);
    expect(status).toBe(0);
    expect(stdout).toBe(
      `${join(dir, 's.yaml')}: ok (1 service, 1 workload, a sweep of 6 runs)\n` +
        'estimate of the largest run: about 600 requests, 2,500 events and 1.1 MB of memory (limits: 1e9 events, 2 GB; see docs/limits.md)\n',
    );
  });

  it('checks every override as sweep would: a path that does not exist is exit 2', () => {
    const dir = folderWith({ 's.yaml': withSweep('services.serch.replicas: 4') });
    const { status, stderr } = msasim(['validate', join(dir, 's.yaml')]);
    expect(status).toBe(2);
    expect(stderr).toContain(
      's.yaml:12:13: sweep.variants.four["services.serch.replicas"]: "services.serch.replicas": services has no "serch"; did you mean "search"?',
    );
  });
});

describe('msasim validate warns about Pending pods', () => {
  it('a scenario whose pods outgrow the default cluster is valid, with a warning', () => {
    const dir = folderWith({
      'p.yaml': `name: pend
services:
  api:
    replicas: 7
    endpoints:
      get: {}
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }
`,
    });
    const { status, stdout, stderr } = msasim(['validate', 'p.yaml'], dir);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^p\.yaml: ok \(1 service, 1 workload\)\nestimate per run: about /);
    // 7 pods requesting 1 CPU each on the default 3 m5.large nodes, 1930m allocatable on
    // EKS: one fits per node.
    expect(stderr).toBe(
      'p.yaml: warning: services.api: 4 of 7 pods find no room on the nodes and stay Pending (msasim explain shows why)\n',
    );
  });
});
