/**
 * An analysis metric's successCondition (Argo Rollouts evaluates an expr expression against
 * the provider's result; msasim takes one comparison of a measured statistic with a
 * threshold): `errorRate <= 1%` or `p99 < 200ms`. Parsed once when the scenario loads.
 */
export interface SuccessCondition {
  /** errorRate (a share 0..1) or a latency percentile such as 99 (p99), 99.9 (p999) */
  readonly metric: 'errorRate' | 'latency';
  /** for latency: the percentile, 50 for p50, 99.9 for p999 */
  readonly percentile: number;
  readonly op: '<' | '<=' | '>' | '>=';
  /** a share 0..1 for errorRate; milliseconds for latency */
  readonly threshold: number;
}

/** What a successCondition may say (the error a bad one gets). */
export const SUCCESS_CONDITION_SYNTAX =
  'one comparison: `errorRate <= 1%` (a percent) or `p99 < 200ms` (p50, p90, p95, p99 or p999, then a duration in ms or s), with <, <=, > or >=';

const PATTERN =
  /^\s*(errorRate|p50|p90|p95|p99|p999)\s*(<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(%|ms|s)\s*$/;

/** The condition, or undefined when it is not in the syntax above. */
export function parseSuccessCondition(text: string): SuccessCondition | undefined {
  const m = PATTERN.exec(text);
  if (m === null) return undefined;
  const [, name, op, number, unit] = m as unknown as [
    string,
    string,
    SuccessCondition['op'],
    string,
    string,
  ];
  const value = Number(number);
  if (name === 'errorRate') {
    if (unit !== '%' || value > 100) return undefined;
    return { metric: 'errorRate', percentile: 0, op, threshold: value / 100 };
  }
  if (unit === '%') return undefined;
  const percentile = name === 'p999' ? 99.9 : Number(name.slice(1));
  return { metric: 'latency', percentile, op, threshold: unit === 's' ? value * 1000 : value };
}

/** Whether a measured value meets the condition. */
export function meets(condition: SuccessCondition, value: number): boolean {
  switch (condition.op) {
    case '<':
      return value < condition.threshold;
    case '<=':
      return value <= condition.threshold;
    case '>':
      return value > condition.threshold;
    case '>=':
      return value >= condition.threshold;
  }
}
