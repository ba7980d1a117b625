import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { createPodPicker, zoneAwarePicker } from '../../src/model/load-balancer.js';
import type { Pod } from '../../src/model/pod.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Zone-aware routing keeps a call in its caller's zone while that zone has capacity: its
 * share of the callee's ready pods at least its share of the caller's (Envoy's rule); the
 * rest spills to zones with spare share. The fixture's comment works the numbers.
 */
describe('zone-aware routing', () => {
  const scenario = loadScenario('zone-aware-routing');
  const aware = simulate(scenario);
  const blind = structuredClone(scenario);
  blind.services.cart!.zoneAwareRouting = false;
  const zoneBlind = simulate(blind);

  it('only the zone without a cart pod sends calls across zones: exactly 1/3', () => {
    expect(aware.requests.total).toBe(6000);
    expect(aware.network.crossZoneCallsPerRequest).toBe(1 / 3);
    expect(aware.network.crossZoneBytes).toBe(2000 * (1500 + 10_000));
  });

  it('zone-blind, 2/3 of the calls cross on average', () => {
    expect(zoneBlind.network.crossZoneCallsPerRequest).toBeGreaterThan(2 / 3 - 0.03);
    expect(zoneBlind.network.crossZoneCallsPerRequest).toBeLessThan(2 / 3 + 0.03);
  });

  it('what it saves: the mean latency falls to (2 × 4 + 12) / 3 ms, and the bytes across zones halve', () => {
    // Same zone: 1 + 1 + 1 + 1 ms; across: 1 + 5 + 1 + 5 ms.
    expect(aware.latency.meanMs).toBeCloseTo(20 / 3, 9);
    expect(zoneBlind.latency.meanMs!).toBeGreaterThan(aware.latency.meanMs! + 2);
    expect(aware.network.crossZoneBytes).toBeLessThan(0.55 * zoneBlind.network.crossZoneBytes);
  });

  it("a zone short of capacity keeps capacity / demand of its calls and spills the rest by spare share (Envoy's example)", () => {
    // Envoy's comment: caller shares 40/40/20 %, callee 25/50/25 %. Zone z0 keeps
    // 25 / 40 = 62.5% and spills the rest to z1 (spare 10%) and z2 (spare 5%): 25% and 12.5%.
    const callers = pods([4, 4, 2]);
    const callees = pods([1, 2, 1]);
    const base = createPodPicker('random', new RandomStreams(1).stream('lb'));
    const pick = zoneAwarePicker(base, new RandomStreams(1).stream('zone').next);
    const counts = new Map<string, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const zone = pick(callees, 'z0', callers).zone;
      counts.set(zone, (counts.get(zone) ?? 0) + 1);
    }
    expect(counts.get('z0')! / n).toBeCloseTo(0.625, 2);
    expect(counts.get('z1')! / n).toBeCloseTo(0.25, 2);
    expect(counts.get('z2')! / n).toBeCloseTo(0.125, 2);
    // Zones z1 and z2 have at least their share: all their calls stay home.
    for (let i = 0; i < 1000; i++) expect(pick(callees, 'z1', callers).zone).toBe('z1');
  });

  it('a pod replaced by another (same count) is routed to, the gone one never again', () => {
    const callers = pods([1, 1]);
    const callees = pods([1, 1]);
    const pick = zoneAwarePicker(
      createPodPicker('random', new RandomStreams(1).stream('lb')),
      () => 0,
    );
    const gone = callees[0]!;
    expect(pick(callees, 'z0', callers)).toBe(gone);
    // Changed in place, as a service's ready pods are: the count stays 2.
    const replacement = { zone: 'z0' } as Pod;
    callees[0] = replacement;
    expect(pick(callees, 'z0', callers)).toBe(replacement);
    // Moved to the other zone: z0 now has no capacity and spills to z1.
    callees[0] = { zone: 'z1' } as Pod;
    expect(pick(callees, 'z0', callers).zone).toBe('z1');
  });

  it('a client outside the cluster has no zone: its calls are not zone-routed', () => {
    const base = createPodPicker('round-robin', new RandomStreams(1).stream('lb'));
    const pick = zoneAwarePicker(base, () => 0);
    const callees = pods([1, 1, 1]);
    expect([0, 1, 2].map(() => pick(callees).zone)).toEqual(['z0', 'z1', 'z2']);
  });
});

/** Pods spread over zones z0, z1, ... with the given counts; only their zones matter here. */
function pods(counts: number[]): Pod[] {
  return counts.flatMap((count, zone) =>
    Array.from({ length: count }, () => ({ zone: `z${zone}` }) as Pod),
  );
}
