import { describe, expect, it } from 'vitest';
import type { MetricVerdict } from '../../src/model/deploy/analysis-run.js';
import { lastValueText } from '../../src/model/deploy/rollout-results.js';

const verdict = (measures: MetricVerdict['measures'], lastValue: number | undefined) => ({
  metric: 'm',
  phase: 'Failed' as const,
  reason: 'failed (1) > failureLimit (0)',
  measures,
  lastValue,
});

describe("rollouts.csv's failed_metric_last_value, in its successCondition's unit", () => {
  it.each([
    ['errorRate', 8 / 39, '20.51%'],
    ['errorRate', 1, '100%'],
    ['errorRate', 0.001, '0.1%'],
    ['latency', 134.21749, '134.217ms'],
    ['latency', 0.0004, '0ms'],
  ] as const)('writes a %s of %d as %s', (measures, value, text) => {
    expect(lastValueText(verdict(measures, value))).toBe(text);
  });

  it('is empty when the last measurement found no call (a statistic with no samples)', () => {
    expect(lastValueText(verdict('errorRate', undefined))).toBeNull();
    expect(lastValueText(verdict('latency', undefined))).toBeNull();
  });
});
