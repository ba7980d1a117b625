import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim, STACK_LINE, TINY_SCENARIO } from './run-cli.js';

/**
 * What `validate` accepts, `run` and `sweep` finish: every case below was accepted and then
 * hung, ate memory or failed mid-run (issue 9). Each is now refused up front, by validate and
 * by run alike, exit 2, with the estimate, the limit and the option that raises it. That the
 * refusal comes before any simulation shows in the outcome itself: these runs would take
 * longer than the age of the universe, and `run --out` leaves no folder behind.
 */

const ONE_SERVICE = `services:
  a: { endpoints: { e: {} } }`;

/** A scenario of one service `a.e`, `top` written above its services, and one workload. */
function scenario(top: string, workload: string, services = ONE_SERVICE): string {
  return `name: t\n${top}${services}\nworkload:\n  - ${workload}\n`;
}

/** `expectedRun`: what `run --out` says, when writing the result costs more than the run. */
const CASES: { name: string; file: string; expected: string; expectedRun?: string }[] = [
  {
    name: 'a rate of 1e20/s for 30 minutes',
    file: scenario(
      'duration: 30m\n',
      '{ name: w, arrivals: poisson, rate: 99999999999999999999, target: a.e }',
    ),
    expected:
      's.yaml:6:41: workload[0].rate: about 7.2e23 events per run, more than the limit of 1e9: most of it is 1.8e23 requests from workload "w", 4 events each (1 call per request); lower the rate or the duration, or raise the limit with --max-events 7.2e23',
  },
  {
    name: 'a trace of per-second rates holding 1e308',
    file: scenario(
      '',
      '{ name: w, arrivals: trace, trace: { format: rates, values: [1e308] }, target: a.e }',
    ),
    expected:
      's.yaml:5:40: workload[0].trace: more than 1e308 events per run, more than the limit of 1e9: most of it is more than 1e308 requests from workload "w", 4 events each (1 call per request); replay a shorter trace or a shorter duration (no limit allows it)',
  },
  {
    name: 'a trace of per-second rates holding 1e12',
    file: scenario(
      '',
      '{ name: w, arrivals: trace, trace: { format: rates, values: [1e12] }, target: a.e }',
    ),
    expected:
      's.yaml:5:40: workload[0].trace: about 6.3e13 events per run, more than the limit of 1e9: most of it is 5.9e13 arrival draws of workload "w" beyond its requests (drawn at the profile\'s peak rate, then thinned); replay a shorter trace or a shorter duration, or raise the limit with --max-events 6.3e13',
  },
  {
    name: 'a ramp to 1e300',
    file: scenario(
      '',
      '{ name: w, arrivals: poisson, rate: 1, profile: { type: ramp, to: 1e300, over: 1m }, target: a.e }',
    ),
    expected:
      's.yaml:5:41: workload[0].rate: about 1.5e302 events per run, more than the limit of 1e9: most of it is 3e301 requests from workload "w", 4 events each (1 call per request); lower the rate or the duration, or raise the limit with --max-events 1.5e302',
  },
  {
    name: 'a duration of 1e309s (Infinity)',
    file: scenario('duration: 1e309s\n', '{ name: w, arrivals: poisson, rate: 1, target: a.e }'),
    expected: 's.yaml:2:11: duration: must be a duration of at most 365d',
  },
  {
    name: 'a duration of 1e300s',
    file: scenario('duration: 1e300s\n', '{ name: w, arrivals: poisson, rate: 1, target: a.e }'),
    expected: 's.yaml:2:11: duration: must be a duration of at most 365d',
  },
  {
    name: 'a drain of 400 days',
    file: scenario('drain: 400d\n', '{ name: w, arrivals: poisson, rate: 1, target: a.e }'),
    expected: 's.yaml:2:8: drain: must be a duration of at most 365d',
  },
  {
    name: 'an MMPP state of 1e-9ms',
    file: scenario(
      '',
      '{ name: w, arrivals: poisson, rate: 1, target: a.e, profile: { type: mmpp, states: [{ factor: 1, meanDuration: 1e-9ms }, { factor: 2, meanDuration: 1e-9ms }] } }',
    ),
    expected:
      's.yaml:5:88: workload[0].profile.states: about 6e13 events per run, more than the limit of 1e9: most of it is 6e13 MMPP state changes in workload "w"; give the MMPP states longer meanDurations, or raise the limit with --max-events 6e13',
  },
  {
    name: 'a closed loop thinking 1e-9ms against 0 replicas',
    file: scenario(
      '',
      '{ name: w, arrivals: closed, users: 10, thinkTime: 1e-9ms, target: a.e }',
      'services:\n  a: { replicas: 0, endpoints: { e: {} } }',
    ),
    expected:
      's.yaml:5:5: workload[0]: about 2.4e15 events per run, more than the limit of 1e9: most of it is 6e14 requests from workload "w", 4 events each (1 call per request); simulate fewer users, a longer think time or a shorter duration, or raise the limit with --max-events 2.4e15',
  },
  {
    name: 'a time-series window of 1e-300ms',
    file: scenario(
      'outputs: { window: 1e-300ms }\n',
      '{ name: w, arrivals: poisson, rate: 1, target: a.e }',
    ),
    // The run holds a window per event (and per CPU-busy window); writing the result, all.
    expected: [
      's.yaml:2:20: outputs.window: about 9e304 events per run, more than the limit of 1e9: most of it is 9e304 time-series windows; use a longer outputs.window, or raise the limit with --max-events 9e304',
      's.yaml:2:20: outputs.window: about 3.6e292 TB of memory per run, more than the limit of 2 GB: most of it is 1.2e302 time-series rows held (the 6e301 of 9e304 windows in which something happens × 2 series: all traffic and each service), about 300 bytes each; use a longer outputs.window, or raise the limit with --max-memory 3.6e292TB',
    ].join('\n'),
    expectedRun: [
      's.yaml:2:20: outputs.window: about 9e304 events per run, more than the limit of 1e9: most of it is 9e304 time-series windows; use a longer outputs.window, or raise the limit with --max-events 9e304',
      's.yaml:2:20: outputs.window: more than 1e308 bytes of memory per run, more than the limit of 2 GB: most of it is 1.8e305 time-series rows written (9e304 windows × 2 series: all traffic and each service), about 1 KB each; use a longer outputs.window (no limit allows it)',
      's.yaml:2:20: outputs.window: the time series (9e304 windows until the drain ends × 2 series) has up to 1.8e305 rows, more than the limit of 1e6 rows msasim writes (a results file is one JSON text, which Node caps at 512 MiB); use a longer outputs.window or a shorter drain, or run without --json and --out (the tables need no time series)',
    ].join('\n'),
  },
  {
    name: '100,000,000 replicas',
    file: scenario(
      '',
      '{ name: w, arrivals: poisson, rate: 1, target: a.e }',
      'services:\n  a: { replicas: 100000000, endpoints: { e: {} } }',
    ),
    expected:
      's.yaml:3:18: services.a.replicas: about 150 GB of memory per run, more than the limit of 2 GB: most of it is 1e8 pods of service "a", about 1.5 KB each; run fewer replicas, or raise the limit with --max-memory 160GB',
  },
  {
    name: 'a node pool of 10,000,000 nodes',
    file: scenario(
      'cluster:\n  nodePools: [{ name: p, instanceType: m5.large, count: 10000000 }]\n',
      '{ name: w, arrivals: poisson, rate: 1, target: a.e }',
    ),
    expected:
      's.yaml:3:57: cluster.nodePools[0].count: about 10 GB of memory per run, more than the limit of 2 GB: most of it is 1e7 nodes in pool "p", about 1 KB each; use fewer nodes, or raise the limit with --max-memory 11GB',
  },
  {
    name: '10,000,000 closed-loop users',
    file: scenario('', '{ name: w, arrivals: closed, users: 10000000, target: a.e }'),
    expected: [
      's.yaml:5:5: workload[0]: about 2.4e9 events per run, more than the limit of 1e9: most of it is 6e8 requests from workload "w", 4 events each (1 call per request); simulate fewer users, a longer think time or a shorter duration, or raise the limit with --max-events 2.4e9',
      's.yaml:5:41: workload[0].users: about 25 GB of memory per run, more than the limit of 2 GB: most of it is 1e7 users of workload "w", about 2.5 KB each; simulate fewer users, or raise the limit with --max-memory 26GB',
    ].join('\n'),
  },
  {
    name: 'lognormal(mean=1ms, cv=1e300), whose draws are NaN',
    file: scenario(
      '',
      '{ name: w, arrivals: poisson, rate: 1, target: a.e }',
      'services:\n  a: { endpoints: { e: { cpu: "lognormal(mean=1ms, cv=1e300)" } } }',
    ),
    expected:
      's.yaml:3:31: services.a.endpoints.e.cpu: lognormal: these parameters give draws that are not finite numbers (the largest draw, at probability 2^-32, is NaN ms); lower cv',
  },
  {
    name: 'pareto(shape=0.001, scale=1ms), whose mean is infinite',
    file: scenario(
      '',
      '{ name: w, arrivals: poisson, rate: 1, target: a.e }',
      'services:\n  a: { endpoints: { e: { cpu: "pareto(shape=0.001, scale=1ms)" } } }',
    ),
    expected:
      's.yaml:3:31: services.a.endpoints.e.cpu: pareto: shape must be > 1 for durations, got 0.001: with shape <= 1 the mean is infinite, so no queue it feeds is stable and no average of it settles',
  },
];

