import { hideBin } from 'yargs/helpers';
import { CliError, EXIT_BAD_INPUT } from './exit-codes.js';

/**
 * A flag's value as the user wrote it, for the messages of yargs coerce functions.
 *
 * yargs hands a coerce function an array when a flag is repeated (`--out a --out b`), and
 * an empty string when the value starts with a dash that is not a plain negative number
 * (`--run-timeout -1s`, `--shard -1/2`): it reads `-1s` as the short flags -1 and -s. So a
 * repeated flag is refused by name, and an empty value is looked up on the command line.
 */
export function writtenValue(flag: string, value: unknown): string {
  if (Array.isArray(value)) throw repeatedFlag(flag, value);
  const text = String(value);
  if (text !== '') return text;
  return dashValueAfter(flag, hideBin(process.argv)) ?? text;
}

/** `--out a --out b`: one of the two would be ignored, so neither is taken. */
export function repeatedFlag(flag: string, values: readonly unknown[]): CliError {
  const written = values.map((value) => JSON.stringify(String(value))).join(', ');
  return new CliError(
    `${flag} is given ${values.length} times (${written}); give it once`,
    EXIT_BAD_INPUT,
  );
}

/** The word after `--flag` when it starts with a dash: the value yargs did not take. */
export function dashValueAfter(flag: string, argv: readonly string[]): string | undefined {
  const index = argv.lastIndexOf(flag);
  const next = index === -1 ? undefined : argv[index + 1];
  return next?.startsWith('-') ? next : undefined;
}

/**
 * Checks the parsed command line for what yargs accepts but msasim cannot use: a flag
 * given twice that takes one value (flags with a coerce function refuse this themselves),
 * and "-" for standard input, which yargs turns into an empty file name.
 */
export function checkArguments(
  parsed: Record<string, unknown>,
  argv: readonly string[],
  arrayOptions: readonly string[],
): true {
  if (argv.includes('-')) {
    throw new CliError(
      'standard input ("-") is not supported: save the scenario to a file and give its path',
      EXIT_BAD_INPUT,
    );
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!Array.isArray(value) || key === '_' || arrayOptions.includes(key)) continue;
    throw repeatedFlag(`--${key}`, value);
  }
  return true;
}
