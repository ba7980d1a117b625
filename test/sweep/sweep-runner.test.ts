import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/runner/merge.js';
import { completedRunIds, RUNS_DIR } from '../../src/runner/resume.js';
import {
  executeSweep,
  planSweep,
  readSweepSource,
  runSweep,
  type SweepOptions,
  SweepRunError,
  writeSweepOutputs,
} from '../../src/runner/sweep.js';

const SCENARIO = `
name: sweep-fixture
seed: 11
duration: 20s
warmup: 2s
services:
  api:
    replicas: 2
    endpoints:
      get: { cpu: exponential(mean=5ms), calls: [db.query] }
  db:
    replicas: 1
    endpoints:
      query: { cpu: exponential(mean=2ms) }
workload:
  - name: shoppers
    arrivals: poisson
    rate: 40/s
    target: api.get
sweep:
  replications: 2
  variants:
    small: { services.db.replicas: 1 }
    large: { services.db.replicas: 3 }
  grid:
    workload.shoppers.rate: [20/s, 60/s]
`;

let root: string;
let file: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'msasim-sweep-'));
  file = join(root, 'fixture.yaml');
  await writeFile(file, SCENARIO);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the sweep into a fresh folder and writes its outputs, as the CLI does. */
async function sweepInto(name: string, options: SweepOptions = {}): Promise<string> {
  const outDir = join(root, name);
  const plan = planSweep(readSweepSource(file));
  const outcome = await executeSweep(plan, { workers: 2, ...options, outDir });
  expect(outcome.failures).toEqual([]);
  await writeSweepOutputs(outDir, plan.scenario, outcome.records);
  return outDir;
}

/** Every file under dir, relative path → content. */
async function folderContents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  const contents: Record<string, string> = {};
  for (const name of names) contents[name] = await readFile(join(dir, name), 'utf8');
  return contents;
}

