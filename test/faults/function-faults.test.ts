import { describe, expect, it } from 'vitest';
import type {
  FunctionUsageSink,
  InvocationUsage,
} from '../../src/model/serverless/function-usage.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/load.js';
import { functionScenarioYaml } from '../model/serverless/function-scenario.js';

class Invocations implements FunctionUsageSink {
  readonly list: InvocationUsage[] = [];
  invocation(usage: InvocationUsage): void {
    this.list.push(usage);
  }
  provisioned(): void {}
  gatewayRequests(): void {}
}

/** One warm instance (provisioned), a constant 2 calls a second for 2 minutes, 40 ms handler. */
function run(faults: string) {
  const sink = new Invocations();
  const yaml = `${functionScenarioYaml({
    fn: 'handler: { cpu: 40ms }\nprovisionedConcurrency: 4\nreservedConcurrency: 4\nmemoryMb: 1769',
    workload: 'arrivals: constant\nrate: 2/s\ntarget: fn.invoke',
    duration: '2m',
  })}${faults}`;
  const result = simulate(parseScenario(yaml, 'fn.yaml'), { functionUsage: sink });
  return { sink, result };
}

describe('functionDelay (FIS aws:lambda:invocation-add-delay)', () => {
  it('lengthens each billed duration by startupDelayMilliseconds exactly', () => {
    const plain = run('');
    const delayed = run(
      'faults:\n  - functionDelay: { function: fn, startupDelayMilliseconds: 250 }\n',
    );
    expect(delayed.sink.list).toHaveLength(plain.sink.list.length);
    expect(plain.sink.list.length).toBe(240);
    delayed.sink.list.forEach((usage, i) => {
      expect(usage.durationMs - plain.sink.list[i]!.durationMs).toBeCloseTo(250, 9);
    });
    expect(delayed.result.faults!.faults[0]!.callsFaulted).toBe(240);
  });

  it('delays only inside its window', () => {
    const { result } = run(
      'faults:\n  - { at: 30s, duration: 30s, functionDelay: { function: fn, startupDelayMilliseconds: 250 } }\n',
    );
    // 2 a second for 30 s.
    expect(result.faults!.faults[0]!.callsFaulted).toBe(60);
  });
});

describe('functionError (FIS aws:lambda:invocation-error)', () => {
  /**
   * 240 invocations, each erring with probability 0.3: mean 72, sd sqrt(240 × 0.3 × 0.7) ≈ 7.1.
   */
  it('fails a share of invocations within 4 standard deviations, as handler errors', () => {
    const { result } = run(
      'faults:\n  - functionError: { function: fn, invocationPercentage: 30 }\n',
    );
    const errors = result.requests.byCause.error;
    expect(Math.abs(errors - 72)).toBeLessThan(4 * Math.sqrt(240 * 0.3 * 0.7));
    expect(result.faults!.faults[0]!.callsFaulted).toBe(errors);
  });

  it('with preventExecution the handler does not run: no duration; without, it runs its 40 ms', () => {
    const prevented = run('faults:\n  - functionError: { function: fn, preventExecution: true }\n');
    expect(prevented.result.requests.byCause.error).toBe(240);
    expect(prevented.sink.list.every((u) => u.durationMs === 0)).toBe(true);
    const ran = run('faults:\n  - functionError: { function: fn }\n');
    expect(ran.result.requests.byCause.error).toBe(240);
    expect(ran.sink.list.every((u) => Math.abs(u.durationMs - 40) < 1e-9)).toBe(true);
  });
});