/** 40 levels, each calling the next twice in parallel: 2^41 - 1 calls per request. */
function fanOut(levels: number): string {
  const lines = ['name: t', 'duration: 1s', 'services:'];
  for (let i = 0; i < levels; i++)
    lines.push(
      `  s${i}:`,
      '    endpoints:',
      `      e: { calls: [{ parallel: [s${i + 1}.e, s${i + 1}.e] }] }`,
    );
  lines.push(`  s${levels}: { endpoints: { e: {} } }`);
  lines.push('workload:', '  - { name: w, arrivals: poisson, rate: 1, target: s0.e }');
  return `${lines.join('\n')}\n`;
}

CASES.push({
  name: '40 levels each calling the next twice in parallel',
  file: fanOut(40),
  expected: [
    's.yaml:6:19: services.s0.endpoints.e.calls: about 660 TB of memory per run, more than the limit of 2 GB: most of it is up to 2.2e12 calls of one request of workload "w" in flight at once, about 300 bytes each; make fewer calls per request, or raise the limit with --max-memory 660TB',
    's.yaml:126:41: workload[0].rate: about 6.6e12 events per run, more than the limit of 1e9: most of it is 1 request from workload "w", 6.6e12 events each (2.2e12 calls per request); lower the rate or the duration, or raise the limit with --max-events 6.6e12',
  ].join('\n'),
});