describe('a sweep on the worker pool', () => {
  let reference: string;

  beforeAll(async () => {
    reference = await sweepInto('reference', { workers: 2 });
  });

  it('writes every output and one run file per run, in run-id order', async () => {
    const contents = await folderContents(reference);
    expect(Object.keys(contents).filter((name) => !name.startsWith(`${RUNS_DIR}/`))).toEqual([
      'cost.csv',
      'edges.csv',
      'endpoints.csv',
      'failures.csv',
      'nodes.csv',
      'pods.csv',
      'proxies.csv',
      'results.json',
      'runs.csv',
      'services.csv',
      'summary.csv',
      'sweep.json',
      'timeseries.csv',
      'timeseries_pods.csv',
      'versions.csv',
    ]);
    expect([...(await completedRunIds(reference))].sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    const runIds = contents['runs.csv']!.trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[0]));
    expect(runIds).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives variants at the same replication the same seed (common random numbers)', async () => {
    const rows = (await readFile(join(reference, 'runs.csv'), 'utf8')).trim().split('\n');
    const header = rows[0]!.split(',');
    const cells = rows.slice(1).map((row) => row.split(','));
    const column = (name: string) => header.indexOf(name);
    const seedOf = (variant: string, rate: string, replication: string) =>
      cells.find(
        (c) =>
          c[column('variant')] === variant &&
          c[column('workload.shoppers.rate')] === rate &&
          c[column('replication')] === replication,
      )?.[column('seed')];
    expect(seedOf('small', '20/s', '0')).toBe(seedOf('large', '60/s', '0'));
    expect(seedOf('small', '20/s', '1')).toBe(seedOf('large', '20/s', '1'));
    expect(seedOf('small', '20/s', '0')).not.toBe(seedOf('small', '20/s', '1'));
  });

  it('writes byte-identical files with 1, 2 and 4 workers', async () => {
    const single = await sweepInto('one-worker', { workers: 1 });
    expect(await folderContents(single)).toEqual(await folderContents(reference));
    const four = await sweepInto('four-workers', { workers: 4 });
    expect(await folderContents(four)).toEqual(await folderContents(reference));
  });

  it('merges 3 shards into exactly the unsharded output', async () => {
    const shards = [];
    for (let index = 0; index < 3; index++) {
      shards.push(await sweepInto(`shard-${index}`, { shard: { index, count: 3 } }));
    }
    expect([...(await completedRunIds(shards[1]!))].sort()).toEqual([1, 4, 7]);
    const merged = join(root, 'merged');
    await mergeShards(shards, merged);
    expect(await folderContents(merged)).toEqual(await folderContents(reference));
  });

  it('refuses to merge when a shard is missing, naming the missing runs', async () => {
    const lone = await sweepInto('lone-shard', { shard: { index: 0, count: 3 } });
    await expect(mergeShards([lone], join(root, 'incomplete'))).rejects.toThrow(
      '5 of 8 runs are in none of the folders (run ids 1, 2, 4, 5, 7)',
    );
  });

  it('refuses to merge folders of different sweeps', async () => {
    const outDir = join(root, 'other-sweep');
    const plan = planSweep(readSweepSource(file), { seed: 99 });
    await executeSweep(plan, { workers: 2, outDir, shard: { index: 1, count: 2 } });
    await expect(mergeShards([reference, outDir], join(root, 'mixed'))).rejects.toThrow(
      `${outDir} holds results of a different sweep than ${reference}`,
    );
  });

  it('a Ctrl-C that lands after the last run interrupts nothing', async () => {
    const plan = planSweep(readSweepSource(file));
    const controller = new AbortController();
    const outcome = await executeSweep(plan, {
      workers: 1,
      signal: controller.signal,
      onProgress: (progress) => progress.done === progress.total && controller.abort(),
    });
    expect(controller.signal.aborted).toBe(true);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.records.length).toBe(plan.specs.length);
  });

  it('resumes an interrupted sweep with no duplicate or missing rows', async () => {
    const outDir = await sweepInto('resumed');
    for (const runId of [0, 3, 6]) await rm(join(outDir, RUNS_DIR, `${runId}.json`));
    await rm(join(outDir, 'runs.csv'));
    const plan = planSweep(readSweepSource(file));
    const ran: number[] = [];
    const outcome = await executeSweep(plan, {
      workers: 2,
      outDir,
      resume: true,
      onProgress: (progress) => progress.runId !== undefined && ran.push(progress.runId),
    });
    expect(outcome.resumed).toBe(5);
    expect(ran.sort()).toEqual([0, 3, 6]);
    await writeSweepOutputs(outDir, plan.scenario, outcome.records);
    expect(await folderContents(outDir)).toEqual(await folderContents(reference));
  });

  it('refuses to resume into the folder of a different sweep', async () => {
    const plan = planSweep(readSweepSource(file), { replications: 3 });
    await expect(
      executeSweep(plan, { outDir: reference, resume: true, workers: 1 }),
    ).rejects.toThrow('holds the results of a different sweep');
  });
});

describe('runSweep, the library entry point', () => {
  const document = {
    name: 'library',
    duration: '5s',
    services: { api: { endpoints: { get: { cpu: '2ms' } } } },
    workload: [{ name: 'users', arrivals: 'poisson', rate: '20/s', target: 'api.get' }],
    sweep: { replications: 2, grid: { 'workload.users.rate': ['10/s', '30/s'] } },
  };

  it('takes a scenario document and returns records by run id, reporting progress', async () => {
    const seen: number[] = [];
    const records = await runSweep(document, {
      workers: 2,
      onProgress: (progress) => seen.push(progress.done),
    });
    expect(records.map((r) => [r.runId, r.params['workload.users.rate'], r.replication])).toEqual([
      [0, '10/s', 0],
      [1, '10/s', 1],
      [2, '30/s', 0],
      [3, '30/s', 1],
    ]);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('throws a SweepRunError naming the failed runs, with the other records', async () => {
    const error = await runSweep(document, { workers: 1, eventBudget: 400 }).catch((e) => e);
    expect(error).toBeInstanceOf(SweepRunError);
    expect((error as SweepRunError).failures.map((f) => f.spec.runId)).toEqual([2, 3]);
    expect((error as SweepRunError).records.map((r) => r.runId)).toEqual([0, 1]);
  });
});
