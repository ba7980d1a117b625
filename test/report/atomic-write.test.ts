import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeOutputs } from '../../src/report/atomic-write.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msasim-report-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the content and leaves no temporary file', async () => {
    await writeFileAtomic(join(dir, 'runs.csv'), 'a,b\n1,2\n');
    expect(await readFile(join(dir, 'runs.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(await readdir(dir)).toEqual(['runs.csv']);
  });

  it('replaces an existing, longer file whole', async () => {
    const path = join(dir, 'summary.csv');
    await writeFile(path, 'x'.repeat(10_000));
    await writeFileAtomic(path, 'short\n');
    expect(await readFile(path, 'utf8')).toBe('short\n');
    expect(await readdir(dir)).toEqual(['summary.csv']);
  });

  it('leaves no temporary file when the write fails', async () => {
    const path = join(dir, 'missing-dir', 'out.csv');
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeOutputs', () => {
  it('creates the directory and writes every file', async () => {
    const out = join(dir, 'nested', 'out');
    await writeOutputs(out, { 'runs.csv': 'r\n', 'results.json': '{}\n' });
    expect((await readdir(out)).sort()).toEqual(['results.json', 'runs.csv']);
    expect(await readFile(join(out, 'results.json'), 'utf8')).toBe('{}\n');
  });
});
