import { describe, expect, it } from 'vitest';
import { variantOverridesText } from '../../src/cli/commands/explain-variant.js';

describe("explain's words for a sweep variant's overrides", () => {
  it('describes a strategy and the events, and keeps the other overrides as written', () => {
    expect(
      variantOverridesText({
        'services.api.strategy': { canary: { steps: [{ setWeight: 10 }, { pause: {} }] } },
        'services.api.replicas': 4,
        events: [
          { at: '2m', abort: { service: 'api' } },
          { at: '30s', rollout: { service: 'api', version: 'v2' } },
        ],
      }),
    ).toEqual({
      set: ['services.api.strategy as below', 'services.api.replicas = 4', 'events as below'],
      described: [
        'api: Argo Rollouts canary, steps setWeight 10% -> pause until promoted',
        '  no trafficRouting: the weight is approximated by replica counts, within maxSurge 25%, maxUnavailable 25%',
        '30s: rollout api to v2',
        '2m: abort api (kubectl argo rollouts abort)',
      ],
    });
  });

  it('keeps an override that does not parse as written (sweep refuses it, at its line)', () => {
    expect(
      variantOverridesText({
        'services.api.strategy': { type: 'Sideways' },
        events: [{ at: 'soon' }],
      }),
    ).toEqual({
      set: ['services.api.strategy = {"type":"Sideways"}', 'events = [{"at":"soon"}]'],
      described: [],
    });
  });
});
