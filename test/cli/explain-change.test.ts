import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changeSection } from '../../src/cli/commands/explain-change.js';
import { parseScenario } from '../../src/scenario/index.js';

const shipped = (name: string) =>
  parseScenario(
    readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8'),
    `${name}.yaml`,
  );

describe("explain's Change over time section", () => {
  it('lists the HPA and the autoscaled pool', () => {
    expect(changeSection(shipped('autoscale-spike')).split('\n')).toEqual([
      'Change over time (docs/deployments.md, autoscaling.md, faults.md)',
      "  api: HPA from 2 to 30 replicas on CPU at 60% of the request, every 15s (the controller's own limits: no behavior)",
      '  pool general: cluster autoscaler from 2 to 12 nodes, each ready 1m after it is asked for',
    ]);
  });

  it('lists the faults and the steady-state hypothesis', () => {
    expect(changeSection(shipped('zone-outage')).split('\n').slice(1)).toEqual([
      '  fault: zone a goes down from 1m',
      '  steady state: availability at least 99.9% and p99 at most 300ms in every 1m',
    ]);
  });

  it("gives each rolled service's strategy, and nothing for a scenario that changes nothing", () => {
    expect(changeSection(shipped('rolling-update')).split('\n')[1]).toBe(
      '  api: RollingUpdate, maxSurge 25%, maxUnavailable 25%, progress deadline 600 s',
    );
    expect(changeSection(shipped('checkout-chain'))).toBe('');
  });

  it("names the faults on calls and invocations in their chaos tools' words", () => {
    expect(changeSection(shipped('fault-injection')).split('\n').slice(1, 3)).toEqual([
      '  fault: calls from checkout to payment are delayed 200ms ± 20ms (NetworkChaos delay), from 1m for 3m',
      "  fault: calls from checkout to payment lose 2% of their packets, sent again after TCP's retransmission timeout (NetworkChaos loss), from 1m for 3m",
    ]);
  });
});
