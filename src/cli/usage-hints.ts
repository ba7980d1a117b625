import { closestMatch } from '../scenario/suggest.js';

export interface UsageContext {
  /** the command line as given, to tell flags from words */
  argv: readonly string[];
  /** options the failing command knows */
  options: readonly string[];
  /** the CLI's command names */
  commands: readonly string[];
  /** the commands as declared, with their positionals: `run <file>`, `merge <dirs..>` */
  usages?: readonly string[];
}

/** The commands that read an output folder, not a scenario: their usage when it is missing. */
const OUTPUT_FOLDER_EXAMPLES: Readonly<Record<string, string>> = {
  report: 'msasim report out/checkout-chain --out report.html',
  plot: 'msasim plot out/checkout-chain --svg figures/',
};

/** merge's usage, shown when its folders or its --out are missing. */
const MERGE_EXAMPLE = 'like: msasim merge shard-0/ shard-1/ --out all/';

/**
 * yargs' usage messages, made to say what to do: an unknown flag or command gets the
 * nearest known one, and a missing positional names what is missing.
 */
export function withUsageHint(message: string, context: UsageContext): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown !== null) return unknownArguments(unknown[1]!.split(', '), context);
  if (/^Not enough non-option arguments: got 0/.test(message)) {
    const command = givenCommand(context) ?? 'run';
    if (command === 'merge') return `missing the shards' output folders, ${MERGE_EXAMPLE}`;
    const folderExample = OUTPUT_FOLDER_EXAMPLES[command];
    if (folderExample !== undefined) return `missing the output folder, like: ${folderExample}`;
    return `missing the scenario file, like: msasim ${command} scenarios/checkout-chain.yaml`;
  }
  if (message === 'Missing required argument: out' && givenCommand(context) === 'merge') {
    return `missing --out, the folder for the merged output, ${MERGE_EXAMPLE}`;
  }
  return message;
}

function unknownArguments(names: readonly string[], context: UsageContext): string {
  const flags = names.filter((name) => isFlag(name, context.argv));
  const words = names.filter((name) => !isFlag(name, context.argv));
  const hints = flags.map((name) => unknownHint(name, context));
  const command = givenCommand(context);
  // After a known command, the unknown words are arguments it does not take; after an
  // unknown command, the words that follow it are its arguments: name only it.
  if (command !== undefined && words.length > 0) hints.push(extraWords(command, words, context));
  else if (words[0] !== undefined) hints.push(unknownHint(words[0], context));
  return hints.join('\n');
}

/** The command the line names: its first word that is not a flag, if it is a command. */
function givenCommand({ argv, commands }: UsageContext): string | undefined {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return first !== undefined && commands.includes(first) ? first : undefined;
}

/** `run a.yaml b.yaml`: say what the command takes rather than call b.yaml a command. */
function extraWords(command: string, words: readonly string[], context: UsageContext): string {
  const usage = context.usages?.find((text) => text.split(' ')[0] === command) ?? command;
  const extra = words.map((word) => JSON.stringify(word)).join(', ');
  return usage.includes('<')
    ? `${command} takes one scenario file, not also ${extra}`
    : `${command} takes no arguments; got ${extra}`;
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
