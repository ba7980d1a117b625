import { describe, expect, it } from 'vitest';
import { Document, LineCounter } from 'yaml';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import { shapeIssues } from '../../src/scenario/yaml-shape.js';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const NESTING =
  '(yaml): the YAML is nested more than 64 levels deep here, far deeper than a scenario needs (about 10)';

/**
 * `levels` block mappings, each inside the last: the root is level 1, the value of its
 * unknown field `extra` level 2, and so on.
 */
function blockNested(levels: number): string {
  let text = 'name: deep\nextra:\n';
  for (let level = 3; level <= levels; level++) text += `${' '.repeat(level - 2)}a:\n`;
  return `${text}${' '.repeat(levels - 1)}v: 1\n`;
}

/** A valid scenario with `services` as given (YAML, indented by 2). */
function scenarioWith(services: string, extra = ''): string {
  return `name: edges
services:
${services}
workload:
  - { name: users, arrivals: poisson, rate: 1/s, target: api.get }
${extra}`;
}

describe('nesting is bounded before anything recurses through the document', () => {
  it('64 levels reach the schema; 65 are refused at the 65th', () => {
    const sixtyFour = messageOf(() => parseScenario(blockNested(64), 'deep.yaml'));
    expect(sixtyFour).toContain('deep.yaml:2:1: extra: unknown field "extra"');
    expect(sixtyFour).not.toContain('nested');
    expect(messageOf(() => parseScenario(blockNested(65), 'deep.yaml'))).toBe(
      `deep.yaml:66:65: ${NESTING}`,
    );
  });

  it('a block map 2,000 levels deep: one message, not a stack overflow', () => {
    expect(messageOf(() => parseScenario(blockNested(2000), 'deep.yaml'))).toMatch(
      /^deep\.yaml:\d+:\d+: \(yaml\): the YAML is nested more than 64 levels deep here, far deeper than a scenario needs \(about 10\)$/,
    );
  });

  it('a flow map 2,000 levels deep: the same message', () => {
    const text = `name: deep\nextra: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`;
    expect(messageOf(() => parseScenario(text, 'flow.yaml'))).toMatch(
      /^flow\.yaml:2:\d+: \(yaml\): the YAML is nested more than 64 levels deep here/,
    );
  });

  it('counts the levels an alias brings in where it stands: 31 + 40 is too deep', () => {
    const forty = `${'['.repeat(40)}1${']'.repeat(40)}`;
    const text = `name: deep\nbase: &forty ${forty}\nextra: ${'['.repeat(30)}*forty${']'.repeat(30)}\n`;
    expect(messageOf(() => parseScenario(text, 'alias.yaml'))).toBe(`alias.yaml:3:38: ${NESTING}`);
  });
});

describe('aliases', () => {
  it('a "billion laughs" document is refused at the alias that passes a million values', () => {
    // a4 stands for 111,111 values, so the 8th *a4 of a5 (line 7, column 45) passes 10^6.
    const lines = ['name: laughs', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 9; level++) {
      const aliases = Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ');
      lines.push(`a${level}: &a${level} [${aliases}]`);
    }
    expect(messageOf(() => parseScenario(lines.join('\n'), 'laughs.yaml'))).toBe(
      'laughs.yaml:7:45: (yaml): with its aliases expanded the document holds more than 1,000,000 values, far more than a scenario needs; an alias repeats the whole node it stands for, so aliases of nodes that hold aliases multiply',
    );
  });

  it('a million values written out are refused with a pointer to trace files, not to aliases', () => {
    // Built, not parsed: parsing a million values takes seconds. The root mapping, its key
    // and the list count too: 3 + 999,997 is the limit.
    const issuesWith = (values: number) =>
      shapeIssues(
        new Document({ extra: Array(values).fill(0) }) as Document.Parsed,
        'many.yaml',
        new LineCounter(),
      ).map((issue) => issue.message);
    expect(issuesWith(999_997)).toEqual([]);
    expect(issuesWith(999_998)).toEqual([
      'the document holds more than 1,000,000 values, far more than a scenario needs; put bulk data such as recorded arrivals in a trace file',
    ]);
  });

  it('an alias inside the node it stands for is refused: the data would contain itself', () => {
    const text = 'name: loop\nservices: &all\n  api: *all\n';
    expect(messageOf(() => parseScenario(text, 'loop.yaml'))).toBe(
      'loop.yaml:3:8: (yaml): alias "*all" is inside the node it stands for (&all), so the data would contain itself',
    );
  });

  it('150 services may merge one base: uses of an anchor are not what is counted', () => {
    const services = Array.from({ length: 150 }, (_, index) => `  s${index}: { <<: *base }`).join(
      '\n',
    );
    const text = scenarioWith(
      `  api: &base\n    resources: { requests: { cpu: 10m, memory: 16Mi } }\n    endpoints: { get: { cpu: 1ms } }\n${services}`,
    );
    const scenario = parseScenario(text, 'many.yaml');
    expect(Object.keys(scenario.services)).toHaveLength(151);
    expect(scenario.services.s149?.endpoints.get?.cpu).toEqual({ kind: 'constant', value: 1 });
  });
});

