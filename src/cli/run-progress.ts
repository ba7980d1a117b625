import type { RunProgress } from '../model/simulate.js';

/**
 * The progress of one `msasim run` on stderr, as sweeps show theirs (progress.ts), so that
 * a long run is never silent and stdout carries only the result. A run that ends within
 * a few seconds prints nothing. A terminal gets one line redrawn in place; a log file or CI
 * one line every ten seconds. The ETA assumes the rest of the run goes as fast, in
 * simulated time per second, as the part already run.
 */
export interface RunProgressDisplay {
  update(progress: RunProgress): void;
  /** Clears the redrawn line, if any: the summary follows on stdout. */
  stop(): void;
}

export interface RunProgressOptions {
  stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  /** the wall clock in ms (a test passes a fake one) */
  now?: () => number;
  /** silent for this long: most runs end before anyone waits */
  quietMs?: number;
  /** without a terminal, at most one line this often */
  lineEveryMs?: number;
}

export function runProgressDisplay(options: RunProgressOptions = {}): RunProgressDisplay {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const quietMs = options.quietMs ?? 3000;
  const lineEveryMs = options.lineEveryMs ?? 10_000;
  const start = now();
  let lastLine = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(progress) {
      const elapsedMs = now() - start;
      if (elapsedMs < quietMs) return;
      const text = `run: ${describeProgress(progress, elapsedMs)}`;
      if (stream.isTTY) {
        stream.write(`\r${text}\x1b[K`);
        drawn = true;
      } else if (elapsedMs - lastLine >= lineEveryMs) {
        stream.write(`${text}\n`);
        lastLine = elapsedMs;
      }
    },
    stop() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** `1m12s of 2m simulated (60%), 4.1s elapsed, ETA 2.7s`, or the drain's equivalent. */
export function describeProgress(progress: RunProgress, elapsedMs: number): string {
  const { simulatedMs, durationMs, drainMs } = progress;
  const elapsed = `${formatSeconds(elapsedMs / 1000)} elapsed`;
  if (simulatedMs >= durationMs) {
    return `draining in-flight requests (at most ${formatSeconds(drainMs / 1000)} simulated), ${elapsed}`;
  }
  const done = simulatedMs / durationMs;
  const eta = done > 0 ? `, ETA ${formatSeconds(((elapsedMs / done) * (1 - done)) / 1000)}` : '';
  return `${formatSeconds(simulatedMs / 1000)} of ${formatSeconds(durationMs / 1000)} simulated (${Math.floor(done * 100)}%), ${elapsed}${eta}`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  }
  const hours = Math.floor(seconds / 3600);
  return `${hours}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
