import { describe, expect, it } from 'vitest';
import {
  CAUSES_IN_FIRST_LAYOUT,
  FAILURE_CAUSE_REGISTRY,
  FAILURE_CAUSES,
} from '../../src/metrics/failure-causes.js';
import { HEADLINE_METRIC_NAMES, headlineMetrics } from '../../src/metrics/headline.js';
import { parseCondition } from '../../src/report/thresholds.js';
import { makeRecord } from '../report/fixtures.js';

/**
 * Envoy's %RESPONSE_FLAGS% short forms (envoyproxy.io, configuration/observability/
 * access_log/usage) a cause may name, and "-", the access log's text for none.
 */
const ENVOY_FLAGS = ['UH', 'UF', 'UO', 'NR', 'URX', 'NC', 'DT', 'DC', 'LH', 'UT', 'LR', 'UR', 'UC'];
/** the fault filter's: FI aborted, DI delayed (the same page) */
const ENVOY_FAULT_FLAGS = ['FI', 'DI'];
const ENVOY_RATE_LIMIT_FLAGS = ['RL', 'RLSE', 'DO', 'OM', 'SI'];

describe('the failure cause registry', () => {
  it('gives every cause a meaning, the HTTP status the caller sees and an Envoy response flag', () => {
    for (const cause of FAILURE_CAUSE_REGISTRY) {
      expect(cause.meaning.length, cause.id).toBeGreaterThan(20);
      // 0: no response reached the caller (Envoy's %RESPONSE_CODE% and k6 write 0 then).
      const status = cause.httpStatus;
      expect(status === 0 || (status >= 400 && status <= 599), cause.id).toBe(true);
      expect(
        ['-', ...ENVOY_FLAGS, ...ENVOY_RATE_LIMIT_FLAGS, ...ENVOY_FAULT_FLAGS],
        cause.id,
      ).toContain(cause.responseFlag);
      expect(['server', 'client', 'run'], cause.id).toContain(cause.origin);
    }
  });

  it('holds the causes of seam A in order, ids unique and snake_case, the first five as runs.csv always had them', () => {
    expect(FAILURE_CAUSES).toEqual([
      'timeout',
      'overflow',
      'error',
      'unavailable',
      'unfinished',
      'connect_failure',
      'reset',
      'throttled',
      'circuit_open',
      'deadline_exceeded',
      'fault_abort',
    ]);
    expect(new Set(FAILURE_CAUSES).size).toBe(FAILURE_CAUSES.length);
    for (const id of FAILURE_CAUSES) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(CAUSES_IN_FIRST_LAYOUT).toBe(5);
  });

  it('matches the real system where the seams name it: UF, UC, 429, UO, UT 504 and FI', () => {
    const flagAndStatus = Object.fromEntries(
      FAILURE_CAUSE_REGISTRY.map((c) => [c.id, `${c.httpStatus} ${c.responseFlag}`]),
    );
    expect(flagAndStatus).toMatchObject({
      unavailable: '503 UH',
      connect_failure: '503 UF',
      reset: '503 UC',
      throttled: '429 RL',
      circuit_open: '503 UO',
      deadline_exceeded: '504 UT',
      fault_abort: '503 FI',
    });
  });
});

describe('columns derived from the registry', () => {
  const { result } = makeRecord();

  it('has an errors_<id> headline column for every cause, each a threshold metric', () => {
    for (const cause of FAILURE_CAUSES) {
      expect(HEADLINE_METRIC_NAMES).toContain(`errors_${cause}`);
      expect(parseCondition(`errors_${cause}`, '< 1').value).toBe(1);
    }
  });

  it('appends a new cause at the end of the row and moves no other column', () => {
    const today = Object.keys(headlineMetrics(result));
    expect(today).toEqual(HEADLINE_METRIC_NAMES);
    const withNewCause = Object.keys(headlineMetrics(result, [...FAILURE_CAUSES, 'made_up']));
    expect(withNewCause).toEqual([...today, 'errors_made_up']);
  });

  it('keeps the first five causes where runs.csv always had them, before cpu_cores_used', () => {
    const position = (name: string) => HEADLINE_METRIC_NAMES.indexOf(name);
    expect(position('errors_timeout')).toBe(position('latency_all_max_ms') + 1);
    expect(position('errors_unfinished')).toBe(position('cpu_cores_used') - 1);
    expect(HEADLINE_METRIC_NAMES.slice(-(FAILURE_CAUSES.length - 5))).toEqual(
      FAILURE_CAUSES.slice(5).map((cause) => `errors_${cause}`),
    );
  });

  it('counts a cause the run has no number for as 0, a count and not a missing statistic', () => {
    const metrics = headlineMetrics(result, [...FAILURE_CAUSES, 'made_up']);
    expect(metrics.errors_made_up).toBe(0);
    expect(metrics.errors_deadline_exceeded).toBe(0);
  });
});
