import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/runner/merge.js';
import { runFilePath } from '../../src/runner/resume.js';
import { executeSweep, planSweep, readSweepSource } from '../../src/runner/sweep.js';

/**
 * Run files written by an older msasim: one from before a cause existed merges (the cause
 * counts 0: that msasim could not produce it); one from before failures were recorded by
 * cause is refused, saying so and what to do.
 */

const SCENARIO = `
name: older-files
seed: 3
duration: 2s
services:
  api:
    endpoints:
      get: { cpu: 1ms, errorRate: 20% }
workload:
  - { name: users, arrivals: poisson, rate: 50/s, target: api.get }
sweep:
  replications: 2
`;

const LATER_CAUSES = [
  'connect_failure',
  'reset',
  'throttled',
  'circuit_open',
  'deadline_exceeded',
  'fault_abort',
];

let root: string;
let file: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'msasim-older-'));
  file = join(root, 'older.yaml');
  await writeFile(file, SCENARIO);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function sweepInto(name: string): Promise<string> {
  const outDir = join(root, name);
  const outcome = await executeSweep(planSweep(readSweepSource(file)), { workers: 1, outDir });
  expect(outcome.failures).toEqual([]);
  return outDir;
}

/** The parts of a run file these edits touch. */
interface WrittenRun {
  result: { requests: { byCause: Record<string, number> }; failures?: unknown };
}

/** Rewrites run 0's file of `dir` with `change` applied to its parsed record. */
async function editRunFile(dir: string, change: (record: WrittenRun) => void): Promise<void> {
  const path = runFilePath(dir, 0);
  const record = JSON.parse(await readFile(path, 'utf8')) as WrittenRun;
  change(record);
  await writeFile(path, `${JSON.stringify(record)}\n`);
}

describe('merging run files of an older msasim', () => {
  it('a run file from before a cause existed merges, that cause counting 0', async () => {
    const current = await sweepInto('current');
    const older = await sweepInto('older');
    await editRunFile(older, (record) => {
      for (const cause of LATER_CAUSES) delete record.result.requests.byCause[cause];
    });
    await mergeShards([current], join(root, 'merged-current'));
    await mergeShards([older], join(root, 'merged-older'));
    for (const name of ['runs.csv', 'summary.csv', 'failures.csv']) {
      const fromOlder = await readFile(join(root, 'merged-older', name), 'utf8');
      expect(fromOlder, name).toBe(await readFile(join(root, 'merged-current', name), 'utf8'));
    }
    const runs = await readFile(join(root, 'merged-older', 'runs.csv'), 'utf8');
    const [header, row] = runs.split('\n').map((line) => line.split(','));
    expect(row![header!.indexOf('errors_deadline_exceeded')]).toBe('0');
    expect(Number(row![header!.indexOf('errors_error')])).toBeGreaterThan(0);
  });

  it('a run file from before failures were recorded by cause is refused, saying what to do', async () => {
    const older = await sweepInto('no-failures');
    await editRunFile(older, (record) => {
      delete record.result.failures;
    });
    await expect(mergeShards([older], join(root, 'refused'))).rejects.toThrow(
      `${runFilePath(older, 0)} was written by an older msasim, before failures were recorded by cause (it has no result.failures): delete it, finish that shard again (msasim sweep FILE --shard K/N --out ${older} --resume), and merge again`,
    );
  });
});
