import { EXIT_INTERRUPTED, EXIT_TERMINATED } from './exit-codes.js';

/**
 * Ctrl-C (SIGINT) and SIGTERM, which Slurm and Kubernetes send to stop a job, stop a sweep
 * the same way: running runs are terminated, finished ones kept, the --resume command
 * printed. Only the exit code tells them apart (128 + the signal's number, as shells
 * report it). Each is caught once: a second one is Node's default, an immediate exit.
 */
export type StopSignal = 'SIGINT' | 'SIGTERM';

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

export interface SignalStop {
  /** aborted by the first stop signal */
  signal: AbortSignal;
  /** the first stop signal received, if any */
  received(): StopSignal | undefined;
  /** back to Node's default handling */
  release(): void;
}

export function stopOnSignals(): SignalStop {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = () => {
      received ??= name;
      controller.abort();
    };
    process.once(name, handler);
    return { name, handler };
  });
  return {
    signal: controller.signal,
    received: () => received,
    release: () => {
      for (const { name, handler } of handlers) process.off(name, handler);
    },
  };
}

export function exitCodeOf(signal: StopSignal): typeof EXIT_INTERRUPTED | typeof EXIT_TERMINATED {
  return signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
}
