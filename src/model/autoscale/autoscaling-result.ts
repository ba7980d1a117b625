import type { AutoscalingResult, CatchUpRow } from '../../metrics/autoscaling-result.js';
import type { RunResult } from '../../metrics/run-result.js';
import { timeSeriesRows } from '../../metrics/time-series.js';
import type { Autoscalers } from './autoscalers.js';
import type { CatchUp } from './decisions.js';

const seconds = (ms: number) => Math.round(ms) / 1000;
const secondsOrNull = (ms: number | undefined) => (ms === undefined ? null : seconds(ms));

/**
 * The autoscalers' record in a run's result: decisions as they were made, each catch-up with
 * the failed requests and the worst p99 of the whole system's time-series windows that
 * overlap it (a window is counted whole).
 */
export function autoscalingResult(
  autoscalers: Autoscalers,
  result: RunResult,
  windowMs: number,
): AutoscalingResult {
  autoscalers.finish();
  const decisions = autoscalers.decisions.map((d) => ({
    timeS: seconds(d.timeMs),
    controller: d.controller,
    target: d.target,
    metric: d.metric ?? null,
    observed: d.observed ?? null,
    current: d.current,
    desired: d.desired,
    stabilized: d.stabilized ?? null,
    replicas: d.replicas,
    reason: d.reason,
    node: d.node ?? null,
  }));
  const endMs = result.durationMs;
  const catchUps = autoscalers.catchUps.map((c) => catchUpRow(c, result, endMs, windowMs));
  return { decisions, catchUps };
}

function catchUpRow(c: CatchUp, result: RunResult, endMs: number, windowMs: number): CatchUpRow {
  const untilMs = c.caughtUpMs ?? endMs;
  let failedRequests = 0;
  let peak: number | null = null;
  for (const row of timeSeriesRows(result.timeseries)) {
    if (row.scope !== 'total') continue;
    if (row.startMs >= untilMs || row.startMs + windowMs <= c.startMs) continue;
    failedRequests += row.failed;
    if (row.p99Ms !== null && (peak === null || row.p99Ms > peak)) peak = row.p99Ms;
  }
  return {
    service: c.service,
    startS: seconds(c.startMs),
    caughtUpS: secondsOrNull(c.caughtUpMs),
    durationS: c.caughtUpMs === undefined ? null : seconds(c.caughtUpMs - c.startMs),
    replicasFrom: c.replicasFrom,
    replicasTo: c.replicasTo,
    metricLagS: seconds(c.metricLagMs),
    hpaDecisionS: secondsOrNull(c.hpaDecisionMs),
    schedulingS: secondsOrNull(c.schedulingMs),
    imagePullAndStartS: secondsOrNull(c.imagePullAndStartMs),
    readinessS: secondsOrNull(c.readinessMs),
    failedRequests,
    peakP99Ms: peak,
  };
}
