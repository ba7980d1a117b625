import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, printScenario } from '../../src/scenario/index.js';

const MODEL = new URL('../fixtures/model/', import.meta.url);

describe('a scenario with lifecycles and events: prints back to itself', () => {
  it.each(['lifecycle-scale.yaml', 'lifecycle-nodes.yaml', 'lifecycle-prestop.yaml'])(
    '%s',
    (name) => {
      const scenario = parseScenario(readFileSync(new URL(name, MODEL), 'utf8'), name);
      const printed = printScenario(scenario);
      expect(parseScenario(printed, `printed ${name}`)).toEqual(scenario);
      expect(printed).toMatch(/- at: \d+s/);
    },
  );
});
