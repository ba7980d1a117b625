import { closestMatch } from '../scenario/suggest.js';

export interface UsageContext {
  /** the command line as given, to tell flags from words */
  argv: readonly string[];
  /** options the failing command knows */
  options: readonly string[];
  /** the CLI's command names */
  commands: readonly string[];
}

/**
 * yargs' usage messages, made to say what to do: an unknown flag or command gets the
 * nearest known one, and a missing positional names what is missing.
 */
export function withUsageHint(message: string, context: UsageContext): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown !== null) {
    // After an unknown command, the words that follow it are its arguments: name only it.
    const names = unknown[1]!.split(', ');
    const firstWord = names.find((name) => !isFlag(name, context.argv));
    const reported = names.filter((name) => isFlag(name, context.argv) || name === firstWord);
    return reported.map((name) => unknownHint(name, context)).join('\n');
  }
  if (/^Not enough non-option arguments: got 0/.test(message)) {
    return 'missing the scenario file, like: msasim run scenarios/checkout-chain.yaml';
  }
  return message;
}

function flag(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

function isFlag(name: string, argv: readonly string[]): boolean {
  return argv.some((arg) => arg === flag(name) || arg.startsWith(`${flag(name)}=`));
}

function unknownHint(name: string, { argv, options, commands }: UsageContext): string {
  if (!isFlag(name, argv)) {
    const nearest = closestMatch(name, commands);
    return `unknown command "${name}"${nearest === undefined ? `; the commands are ${commands.join(', ')}` : `; did you mean "${nearest}"?`}`;
  }
  const nearest = closestMatch(name, options);
  return `unknown option ${flag(name)}${nearest === undefined ? '' : `; did you mean ${flag(nearest)}?`}`;
}
