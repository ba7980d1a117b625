#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { FolderError } from '../runner/folder-error.js';
import { ScenarioFileError } from '../runner/load-scenario-file.js';
import { ScenarioError } from '../scenario/index.js';
import { COMMANDS } from './commands/index.js';
import {
  CliError,
  EXIT_BAD_INPUT,
  EXIT_RUN_FAILED,
  EXIT_SUCCESS,
  type ExitCode,
} from './exit-codes.js';
import { checkArguments } from './flag-values.js';
import { withUsageHint } from './usage-hints.js';

/**
 * The `msasim` command line: parse, call the library, print, exit with a code from
 * exit-codes.ts. Every error a user can cause is printed as a message alone, never a
 * stack trace.
 */
interface YargsOptions {
  getOptions(): { key: Record<string, unknown>; array: string[] };
}

/** As exit-codes.ts defines them; 130 and 143 are the shell's 128 + SIGINT and SIGTERM. */
const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    a run failed
  2    bad input or usage
  3    a threshold failed
  130  interrupted by Ctrl-C (a sweep keeps its finished runs: finish with --resume)
  143  stopped by SIGTERM, as Slurm and Kubernetes send it (the same)`;

async function main(argv: readonly string[]): Promise<ExitCode> {
  const parser = yargs(argv)
    .scriptName('msasim')
    .usage('$0 <command> [options]\n\nA deterministic simulator of microservice infrastructure.')
    .command([...COMMANDS])
    .demandCommand(1, 'Give a command, e.g. msasim run scenarios/checkout-chain.yaml')
    .strict()
    .check((parsed) =>
      checkArguments(parsed, argv, (parser as unknown as YargsOptions).getOptions().array),
    )
    .fail((message, error) => {
      // Errors thrown by a handler reach here too: pass them on to reportError. yargs' own
      // (YError: a failed coerce or check) and plain messages are usage errors.
      if (error !== undefined && error !== null && error.name !== 'YError') throw error;
      // The parser holds the failing command's options at this point (untyped in yargs' d.ts).
      const options = Object.keys((parser as unknown as YargsOptions).getOptions().key);
      const usages = COMMANDS.map((c) => String(c.command));
      const commands = usages.map((usage) => usage.split(' ')[0]!);
      const context = { argv, options, commands, usages };
      throw new CliError(
        withUsageHint(message ?? error?.message ?? 'usage error', context),
        EXIT_BAD_INPUT,
      );
    })
    .example('$0 list', 'the shipped scenarios and the question each answers')
    .example('$0 run scenarios/checkout-chain.yaml', 'run one and read its summary')
    .epilogue(EXIT_CODES_HELP)
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false);
  try {
    await parser.parseAsync();
    return EXIT_SUCCESS;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): ExitCode {
  if (error instanceof ScenarioError || error instanceof ScenarioFileError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof FolderError) {
    // A damaged or misplaced file: the message names it and says what to do; no usage hint.
    process.stderr.write(`msasim: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof CliError) {
    const hint = error.exitCode === EXIT_BAD_INPUT && isUsage(error) ? '\nRun msasim --help.' : '';
    process.stderr.write(`msasim: ${error.message}${hint}\n`);
    return error.exitCode;
  }
  // Not the user's doing: a bug. Say so; the stack is there for whoever reports it.
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`msasim: internal error (please report it): ${text}\n`);
  return EXIT_RUN_FAILED;
}

function isUsage(error: CliError): boolean {
  return !error.message.startsWith('cannot write');
}

/** The version in package.json, two levels above dist/cli/ (or src/cli/). */
function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

// A reader that stops early (`msasim run … | head`) closes the pipe: the rest of the output
// has nowhere to go, which is the reader's choice, not an error. The exit code stands.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(hideBin(process.argv));
