import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioReferenceMarkdown } from '../src/scenario/reference.js';

describe('the scenario reference in docs/', () => {
  it('is what the schema generates (run `npm run docs:reference` after changing the schema)', () => {
    expect(readFileSync('docs/scenario-reference.md', 'utf8')).toBe(scenarioReferenceMarkdown());
    expect(JSON.parse(readFileSync('docs/scenario.schema.json', 'utf8'))).toEqual(
      scenarioJsonSchema(),
    );
  });

  it('lists every top-level field of the schema', () => {
    const markdown = scenarioReferenceMarkdown();
    for (const field of [
      'name',
      'duration',
      'warmup',
      'cluster.nodePools[].instanceType',
      'services.<name>.replicas',
    ]) {
      expect(markdown).toContain(`| \`${field}\` |`);
    }
  });
});
