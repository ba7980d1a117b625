import { describe, expect, it } from 'vitest';
import type { WindowMetrics } from '../../src/metrics/run-result.js';
import {
  TimeSeriesRecorder,
  timeSeriesOf,
  timeSeriesRows,
  writtenRunResult,
} from '../../src/metrics/time-series.js';
import { makeRunResult } from '../report/fixtures.js';

/** One scope's row of a window; quiet unless told otherwise. */
function row(startMs: number, scope: string, fields: Partial<WindowMetrics> = {}): WindowMetrics {
  return {
    startMs,
    scope,
    requests: 0,
    succeeded: 0,
    failed: 0,
    meanMs: null,
    p99Ms: null,
    readyPods: 2,
    cpuCoresUsed: 0,
    cpuRequestUtilization: 0,
    ...fields,
  };
}

/** Windows of `windowMs` from 0, start times summed as the simulation's clock sums them. */
function windowsOf(
  windowMs: number,
  count: number,
  busy: (index: number) => Partial<WindowMetrics> | undefined,
): WindowMetrics[][] {
  const windows: WindowMetrics[][] = [];
  let startMs = 0;
  for (let index = 0; index < count; index++) {
    const fields = busy(index);
    windows.push([row(startMs, 'total', fields), row(startMs, 'api', fields)]);
    startMs += windowMs;
  }
  return windows;
}

function record(windowMs: number, windows: WindowMetrics[][]): TimeSeriesRecorder {
  const recorder = new TimeSeriesRecorder(windowMs);
  for (const window of windows) recorder.add(window);
  return recorder;
}

describe('the time series a run keeps', () => {
  it('stores a quiet stretch once and counts it, and gives back every row as it was added', () => {
    // Requests in windows 0 and 500 of 1,000: the quiet windows after each repeat the first quiet one.
    const windows = windowsOf(1000, 1000, (i) =>
      i === 0 || i === 500 ? { requests: 3, succeeded: 3, meanMs: 4.5, p99Ms: 9 } : undefined,
    );
    const recorder = record(1000, windows);
    expect(recorder.storedWindows).toBe(4);
    expect(recorder.series.repeats.map((r) => r.windows)).toEqual([498, 498]);
    expect([...timeSeriesRows(recorder.series)]).toEqual(windows.flat());
  });

  it('gives back start times summed window by window, exact for windows like 0.1 ms', () => {
    // 0.1 is not a binary fraction: 10,000 sums of it are not 10,000 × 0.1.
    const windows = windowsOf(0.1, 10_000, (i) => (i === 0 ? { requests: 1 } : undefined));
    const rows = [...timeSeriesRows(record(0.1, windows).series)];
    expect(rows.map((r) => r.startMs)).toEqual(windows.flat().map((r) => r.startMs));
    expect(rows.at(-1)!.startMs).not.toBe(9999 * 0.1);
  });

  it('stores every window of a busy series, and no repeat', () => {
    const windows = windowsOf(1000, 50, (i) => ({ requests: i + 1 }));
    const recorder = record(1000, windows);
    expect(recorder.storedWindows).toBe(50);
    expect(recorder.series.repeats).toEqual([]);
  });

  it('repeats a window only when every field is the same, -0 and 0 told apart, NaN equal to NaN', () => {
    const differentFrom = (fields: Partial<WindowMetrics>) => {
      const windows = [[row(0, 'total', fields)], [row(1000, 'total')], [row(2000, 'total')]];
      return record(1000, windows).storedWindows;
    };
    expect(differentFrom({})).toBe(1);
    expect(differentFrom({ readyPods: 3 })).toBe(2);
    expect(differentFrom({ cpuCoresUsed: -0 })).toBe(2);
    expect(differentFrom({ cpuRequestUtilization: null })).toBe(2);
    const nan = [
      [row(0, 'total', { meanMs: Number.NaN })],
      [row(1, 'total', { meanMs: Number.NaN })],
    ];
    expect(record(1, nan).storedWindows).toBe(1);
  });

  it('stores a window that does not start one window after the one before', () => {
    const windows = [[row(0, 'total')], [row(1000, 'total')], [row(2500, 'total')]];
    const recorder = record(1000, windows);
    expect(recorder.storedWindows).toBe(2);
    expect([...timeSeriesRows(recorder.series)]).toEqual(windows.flat());
  });
});

describe('a run result written out', () => {
  it('holds every row, in order: the same text from a series stored sparsely or in full', () => {
    const windows = windowsOf(250, 400, (i) => (i % 97 === 0 ? { failed: 1 } : undefined));
    const sparse = makeRunResult({ timeseries: record(250, windows).series });
    const dense = makeRunResult({ timeseries: timeSeriesOf(windows.flat()) });
    expect(sparse.timeseries.rows.length).toBeLessThan(dense.timeseries.rows.length / 10);
    expect(JSON.stringify(writtenRunResult(sparse))).toBe(JSON.stringify(writtenRunResult(dense)));
    expect(writtenRunResult(sparse).timeseries).toEqual(windows.flat());
  });
});
