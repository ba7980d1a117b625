import { describe, expect, it } from 'vitest';
import { ConstantDistribution } from '../../src/engine/distributions/constant.js';
import type { Attempt } from '../../src/model/traffic/attempt.js';
import { EdgeTransfer, Transfers } from '../../src/model/transfers.js';

/** An attempt of a measured call from `callerZone` to a pod in `podZone`, 100 B each way. */
function attempt(callerZone: string | undefined, podZone: string, transfer = new EdgeTransfer()) {
  const size = new ConstantDistribution({ kind: 'constant', value: 100 });
  return {
    call: {
      request: { measured: true },
      callerZone,
      target: { transfer, sizes: { request: size, response: size, next: () => 0 } },
    },
    pod: { zone: podZone },
  } as unknown as Attempt;
}

describe('Transfers counts calls and bytes per zone pair', () => {
  it('keeps each direction of each pair on its own, listed by from then to', () => {
    const transfers = new Transfers();
    transfers.requestSent(attempt('b', 'a'));
    transfers.requestSent(attempt('a', 'a'));
    transfers.responseSent(attempt('b', 'a'));
    transfers.requestSent(attempt('a', 'b'));
    expect(transfers.zonePairs()).toEqual([
      { from: 'a', to: 'a', calls: 1, bytes: 100 },
      { from: 'a', to: 'b', calls: 1, bytes: 200 },
      { from: 'b', to: 'a', calls: 1, bytes: 100 },
    ]);
    expect(transfers.crossZoneCalls).toBe(2);
    expect(transfers.crossZoneBytes).toBe(300);
  });

  it('keeps every pair counted so far when more zones appear than it first made room for', () => {
    const transfers = new Transfers();
    const zones = ['z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7', 'z8', 'z9'];
    // Each zone calls each zone it has seen, then itself: the table grows twice meanwhile.
    zones.forEach((from, i) => {
      for (const to of zones.slice(0, i + 1)) transfers.requestSent(attempt(from, to));
    });
    const pairs = transfers.zonePairs();
    expect(pairs).toHaveLength(45);
    for (const pair of pairs) expect(pair).toMatchObject({ calls: 1, bytes: 100 });
    expect(pairs.slice(0, 3).map((p) => `${p.from}>${p.to}`)).toEqual(['z1>z1', 'z2>z1', 'z2>z2']);
  });

  it('lists a pair that carried only a response, and none for a client outside the cluster', () => {
    const transfers = new Transfers();
    const edge = new EdgeTransfer();
    transfers.requestSent(attempt(undefined, 'a', edge));
    transfers.responseSent(attempt('a', 'b', edge));
    expect(transfers.zonePairs()).toEqual([{ from: 'b', to: 'a', calls: 0, bytes: 100 }]);
    expect(edge).toMatchObject({ requestBytes: 100, responseBytes: 100, crossZoneBytes: 100 });
  });
});
