import { describe, expect, it } from 'vitest';
import { faultsSection } from '../../src/cli/faults-section.js';
import type { FaultRecord } from '../../src/metrics/fault-result.js';

const node: FaultRecord = {
  kind: 'nodeFailure',
  target: 'general-0',
  startMs: 30_000,
  endMs: 120_000,
  podsAffected: 1,
  crashes: 0,
  requestsFailed: 12,
};

describe("the run text's Faults section", () => {
  it('adds a calls faulted column only when a fault changes calls', () => {
    expect(faultsSection({ faults: [node] })).not.toContain('calls faulted');
    const text = faultsSection({
      faults: [
        node,
        {
          ...node,
          kind: 'networkLoss',
          target: 'checkout->payment',
          podsAffected: 0,
          callsFaulted: 1418,
        },
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toContain('calls faulted: attempts it delayed, aborted, lost a segment of');
    expect(lines[1]).toMatch(
      /kind +target +start s +end s +pods hit +crashes +failed +calls faulted/,
    );
    expect(lines.find((l) => l.includes('networkLoss'))).toMatch(/checkout->payment .* 1,?418$/);
    expect(lines.find((l) => l.includes('nodeFailure'))).toMatch(/12 *$/);
  });
});
