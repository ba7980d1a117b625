import type { CommandModule } from 'yargs';
import { demoCommand } from './demo.js';
import { explainCommand } from './explain.js';
import { listCommand } from './list.js';
import { mergeCommand } from './merge.js';
import { plotCommand } from './plot.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { validateCommand } from './validate.js';

/**
 * Every command the CLI knows, in the order `--help` lists them. A new command is one
 * module in this folder and one line here; main.ts registers whatever this holds.
 */
// yargs' Argv<T> is invariant in T, so modules with different argument types share no
// element type but `any`; each module is fully typed where it is written.
// biome-ignore lint/suspicious/noExplicitAny: see above
export const COMMANDS: readonly CommandModule<object, any>[] = [
  runCommand,
  sweepCommand,
  mergeCommand,
  reportCommand,
  plotCommand,
  validateCommand,
  explainCommand,
  listCommand,
  demoCommand,
];
