/**
 * The CLI's exit codes: scripts and CI jobs branch on them, so they are part of the
 * public interface and never change meaning.
 *
 * - 0 SUCCESS: the command did what was asked.
 * - 1 RUN_FAILED: the input was valid but a run failed at runtime (e.g. the event budget
 *   ran out); the message, the seed and the command to reproduce it are printed.
 * - 2 BAD_INPUT: the user must fix something: a scenario that does not parse or validate,
 *   a missing file, an unknown command or flag. Never a stack trace.
 * - 3 THRESHOLD_FAILED: every run succeeded but a result broke a threshold the scenario
 *   or the command line set (`latency_p99_ms: "< 300"`): the answer to the question is "no".
 * - 130 INTERRUPTED (128 + SIGINT): Ctrl-C stopped a sweep (finished runs are kept and the
 *   `--resume` command that finishes it is printed) or a run (nothing is written).
 * - 143 TERMINATED (128 + SIGTERM): the same for SIGTERM, which Slurm and Kubernetes send
 *   to stop a job; shells and schedulers read 143 as "terminated".
 */
export const EXIT_SUCCESS = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_THRESHOLD_FAILED = 3;
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;

export type ExitCode =
  | typeof EXIT_SUCCESS
  | typeof EXIT_RUN_FAILED
  | typeof EXIT_BAD_INPUT
  | typeof EXIT_THRESHOLD_FAILED
  | typeof EXIT_INTERRUPTED
  | typeof EXIT_TERMINATED;

/**
 * An error the CLI reports as one message (no stack trace) and then exits with
 * `exitCode`: a usage mistake, an unreadable output folder, a failed run.
 */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