describe('merge keys (<<: *base)', () => {
  const BASE = `  api: &service
    replicas: 2
    resources: { requests: { cpu: 250m } }
    endpoints:
      get: { cpu: 1ms, calls: [db.query] }
  db:
    <<: *service
    replicas: 3
    endpoints:
      query: { cpu: 2ms }`;

  it('bring in the fields of the base; a field written beside them wins', () => {
    const scenario = parseScenario(scenarioWith(BASE), 'merge.yaml');
    expect(scenario.services.db?.replicas).toBe(3);
    expect(scenario.services.db?.resources.requests.cpu).toBe(0.25);
    expect(Object.keys(scenario.services.db?.endpoints ?? {})).toEqual(['query']);
  });

  it('merge a list of mappings, the first that has a field giving it', () => {
    const services = `  api: &small
    resources: { requests: { cpu: 100m } }
    endpoints: { get: { cpu: 1ms } }
  db:
    <<: [{ replicas: 4 }, *small, { replicas: 9 }]`;
    const scenario = parseScenario(scenarioWith(services), 'list.yaml');
    expect(scenario.services.db?.replicas).toBe(4);
    expect(scenario.services.db?.resources.requests.cpu).toBe(0.1);
  });

  it('a merged field that is wrong is reported where the base writes it, once per use', () => {
    const text = scenarioWith(
      BASE.replace('replicas: 2', 'replicas: -2').replace('replicas: 3', 'replicaz: 3'),
    );
    expect(messageOf(() => parseScenario(text, 'merge.yaml'))).toBe(
      [
        'merge.yaml:4:15: services.api.replicas: expected a whole number >= 0, got -2',
        'merge.yaml:4:15: services.db.replicas: expected a whole number >= 0, got -2',
        'merge.yaml:10:5: services.db.replicaz: unknown field "replicaz"; did you mean "replicas"?',
      ].join('\n'),
    );
  });

  it('a merge key given something other than mappings says what it takes', () => {
    const text = scenarioWith(
      `  api: &name\n    endpoints: { get: { cpu: 1ms } }\n  db:\n    <<: [*name, 5]\n    endpoints: { q: { cpu: 1ms } }`,
    );
    expect(messageOf(() => parseScenario(text, 'bad-merge.yaml'))).toBe(
      'bad-merge.yaml:6:9: (yaml): a merge key (<<) takes a mapping, an alias of one (<<: *base) or a list of them (<<: [*base, *more])',
    );
  });
});

describe('keys named __proto__, which JavaScript objects would swallow', () => {
  const RESERVED =
    '"__proto__" cannot name anything in a scenario (JavaScript reserves it); choose another name';

  it('a service', () => {
    const text = scenarioWith(
      '  api:\n    endpoints: { get: { cpu: 1ms } }\n  __proto__:\n    endpoints: { get: { cpu: 1ms } }',
    );
    expect(messageOf(() => parseScenario(text, 'proto.yaml'))).toBe(
      `proto.yaml:5:3: services.__proto__: ${RESERVED}`,
    );
  });

  it('a sweep variant', () => {
    const text = scenarioWith(
      '  api:\n    endpoints: { get: { cpu: 1ms } }',
      'sweep:\n  variants:\n    __proto__: { services.api.replicas: 2 }\n',
    );
    expect(messageOf(() => parseScenario(text, 'proto.yaml'))).toBe(
      `proto.yaml:9:5: sweep.variants.__proto__: ${RESERVED}`,
    );
  });

  it('a mix entry', () => {
    const text = `name: mix
services:
  api:
    endpoints: { get: { cpu: 1ms } }
workload:
  - name: users
    arrivals: poisson
    rate: 1/s
    mix: { api.get: 1, __proto__: 1 }
`;
    expect(messageOf(() => parseScenario(text, 'proto.yaml'))).toBe(
      `proto.yaml:9:24: workload[0].mix.__proto__: ${RESERVED}`,
    );
  });
});
