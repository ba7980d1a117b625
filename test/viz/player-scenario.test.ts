import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { playerScenario } from '../../viz/player-scenario.js';
import { PRESETS } from '../../viz/presets.js';

const text = (name: string) => readFileSync(`scenarios/${name}.yaml`, 'utf8');

describe("the player's scenario", () => {
  it('is the file as msasim run loads it when no slider has moved', () => {
    const file = text('rolling-update');
    expect(playerScenario(file, 'rolling-update.yaml', {})).toEqual(
      parseScenario(file, 'rolling-update.yaml'),
    );
  });

  it("takes the sliders' values as a sweep variant's overrides, in the file's units", () => {
    const scenario = playerScenario(text('rolling-update'), 'rolling-update.yaml', {
      'services.api.replicas': 4,
      'workload.shoppers.rate': '50/s',
    });
    expect(scenario.services.api!.replicas).toBe(4);
    expect(scenario.workload[0]).toMatchObject({ name: 'shoppers', rate: 50 });
  });

  it('refuses maxSurge 0 with maxUnavailable 0 as Kubernetes does, naming the slider, not a line of the file', () => {
    const preset = PRESETS['rolling-no-slack']!;
    expect(() =>
      playerScenario(
        text(preset.scenario),
        'rolling-update.yaml',
        preset.after as Record<string, unknown>,
      ),
    ).toThrow(
      'rolling-update.yaml: sweep.variants.sliders["services.api.strategy.rollingUpdate.maxSurge"]: with variant "sliders": services.api.strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0: the rollout could never proceed',
    );
  });

  it("builds every preset's before and after from a variant the shipped file has", () => {
    for (const preset of Object.values(PRESETS)) {
      const variants = Object.keys(
        (parseScenario(text(preset.scenario), `${preset.scenario}.yaml`).sweep?.variants ??
          {}) as object,
      );
      for (const side of [preset.before, preset.after])
        if (typeof side === 'string') expect(variants).toContain(side);
    }
  });
});
