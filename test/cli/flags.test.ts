import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim, STACK_LINE, TINY_SCENARIO } from './run-cli.js';

/**
 * Misused flags and arguments: each is refused before any work with one line that says
 * what is wrong as the user wrote it, the usage hint, exit code 2 and no stack trace.
 */
function refusal(args: readonly string[], files: Record<string, string> = {}) {
  const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO, ...files });
  const { status, stdout, stderr } = msasim(args, dir);
  expect(stderr).not.toMatch(STACK_LINE);
  expect(stdout).toBe('');
  expect(status).toBe(2);
  return { dir, message: stderr.replace(/\nRun msasim --help\.\n$/, '\n') };
}

describe('a flag that takes one value, given twice, is refused by name', () => {
  it.each([
    [['run', 'tiny.yaml', '--out', 'a', '--out', 'b'], '--out is given 2 times ("a", "b")'],
    [['sweep', 'tiny.yaml', '--out', 'a', '--out=b'], '--out is given 2 times ("a", "b")'],
    [['merge', 'x', 'y', '--out', 'a', '--out', 'b'], '--out is given 2 times ("a", "b")'],
    [['run', 'tiny.yaml', '--seed', '1', '--seed=2'], '--seed is given 2 times ("1", "2")'],
    [
      ['sweep', 'tiny.yaml', '--shard', '0/2', '--shard', '1/2', '--shard', '0/2'],
      '--shard is given 3 times ("0/2", "1/2", "0/2")',
    ],
    [
      ['run', 'tiny.yaml', '--event-budget', '9', '--eventBudget', '10'],
      '--event-budget is given 2 times ("9", "10")',
    ],
  ])('%j', (args, text) => {
    const { dir, message } = refusal(args);
    expect(message).toBe(`msasim: ${text}; give it once\n`);
    // Refused before anything was simulated or written.
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('numeric flags take whole decimal numbers only', () => {
  it.each([
    ['run', '--seed', '0x10'],
    ['run', '--seed', '1e3'],
    ['run', '--seed', ' 5'],
    ['run', '--seed', '5.0'],
    ['run', '--event-budget', '+5'],
    ['sweep', '--workers', '0b11'],
    ['sweep', '--replications', '1_000'],
    ['sweep', '--only', '0x1'],
  ])('%s %s %j', (command, flag, value) => {
    const { message } = refusal([command, 'tiny.yaml', flag, value]);
    const min = flag === '--seed' || flag === '--only' ? 0 : 1;
    expect(message).toBe(
      `msasim: ${flag} must be a whole decimal number >= ${min}, got ${JSON.stringify(value)}\n`,
    );
  });

  it('a negative number is reported as written', () => {
    expect(refusal(['run', 'tiny.yaml', '--seed', '-1']).message).toBe(
      'msasim: --seed must be a whole decimal number >= 0, got "-1"\n',
    );
  });

  it('--only with no ids would run nothing: refused', () => {
    expect(refusal(['sweep', 'tiny.yaml', '--only']).message).toBe(
      'msasim: --only needs the ids of the runs to run, like --only 17\n',
    );
  });
});

describe('--run-timeout and --shard state their own bounds, with the value as written', () => {
  it.each(['0.5ms', '1us', '50d', '-1s', '0', '10', 'soon'])('--run-timeout %s', (value) => {
    expect(refusal(['sweep', 'tiny.yaml', '--run-timeout', value]).message).toBe(
      `msasim: --run-timeout must be a duration from 1ms to 49d, like 10m; got "${value}"\n`,
    );
  });

  it.each(['-1/2', ' 1/2', '1/2/3'])('--shard %j', (value) => {
    expect(refusal(['sweep', 'tiny.yaml', '--shard', value]).message).toBe(
      `msasim: --shard must be K/N, like 0/4; got "${value}"\n`,
    );
  });
});

describe('arguments a command does not take', () => {
  it('standard input is not a scenario file', () => {
    expect(refusal(['run', '-']).message).toBe(
      'msasim: standard input ("-") is not supported: save the scenario to a file and give its path\n',
    );
  });

  it('run takes one file', () => {
    expect(refusal(['run', 'tiny.yaml', 'b.yaml', 'c.yaml']).message).toBe(
      'msasim: run takes one scenario file, not also "b.yaml", "c.yaml"\n',
    );
  });

  it('list takes none', () => {
    expect(refusal(['list', 'x']).message).toBe('msasim: list takes no arguments; got "x"\n');
  });

  it("merge without folders gives merge's own usage", () => {
    expect(refusal(['merge']).message).toBe(
      "msasim: missing the shards' output folders, like: msasim merge shard-0/ shard-1/ --out all/\n",
    );
    expect(refusal(['merge', 'a/']).message).toBe(
      'msasim: missing --out, the folder for the merged output, like: msasim merge shard-0/ shard-1/ --out all/\n',
    );
  });

  it('a command without its file names itself in the example', () => {
    expect(refusal(['validate']).message).toBe(
      'msasim: missing the scenario file, like: msasim validate scenarios/checkout-chain.yaml\n',
    );
  });
});

describe('help', () => {
  it('lists every exit code, 130 and 143 included', () => {
    const { status, stdout } = msasim(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}130 {2}interrupted by Ctrl-C/m);
    expect(stdout).toMatch(/^ {2}143 {2}stopped by SIGTERM/m);
  });

  it('merge shows its folders as required, without a default', () => {
    const { stdout } = msasim(['merge', '--help']);
    expect(stdout).toMatch(/^ {2}dirs .*\[array\] \[required\]$/m);
    expect(stdout).not.toContain('[default: []]');
  });

  it.each(['run', 'sweep', 'merge', 'report', 'plot', 'validate', 'explain', 'list', 'demo'])(
    '%s: every example fits on its line',
    (command) => {
      const { stdout } = msasim([command, '--help']);
      const section = stdout.split('Examples:\n')[1]!.split('\n\n')[0]!;
      const examples = section.split('\n').filter((line) => line !== '');
      expect(examples.length).toBeGreaterThan(0);
      for (const line of examples) expect(line).toMatch(/^ {2}msasim \S+.* {2,}\S/);
    },
  );
});
