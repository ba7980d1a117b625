import cliProgress from 'cli-progress';
import type { SweepProgress } from '../runner/sweep.js';

/**
 * Sweep progress on stderr, so that stdout carries only results and can be piped. A
 * terminal gets a bar with an ETA (cli-progress); a log file or CI gets one plain line per
 * finished run, since a redrawn bar would fill it with control characters.
 */
export interface ProgressDisplay {
  update(progress: SweepProgress): void;
  stop(): void;
}

export function progressDisplay(
  stream: NodeJS.WriteStream = process.stderr,
  label = 'sweep',
): ProgressDisplay {
  return stream.isTTY ? barDisplay(stream, label) : lineDisplay(stream, label);
}

function barDisplay(stream: NodeJS.WriteStream, label: string): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} runs | {failed} failed | {duration_formatted} elapsed | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      if (!started) {
        bar.start(progress.total, progress.done, { failed: progress.failed });
        started = true;
      } else {
        bar.update(progress.done, { failed: progress.failed });
      }
    },
    stop: () => bar.stop(),
  };
}

/** `sweep: 5/16 runs (0 failed), 3.2s elapsed, ETA 7s`; the ETA counts only runs done here. */
function lineDisplay(stream: NodeJS.WriteStream, label: string): ProgressDisplay {
  const start = Date.now();
  let firstDone: number | undefined;
  return {
    update(progress) {
      firstDone ??= progress.done;
      if (progress.runId === undefined) {
        if (progress.done > 0) {
          stream.write(`${label}: ${progress.done} of ${progress.total} runs already complete\n`);
        }
        return;
      }
      const elapsed = (Date.now() - start) / 1000;
      const ranHere = progress.done - firstDone;
      const left = progress.total - progress.done;
      const eta = ranHere > 0 ? ` ETA ${formatSeconds((elapsed / ranHere) * left)},` : '';
      stream.write(
        `${label}: ${progress.done}/${progress.total} runs (${progress.failed} failed),${eta} ${formatSeconds(elapsed)} elapsed\n`,
      );
    },
    stop() {},
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