describe('work beyond the limits is refused up front, by validate and by run alike', () => {
  it.each(CASES)('$name', ({ file, expected, expectedRun }) => {
    const dir = folderWith({ 's.yaml': file });
    for (const command of [['validate'], ['run', '--out', 'out']]) {
      const { status, stdout, stderr } = msasim([...command, 's.yaml'], dir);
      expect(stderr).toBe(`${command[0] === 'run' ? (expectedRun ?? expected) : expected}\n`);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).not.toMatch(STACK_LINE);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('a rate of 0 sends nothing, whatever its profile', () => {
  it('validates and runs with no request when the profile integrates to Infinity', () => {
    // Was refused with an estimate of NaN events (0 × Infinity).
    const workload = (kind: string) =>
      `{ name: ${kind}, arrivals: ${kind}, rate: 0, profile: { type: ramp, to: 1e308, over: 1s }, target: a.e }`;
    const file = `${scenario('duration: 10s\n', workload('poisson'))}  - ${workload('constant')}\n`;
    const dir = folderWith({ 's.yaml': file });
    const validated = msasim(['validate', 's.yaml'], dir);
    expect(validated.stdout).toBe(
      's.yaml: ok (1 service, 2 workloads)\nestimate per run: about 0 requests, 43 events and 1.1 MB of memory (limits: 1e9 events, 2 GB; see docs/limits.md)\n',
    );
    expect(validated.status).toBe(0);
    const run = msasim(['run', 's.yaml', '--json'], dir);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).requests.total).toBe(0);
  });
});

/**
 * A run holds only the windows in which something happens, so a long or finely windowed
 * series with little traffic runs (test/model/time-series-memory.test.ts counts what it
 * holds); every window is a row in the files, though, and what writes them is bounded.
 */
describe('a time series too long to write: validate warns, run --out and sweep refuse', () => {
  const SERIES_CASES = [
    {
      name: 'windows of 1us over 10 s',
      file: scenario(
        'duration: 10s\noutputs: { window: 1us }\n',
        '{ name: w, arrivals: poisson, rate: 1, target: a.e }',
      ),
      windows: '4e7',
      rows: '8e7',
      memory:
        's.yaml:3:20: outputs.window: about 80 GB of memory per run, more than the limit of 2 GB: most of it is 8e7 time-series rows written (4e7 windows × 2 series: all traffic and each service), about 1 KB each; use a longer outputs.window, or raise the limit with --max-memory 81GB',
    },
    {
      name: '30 days at 1 s windows',
      file: scenario(
        'duration: 30d\noutputs: { window: 1s }\n',
        '{ name: w, arrivals: poisson, rate: 0.001, target: a.e }',
      ),
      windows: '2.6e6',
      rows: '5.2e6',
      memory:
        's.yaml:3:20: outputs.window: about 5.2 GB of memory per run, more than the limit of 2 GB: most of it is 5.2e6 time-series rows written (2.6e6 windows × 2 series: all traffic and each service), about 1 KB each; use a longer outputs.window, or raise the limit with --max-memory 5.2GB',
    },
  ];

  it.each(SERIES_CASES)('$name', ({ file, windows, rows, memory }) => {
    const dir = folderWith({ 's.yaml': file });
    const tooMany = `s.yaml:3:20: outputs.window: the time series (${windows} windows until the drain ends × 2 series) has up to ${rows} rows, more than the limit of 1e6 rows msasim writes (a results file is one JSON text, which Node caps at 512 MiB); use a longer outputs.window or a shorter drain`;

    const validate = msasim(['validate', 's.yaml'], dir);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/^s\.yaml: ok \(1 service, 1 workload\)\n/);
    expect(validate.stderr).toBe(
      `s.yaml: warning: outputs.window: the time series has up to ${rows} rows (${windows} windows until the drain ends × 2 series), more than the limit of 1e6 rows msasim writes: run shows its tables, but run --json, run --out and sweep refuse it; use a longer outputs.window\n`,
    );

    const run = msasim(['run', 's.yaml', '--out', 'out'], dir);
    expect(run.stderr).toBe(
      `${memory}\n${tooMany}, or run without --json and --out (the tables need no time series)\n`,
    );
    expect(run.status).toBe(2);

    const sweep = msasim(['sweep', 's.yaml', '--out', 'out'], dir);
    expect(sweep.stderr).toBe(`${tooMany}\n`);
    expect(sweep.status).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it("counts every run's rows in a sweep: they all go into results.json", () => {
    // 12,000 runs of 35 windows (5 s and the default 30 s drain) × 3 series.
    const dir = folderWith({ 's.yaml': `${TINY_SCENARIO}sweep:\n  replications: 12000\n` });
    const { status, stderr } = msasim(['validate', 's.yaml', '--max-runs', '12000'], dir);
    expect(stderr).toBe(
      's.yaml:20:3: sweep: the time series of 12000 runs (each: windows until the drain ends × series) has up to 1.3e6 rows, more than the limit of 1e6 rows msasim writes (a results file is one JSON text, which Node caps at 512 MiB); use a longer outputs.window, a shorter drain or fewer runs\n',
    );
    expect(status).toBe(2);
  });
});

describe('a sweep too large to expand is refused before it is expanded', () => {
  const sweep = (section: string) =>
    scenario('', '{ name: w, arrivals: poisson, rate: 1, target: a.e }') + section;

  it('sweep.replications of 1e9', () => {
    const dir = folderWith({ 's.yaml': sweep('sweep:\n  replications: 1000000000\n') });
    const expected =
      's.yaml:7:17: sweep.replications: 1e9 runs (1 variant × 1 grid point × 1e9 replications), more than the limit of 10,000 runs per sweep; use fewer replications, variants or grid values, or raise the limit with --max-runs 1000000000\n';
    for (const command of ['validate', 'sweep']) {
      const { status, stderr } = msasim([command, 's.yaml'], dir);
      expect(stderr).toBe(expected);
      expect(status).toBe(2);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--replications 1e8', () => {
    const dir = folderWith({ 's.yaml': sweep('sweep:\n  replications: 2\n') });
    const { status, stderr } = msasim(['sweep', 's.yaml', '--replications', '100000000'], dir);
    expect(stderr).toBe(
      's.yaml:7:3: sweep: 1e8 runs (1 variant × 1 grid point × 1e8 replications from --replications), more than the limit of 10,000 runs per sweep; use fewer replications, variants or grid values, or raise the limit with --max-runs 100000000\n',
    );
    expect(status).toBe(2);
  });

  it('a grid of 8 fields × 10 values', () => {
    const values = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]';
    const fields = ['replicas', 'concurrency', 'queueLimit'].map((f) => `services.a.${f}`);
    const more = ['seed', 'workload.w.rate', 'cluster.nodePools.general.count'];
    const grid = [...fields, ...more, 'services.a.resources.requests.cpu', 'workload[0].timeout']
      .map(
        (path) =>
          `    ${path}: ${path.endsWith('timeout') ? '[1s, 2s, 3s, 4s, 5s, 6s, 7s, 8s, 9s, 10s]' : values}`,
      )
      .join('\n');
    const dir = folderWith({ 's.yaml': sweep(`sweep:\n  grid:\n${grid}\n`) });
    const { status, stderr } = msasim(['validate', 's.yaml'], dir);
    expect(stderr).toBe(
      's.yaml:8:5: sweep.grid: 1e8 runs (1 variant × 1e8 grid points × 1 replication), more than the limit of 10,000 runs per sweep; use fewer replications, variants or grid values, or raise the limit with --max-runs 100000000\n',
    );
    expect(status).toBe(2);
  });

  it('a variant whose overrides exceed a limit is named in the message', () => {
    const dir = folderWith({
      's.yaml': sweep(
        'sweep:\n  variants:\n    small: {}\n    huge: { services.a.replicas: 100000000 }\n',
      ),
    });
    const { status, stderr } = msasim(['validate', 's.yaml'], dir);
    expect(stderr).toBe(
      's.yaml:3:6: services.a.replicas: with variant "huge": about 150 GB of memory per run, more than the limit of 2 GB: most of it is 1e8 pods of service "a", about 1.5 KB each; run fewer replicas, or raise the limit with --max-memory 160GB\n',
    );
    expect(status).toBe(2);
  });
});

describe('the options raise (or lower) the limits', () => {
  it('--max-events below the estimate refuses a small run; without it, it runs', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const refused = msasim(['run', 'tiny.yaml', '--max-events', '1000'], dir);
    expect(refused.stderr).toBe(
      'tiny.yaml:17:11: workload[0].rate: about 1,800 events per run, more than the limit of 1,000: most of it is 250 requests from workload "users", 7 events each (2 calls per request); lower the rate or the duration, or raise the limit with --max-events 1800\n',
    );
    expect(refused.status).toBe(2);
    expect(msasim(['run', 'tiny.yaml', '--max-events', '1800'], dir).status).toBe(0);
  });

  it('--max-memory takes sizes with units; a bad one is a usage error', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    expect(msasim(['validate', 'tiny.yaml', '--max-memory', '1MB'], dir).status).toBe(2);
    expect(msasim(['validate', 'tiny.yaml', '--max-memory', '2GiB'], dir).status).toBe(0);
    const bad = msasim(['validate', 'tiny.yaml', '--max-memory', 'lots'], dir);
    expect(bad.stderr).toBe(
      'msasim: --max-memory must be a number > 0, like 4GB or 500MB; got "lots"\nRun msasim --help.\n',
    );
    expect(bad.status).toBe(2);
  });

  it('--max-runs lets a larger sweep through validate', () => {
    // A drain of 1 s keeps 12,000 runs' time series under the rows msasim writes.
    const tiny = TINY_SCENARIO.replace('duration: 5s\n', 'duration: 5s\ndrain: 1s\n');
    const file = `${tiny}sweep:\n  replications: 12000\n`;
    const dir = folderWith({ 's.yaml': file });
    expect(msasim(['validate', 's.yaml'], dir).status).toBe(2);
    const { status, stdout } = msasim(['validate', 's.yaml', '--max-runs', '1.2e4'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('a sweep of 12000 runs');
  });
});

describe('--workers', () => {
  it('is capped at the cores, and says so', () => {
    const dir = folderWith({ 's.yaml': `${TINY_SCENARIO}sweep:\n  replications: 2\n` });
    const { status, stderr } = msasim(['sweep', 's.yaml', '--workers', '1000'], dir);
    expect(status).toBe(0);
    expect(stderr).toMatch(
      /^msasim: --workers 1000 is more than this machine's \d+ cores; using \d+\n/,
    );
  });
});
