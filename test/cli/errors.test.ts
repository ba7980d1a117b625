import { describe, expect, it } from 'vitest';
import { folderWith, msasim, STACK_LINE, TINY_SCENARIO, traceScenario } from './run-cli.js';

// The exit codes are documented in src/cli/exit-codes.ts: 1 run failed, 2 bad input.

const MALFORMED = `name: broken
services:
  api:
    replicas: -1
    endpoints:
      get: { cpu: 2ms }
workload:
  - name: w
    arrivals: poisson
    rat: 10/s
    target: api.get
`;

describe('bad input exits 2 with a message and no stack trace', () => {
  it('a malformed scenario: every problem at FILE:LINE:COLUMN, on stderr', () => {
    const dir = folderWith({ 'broken.yaml': MALFORMED });
    for (const command of ['run', 'validate', 'explain']) {
      const { status, stdout, stderr } = msasim([command, 'broken.yaml'], dir);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toBe(
        'broken.yaml:4:15: services.api.replicas: expected a whole number >= 0, got -1',
      );
      expect(stderr).toContain('broken.yaml:10:5: workload[0].rat: unknown field "rat"');
      expect(stderr).not.toMatch(STACK_LINE);
    }
  });

  it('a missing scenario file', () => {
    const { status, stderr } = msasim(['run', 'no-such-file.yaml'], folderWith({}));
    expect(status).toBe(2);
    expect(stderr).toBe('cannot read scenario file "no-such-file.yaml": no such file\n');
  });

  it('an unknown flag', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stderr } = msasim(['run', 'tiny.yaml', '--sed', '3'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('msasim: unknown option --sed; did you mean --seed?');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('an unknown command, and no command at all', () => {
    const unknown = msasim(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('msasim: unknown command "frobnicate"; the commands are run,');
    const none = msasim([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Give a command');
  });

  it('a flag value that is not a whole number, reported as written', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stderr } = msasim(['run', 'tiny.yaml', '--seed', 'abc'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('--seed must be a whole decimal number >= 0, got "abc"');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('a trace file that is missing: located at the workload field that names it', () => {
    const scenario = traceScenario(
      '5s',
      '\n      file: traces/missing.csv\n      format: timestamps',
    );
    const dir = folderWith({ 'replay.yaml': scenario });
    const { status, stderr } = msasim(['validate', 'replay.yaml'], dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^replay\.yaml:12:13: workload\[0\]\.trace\.file: cannot read trace file "traces\/missing\.csv" \(.*missing\.csv\): no such file\n$/,
    );
  });

  it('a trace file with a value that is not a number: its line is named', () => {
    const scenario = traceScenario('5s', ' { file: arrivals.csv, format: timestamps }');
    const dir = folderWith({ 'replay.yaml': scenario, 'arrivals.csv': 'at\n0.5\n1.0\nsoon\n' });
    const { status, stderr } = msasim(['run', 'replay.yaml'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain(
      'replay.yaml:11:20: workload[0].trace.file: trace file "arrivals.csv" line 4: expected a number >= 0 in the first column, got "soon"',
    );
  });
});

describe('a run that fails exits 1 with the seed and the command to reproduce it', () => {
  it('the event budget runs out', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stderr } = msasim(['run', 'tiny.yaml', '--event-budget', '100'], dir);
    expect(status).toBe(1);
    expect(stderr).toContain('msasim: run failed: event budget exceeded');
    expect(stderr).toContain('  seed: 5\n');
    expect(stderr).toContain('  reproduce: msasim run tiny.yaml --seed 5 --event-budget 100\n');
    expect(stderr).not.toMatch(STACK_LINE);
  });
});
