import { describe, expect, it } from 'vitest';
import { CrashLoopBackOff } from '../../src/model/faults/crash-loop-backoff.js';

const s = (seconds: number) => seconds * 1000;

/** Crashes a container `times` times, each as soon as it runs: the waits before its restarts. */
function waitsOfACrashLoop(times: number): number[] {
  const backOff = new CrashLoopBackOff();
  const waits: number[] = [];
  let now = 0;
  for (let i = 0; i < times; i++) {
    const wait = backOff.delayAfterExit(now);
    waits.push(wait / 1000);
    now += wait;
    backOff.restarted(now);
  }
  return waits;
}

describe("the kubelet's CrashLoopBackOff (flowcontrol.Backoff, 10 s initial, 300 s cap)", () => {
  it('restarts a first crash at once, then waits 10, 20, 40, 80, 160 s and stays at 300 s', () => {
    expect(waitsOfACrashLoop(9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('keeps the back-off for a crash 10 min after the last restart and resets it just after', () => {
    const kept = new CrashLoopBackOff();
    kept.restarted(0);
    kept.restarted(s(10));
    // Back-off now 20 s, last updated at 10 s: a crash at exactly 10 min after it is in back-off.
    expect(kept.delayAfterExit(s(10) + s(600))).toBe(s(20));
    // One millisecond later, more than 2 × 300 s have passed: restarted at once.
    expect(kept.delayAfterExit(s(10) + s(600) + 1)).toBe(0);
    kept.restarted(s(10) + s(600) + 1);
    expect(kept.delayAfterExit(s(700))).toBe(s(10));
  });
});
