import type { RunResult, WindowMetrics } from './run-result.js';

/**
 * The time series as a run keeps it. A window whose rows equal the window's before it, bar
 * their start (nothing arrived or ended in either, no CPU was used, the same pods were
 * ready), is counted, not stored: memory grows with the windows in which something
 * happened, not with all windows. 30 days at 1 s windows with a request every 15 minutes
 * holds about 5,000 windows, not 2.6 million.
 *
 * `timeSeriesRows` gives back every window's rows, the repeated ones included, exactly as
 * they were recorded: the files write those, so they are the same as if every row had been
 * stored.
 */
export interface TimeSeries {
  /** the rows of the stored windows, window after window, each window's scopes in order */
  rows: WindowMetrics[];
  /** stretches of windows that repeat a stored window, in the order of `afterRow` */
  repeats: WindowRepeat[];
}

/** Windows that repeat the stored window just before them, each starting `windowMs` later. */
export interface WindowRepeat {
  /** where in `rows` the repeated window ends: the stretch comes after rows[afterRow - 1] */
  afterRow: number;
  /** rows per window (one per scope): the repeated window is rows[afterRow - scopes, afterRow) */
  scopes: number;
  /** how many windows repeat it */
  windows: number;
  /** the window length (outputs.window): window k + 1 starts at start(k) + windowMs */
  windowMs: number;
}

/** A time series whose every row is stored: what a run file holds, or a test writes. */
export function timeSeriesOf(rows: readonly WindowMetrics[]): TimeSeries {
  return { rows: [...rows], repeats: [] };
}

/** Every row of every window, in order, the repeated windows included. */
export function* timeSeriesRows(series: TimeSeries): Generator<WindowMetrics> {
  const { rows } = series;
  let next = 0;
  for (const repeat of series.repeats) {
    for (; next < repeat.afterRow; next++) yield rows[next]!;
    const repeated = rows.slice(repeat.afterRow - repeat.scopes, repeat.afterRow);
    // Start times are summed window by window, as the simulation's clock summed them, so
    // that every start is the very number the run recorded.
    let startMs = repeated[0]!.startMs;
    for (let window = 0; window < repeat.windows; window++) {
      startMs += repeat.windowMs;
      for (const row of repeated) yield { ...row, startMs };
    }
  }
  for (; next < rows.length; next++) yield rows[next]!;
}

/** A run's result as its JSON files write it: the time series as every row, in order. */
export type WrittenRunResult = Omit<RunResult, 'timeseries'> & { timeseries: WindowMetrics[] };

export function writtenRunResult(result: RunResult): WrittenRunResult {
  return { ...result, timeseries: [...timeSeriesRows(result.timeseries)] };
}

/**
 * Builds a TimeSeries from the windows of a run, one `add` per window in time order. A
 * window is counted as a repeat only when each of its rows equals the stored window's
 * (Object.is: -0 and NaN are kept as they are) and it starts exactly `windowMs` after the
 * window before it, so timeSeriesRows can give back every row exactly.
 */
export class TimeSeriesRecorder {
  private readonly rows: WindowMetrics[] = [];
  private readonly repeats: WindowRepeat[] = [];
  /** the last window stored, which the windows after it may repeat */
  private stored: readonly WindowMetrics[] = [];
  private lastStartMs = Number.NaN;
  /** the stretch the last window added extends, if it was a repeat */
  private repeat: WindowRepeat | undefined;

  constructor(private readonly windowMs: number) {}

  /** The next window: one row per scope, every row with the window's start. */
  add(window: readonly WindowMetrics[]): void {
    const startMs = window[0]?.startMs ?? Number.NaN;
    if (startMs === this.lastStartMs + this.windowMs && sameBarStart(this.stored, window)) {
      if (this.repeat === undefined) {
        this.repeat = {
          afterRow: this.rows.length,
          scopes: window.length,
          windows: 0,
          windowMs: this.windowMs,
        };
        this.repeats.push(this.repeat);
      }
      this.repeat.windows++;
    } else {
      for (const row of window) this.rows.push(row);
      this.stored = window;
      this.repeat = undefined;
    }
    this.lastStartMs = startMs;
  }

  /** Windows stored so far (the repeated ones are not). */
  get storedWindows(): number {
    return this.rows.length === 0 ? 0 : this.rows.length / this.stored.length;
  }

  get series(): TimeSeries {
    return { rows: this.rows, repeats: this.repeats };
  }
}

/** Field by field, every field but the start: a field added to WindowMetrics is compared too. */
function sameBarStart(a: readonly WindowMetrics[], b: readonly WindowMetrics[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as unknown as Record<string, unknown>;
    const y = b[i] as unknown as Record<string, unknown>;
    for (const key in y) {
      if (key !== 'startMs' && !Object.is(x[key], y[key])) return false;
    }
  }
  return true;
}
