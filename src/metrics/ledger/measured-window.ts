/**
 * The period every headline figure covers, [warmup, duration), and how a stretch of time
 * is cut to it. A pod or node alive across a boundary counts only its part inside: alive
 * from 5 s to 30 s with warmup 10 s and duration 20 s, it counts 10 s (from 10 s to 20 s).
 * The drain after duration counts nowhere, as requests that arrive in it do not exist.
 */
export interface MeasuredWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** Milliseconds of [fromMs, toMs) inside the window; 0 when they do not meet. */
export function msInWindow(fromMs: number, toMs: number, window: MeasuredWindow): number {
  return Math.max(0, Math.min(toMs, window.endMs) - Math.max(fromMs, window.startMs));
}
