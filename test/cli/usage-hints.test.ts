import { describe, expect, it } from 'vitest';
import { withUsageHint } from '../../src/cli/usage-hints.js';

const context = (argv: string[]) => ({
  argv,
  options: ['seed', 'json', 'out', 'event-budget', 'help'],
  commands: ['run', 'sweep', 'merge', 'validate'],
});

describe('usage hints', () => {
  it('an unknown flag gets the nearest known one', () => {
    expect(withUsageHint('Unknown argument: sed', context(['run', 'a.yaml', '--sed', '3']))).toBe(
      'unknown option --sed; did you mean --seed?',
    );
  });

  it('every unknown flag is named, with = or without', () => {
    expect(
      withUsageHint('Unknown arguments: sed, jsn', context(['run', 'a.yaml', '--sed=3', '--jsn'])),
    ).toBe(
      'unknown option --sed; did you mean --seed?\nunknown option --jsn; did you mean --json?',
    );
  });

  it('a flag far from every known one is named without a guess', () => {
    expect(withUsageHint('Unknown argument: frobnicate', context(['run', '--frobnicate']))).toBe(
      'unknown option --frobnicate',
    );
  });

  it('an unknown command gets the nearest command, and its arguments are not reported', () => {
    expect(
      withUsageHint('Unknown arguments: valdate, a.yaml', context(['valdate', 'a.yaml'])),
    ).toBe('unknown command "valdate"; did you mean "validate"?');
    expect(withUsageHint('Unknown argument: xyz', context(['xyz']))).toBe(
      'unknown command "xyz"; the commands are run, sweep, merge, validate',
    );
  });

  it('a missing file says what is missing; other messages pass through', () => {
    expect(
      withUsageHint('Not enough non-option arguments: got 0, need at least 1', context(['run'])),
    ).toBe('missing the scenario file, like: msasim run scenarios/checkout-chain.yaml');
    expect(
      withUsageHint('Not enough non-option arguments: got 0, need at least 1', context(['merge'])),
    ).toBe("missing the shards' output folders, like: msasim merge shard-0/ shard-1/ --out all/");
    expect(withUsageHint('--workers must be a whole number >= 1', context([]))).toBe(
      '--workers must be a whole number >= 1',
    );
  });

  it('words after a command that takes one file are named as extra, not as commands', () => {
    const usages = { usages: ['run <file>', 'list'] };
    expect(
      withUsageHint('Unknown arguments: b.yaml, sed', {
        ...context(['run', 'a.yaml', 'b.yaml', '--sed']),
        ...usages,
      }),
    ).toBe(
      'unknown option --sed; did you mean --seed?\nrun takes one scenario file, not also "b.yaml"',
    );
  });
});
