import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  parseScenario,
  runScenario,
  runSweep,
  ScenarioError,
  ScenarioFileError,
  simulate,
  WorkLimitError,
} from '../../src/index.js';
import { folderWith, TINY_SCENARIO } from '../cli/run-cli.js';

/**
 * The library's entry points make the check the CLI makes: a scenario whose run would
 * exceed a work limit is refused before anything is built, with a WorkLimitError (a
 * ScenarioError) naming the estimate, the limit, and the option that raises it. Each of
 * these runs would take longer than the age of the universe: that the test ends shows
 * the refusal came first.
 */
const HUGE_RATE = `name: t
duration: 30m
services:
  a: { endpoints: { e: {} } }
workload:
  - { name: w, arrivals: poisson, rate: 99999999999999999999, target: a.e }
`;

const OVER_EVENTS =
  'workload[0].rate: about 7.2e23 events per run, more than the limit of 1e9: most of it is 1.8e23 requests from workload "w", 4 events each (1 call per request); lower the rate or the duration, or raise the limit with the option limits: { events: 7.2e23 }';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('simulate', () => {
  it('refuses a run over the limits with a WorkLimitError naming the scenario and the field', () => {
    const error = thrown(() => simulate(parseScenario(HUGE_RATE, 's.yaml')));
    expect(error).toBeInstanceOf(WorkLimitError);
    expect(error).toBeInstanceOf(ScenarioError);
    const refusal = error as WorkLimitError;
    expect(refusal.message).toBe(`scenario "t": ${OVER_EVENTS}`);
    expect(refusal.limits).toEqual({ events: 1e9, memoryBytes: 2e9, runs: 10_000 });
    expect(refusal.estimate?.totalEvents).toBeGreaterThan(7.1e23);
    expect(refusal.estimate?.totalEvents).toBeLessThan(7.3e23);
  });

  it('takes raised (or lowered) limits: 1,800 estimated events need events >= 1800', () => {
    const tiny = parseScenario(TINY_SCENARIO, 'tiny.yaml');
    expect(thrown(() => simulate(tiny, { limits: { events: 1000 } }))).toHaveProperty(
      'message',
      'scenario "tiny": workload[0].rate: about 1,800 events per run, more than the limit of 1,000: most of it is 250 requests from workload "users", 7 events each (2 calls per request); lower the rate or the duration, or raise the limit with the option limits: { events: 1800 }',
    );
    expect(simulate(tiny, { limits: { events: 1800 } }).requests.total).toBeGreaterThan(0);
  });
});

describe('runScenario', () => {
  it('places the refusal in the file it read', () => {
    const dir = folderWith({ 's.yaml': HUGE_RATE });
    const error = thrown(() => runScenario(join(dir, 's.yaml')));
    expect(error).toBeInstanceOf(WorkLimitError);
    expect((error as Error).message).toBe(`${join(dir, 's.yaml')}:6:41: ${OVER_EVENTS}`);
  });

  it('reads files within fileLimits, and refuses larger ones before parsing them', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const path = join(dir, 'tiny.yaml');
    const error = thrown(() => runScenario(path, { fileLimits: { scenarioBytes: 100 } }));
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as Error).message).toContain('a scenario file may hold at most 100 bytes');
    writeFileSync(path, `${TINY_SCENARIO}# ${'x'.repeat(1_000_000)}\n`);
    expect(thrown(() => runScenario(path))).toBeInstanceOf(ScenarioFileError);
    const result = runScenario(path, { fileLimits: { scenarioBytes: 2_000_000 } });
    expect(result.requests.total).toBeGreaterThan(0);
  });
});

describe('runSweep', () => {
  it('refuses a sweep whose runs exceed the limits before running any', async () => {
    const document = parse(HUGE_RATE) as Record<string, unknown>;
    const refused = runSweep(document, { workers: 1 });
    await expect(refused).rejects.toBeInstanceOf(WorkLimitError);
    // A document has no file to point into: the field alone.
    await expect(refused).rejects.toThrow(`(scenario document): ${OVER_EVENTS}`);
  });

  it('takes raised (or lowered) limits', async () => {
    const document = parse(TINY_SCENARIO) as Record<string, unknown>;
    await expect(runSweep(document, { workers: 1, limits: { events: 1000 } })).rejects.toThrow(
      'raise the limit with the option limits: { events: 1800 }',
    );
    const records = await runSweep(document, { workers: 1, limits: { events: 1800 } });
    expect(records).toHaveLength(1);
  });
});
