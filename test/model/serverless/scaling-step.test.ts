import { describe, expect, it } from 'vitest';
import { runFunction } from './function-scenario.js';

/**
 * A step from 0 to 3,000 concurrent: 3,000 users, each calling a 60 s handler and, when
 * refused (429), trying again 1 s later. The account allows 10,000, so only Lambda's scaling
 * rate holds the function back: 1,000 new instances at once, then 100 per second (1,000 per
 * 10 s, refilled continuously). By hand: instances made by t are 1,000 + 100 t until all
 * 3,000 users have one, at t = 20 s. Each user tries once a second; after second k,
 * 2,000 − 100 k are still waiting, and each of them was refused in that second, so the
 * refusals in the first T seconds are Σ (2,000 − 100 k) = 2,000 T − 50 T (T + 1).
 */
function step(duration: string) {
  return runFunction({
    fn: 'handler: { wait: 60s }\ninit: 100ms\ntimeout: 900s',
    rest: 'services: {}\nserverless: { accountConcurrency: 10000 }',
    workload: 'arrivals: closed\nusers: 3000\nthinkTime: 1s\ntarget: fn.invoke',
    duration,
    drain: '0s',
  }).fn;
}

describe('a step from 0 to 3,000 concurrent executions', () => {
  it('grows at the scaling rate: 2,000 instances after 10 s, 14,500 refusals', () => {
    const fn = step('10s');
    expect(fn.coldStarts).toBeGreaterThanOrEqual(1995);
    expect(fn.coldStarts).toBeLessThanOrEqual(2000);
    expect(fn.peakConcurrency).toBe(fn.coldStarts);
    expect(Math.abs(fn.throttles - 14_500)).toBeLessThan(14_500 * 0.01);
  });

  it('reaches 3,000 after 20 s, with 19,000 refusals, and stops there', () => {
    const fn = step('30s');
    expect(fn.coldStarts).toBe(3000);
    expect(fn.peakConcurrency).toBe(3000);
    expect(Math.abs(fn.throttles - 19_000)).toBeLessThan(19_000 * 0.01);
  });

  it('stops at the account concurrency (1,000 by default) however long it waits', () => {
    const fn = runFunction({
      fn: 'handler: { wait: 60s }\ninit: 100ms\ntimeout: 900s',
      workload: 'arrivals: closed\nusers: 3000\nthinkTime: 1s\ntarget: fn.invoke',
      duration: '30s',
      drain: '0s',
    }).fn;
    expect(fn.peakConcurrency).toBe(1000);
    expect(fn.coldStarts).toBe(1000);
  });
});
