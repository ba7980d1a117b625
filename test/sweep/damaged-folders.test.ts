import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msasim, STACK_LINE } from '../cli/run-cli.js';
import { type DamageKind, damage } from '../support/folder-damage.js';
import {
  buildReference,
  copyOf,
  removeFolders,
  subtree,
  treeOf,
} from '../support/sweep-folders.js';

/**
 * Issue 9: every kind of damage to a sweep folder is bad input. `sweep --resume`, a fresh
 * `sweep`, and `merge` exit 2 with one line that names the file and says what to do, never
 * a stack trace, and change nothing: every file is as it was.
 */

let reference: string;

// Three sweeps through the CLI: longer than a hook's default 10 s on a busy machine.
beforeAll(() => {
  reference = buildReference();
}, 120_000);

afterAll(() => {
  removeFolders(reference);
});

const RESUME = ['sweep', 's.yaml', '--out', 'out', '--resume'];
const FRESH = ['sweep', 's.yaml', '--out', 'out'];
const MERGE = ['merge', 'sa', 'sb', '--out', 'merged'];

/** Damages a copy of the reference, runs the command, and checks it refused and changed nothing. */
function refusal(folder: string, kind: DamageKind, args: readonly string[], pick = 1) {
  const root = copyOf(reference);
  damage(join(root, folder), { kind, pick, cut: 0.5 });
  const before = treeOf(root);
  const { status, stderr } = msasim(args, root);
  expect(stderr).not.toMatch(STACK_LINE);
  expect(status).toBe(2);
  expect(treeOf(root)).toEqual(before);
  return stderr;
}

const RERUN = 'delete it and run the same command again (--resume reruns run 1)';

describe('sweep --resume refuses a damaged run file, naming it, and says how to rerun it', () => {
  it.each<[DamageKind, string]>([
    ['empty-run', `msasim: out/runs/1.json is empty: ${RERUN}\n`],
    [
      'run-is-{}',
      `msasim: out/runs/1.json is damaged (runId: expected number, got nothing): ${RERUN}\n`,
    ],
    [
      'run-is-null',
      `msasim: out/runs/1.json is damaged (it holds null, not a JSON object): ${RERUN}\n`,
    ],
    ['run-is-folder', `msasim: out/runs/1.json is a folder, not a run file: ${RERUN}\n`],
    [
      'run-without-result',
      `msasim: out/runs/1.json is damaged (result: expected object, got nothing): ${RERUN}\n`,
    ],
    [
      'run-copied-from-another',
      `msasim: out/runs/1.json holds run 2, not run 1 (a copy of another run's file?): ${RERUN}\n`,
    ],
    [
      'run-is-dangling-link',
      `msasim: out/runs/1.json is a link to something that does not exist: ${RERUN}\n`,
    ],
    [
      'run-named-with-zero',
      'msasim: out/runs/01.json is not a run file msasim wrote (they are named by run id: 0.json, 1.json, ...): move it out of out/runs, or give --out another folder\n',
    ],
    [
      'runs-is-a-file',
      'msasim: out/runs is a file, not the folder of run files: move it away, or give --out another folder\n',
    ],
  ])('%s', (kind, message) => {
    expect(refusal('out', kind, RESUME)).toBe(message);
  });

  it('truncated', () => {
    expect(refusal('out', 'truncate-run', RESUME)).toMatch(
      /^msasim: out\/runs\/1\.json is damaged \(not JSON: [^\n]+\): delete it and run the same command again \(--resume reruns run 1\)\n$/,
    );
  });

  it('a run file of another sweep: same id, another seed', () => {
    const root = copyOf(reference);
    const path = join(root, 'out', 'runs', '1.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"seed":(\d+)/, '"seed":12345'));
    const { status, stderr } = msasim(RESUME, root);
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^msasim: out\/runs\/1\.json holds a run of another sweep \(its seed is 12345; run 1 of this sweep has \d+\): delete it/,
    );
  });
});

describe('a fresh sweep refuses a folder whose sweep.json or outputs are not its own', () => {
  const keep = 'to keep it, give --out another folder; to replace it, add --overwrite';
  it.each<[DamageKind, string]>([
    [
      'empty-manifest',
      `msasim: out/sweep.json is empty: msasim cannot tell which sweep out holds; ${keep}\n`,
    ],
    [
      'manifest-is-folder',
      'msasim: out/sweep.json is a folder, where msasim writes a file: move it away, or give --out another folder\n',
    ],
    [
      'runs-csv-is-folder',
      'msasim: out/runs.csv is a folder, where msasim writes a file: move it away, or give --out another folder\n',
    ],
  ])('%s', (kind, message) => {
    expect(refusal('out', kind, FRESH)).toBe(message);
  });

  it('truncate-manifest', () => {
    expect(refusal('out', 'truncate-manifest', FRESH)).toMatch(
      /^msasim: out\/sweep\.json is damaged \(not JSON: [^\n]+\): msasim cannot tell which sweep out holds; to keep it, give --out another folder; to replace it, add --overwrite\n$/,
    );
  });

  it('with --resume, a damaged sweep.json cannot be resumed either', () => {
    expect(refusal('out', 'manifest-is-null', RESUME)).toBe(
      'msasim: out/sweep.json is damaged (it holds null, not a JSON object): msasim cannot tell which sweep out holds, so it cannot resume it: give --out another folder, or start afresh there with --overwrite instead of --resume\n',
    );
  });
});

describe('merge refuses damaged shard folders and leaves them as they were', () => {
  const rerunShard =
    'sa cannot be merged; run its shard again into a new folder (msasim sweep FILE --shard K/N --out NEW-FOLDER) and merge that one';
  it.each<[DamageKind, string]>([
    [
      'manifest-is-null',
      `msasim: sa/sweep.json is damaged (it holds null, not a JSON object): ${rerunShard}\n`,
    ],
    [
      'manifest-is-[]',
      `msasim: sa/sweep.json is damaged (it holds [], not a JSON object): ${rerunShard}\n`,
    ],
    [
      'manifest-runs-1e9',
      `msasim: sa/sweep.json is damaged (it says 1000000000 runs; its scenario with 2 replications makes 4): ${rerunShard}\n`,
    ],
    [
      'manifest-runs--1',
      `msasim: sa/sweep.json is damaged (runs: expected a whole number >= 1, got -1): ${rerunShard}\n`,
    ],
    [
      'manifest-runs-"8"',
      `msasim: sa/sweep.json is damaged (runs: expected number, got "8"): ${rerunShard}\n`,
    ],
    [
      'run-copied-from-another',
      "msasim: sa/runs/2.json holds run 0, not run 2 (a copy of another run's file?): delete it, finish that shard again (msasim sweep FILE --shard K/N --out sa --resume), and merge again\n",
    ],
  ])('%s', (kind, message) => {
    expect(refusal('sa', kind, MERGE)).toBe(message);
  });

  it('a truncated run file', () => {
    expect(refusal('sa', 'truncate-run', MERGE)).toMatch(
      /^msasim: sa\/runs\/2\.json is damaged \(not JSON: [^\n]+\): delete it, finish that shard again \(msasim sweep FILE --shard K\/N --out sa --resume\), and merge again\n$/,
    );
  });

  it('a run in two shard folders', () => {
    const root = copyOf(reference);
    writeFileSync(
      join(root, 'sb', 'runs', '0.json'),
      readFileSync(join(root, 'sa', 'runs', '0.json')),
    );
    const before = treeOf(root);
    const { status, stderr } = msasim(MERGE, root);
    expect(status).toBe(2);
    expect(stderr).toBe(
      "msasim: run 0 is in both sa and sb: did two shards overlap? Give each shard's folder once, or move one copy away\n",
    );
    expect(treeOf(root)).toEqual(before);
  });

  it('an input that is a file', () => {
    const root = copyOf(reference);
    writeFileSync(join(root, 'notes.txt'), 'not a folder\n');
    const { status, stderr } = msasim(['merge', 'sa', 'notes.txt', '--out', 'merged'], root);
    expect(status).toBe(2);
    expect(stderr).toBe(
      "msasim: notes.txt is a file, not a sweep's output folder: give the folders msasim sweep --out wrote\n",
    );
    expect(existsSync(join(root, 'merged'))).toBe(false);
  });
});

describe('what a damaged folder still allows', () => {
  it('--resume reruns a deleted run and keeps every other run file byte for byte', () => {
    const root = copyOf(reference);
    damage(join(root, 'out'), { kind: 'run-deleted', pick: 1, cut: 0 });
    const before = treeOf(root);
    const { status } = msasim(RESUME, root);
    expect(status).toBe(0);
    const after = treeOf(root);
    for (const path of ['out/runs/0.json', 'out/runs/2.json', 'out/runs/3.json', 'out/sweep.json'])
      expect(after[path]).toBe(before[path]);
    // Deterministic: the rerun writes the bytes the straight sweep wrote.
    expect(subtree(after, 'out')).toEqual(subtree(treeOf(reference), 'out'));
  });

  it('files that are not msasim’s stay untouched, beside the outputs and among the run files', () => {
    const root = copyOf(reference);
    damage(join(root, 'out'), { kind: 'notes-beside', pick: 0, cut: 0 });
    damage(join(root, 'out'), { kind: 'notes-in-runs', pick: 0, cut: 0 });
    for (const args of [FRESH, RESUME, [...FRESH, '--overwrite']]) {
      expect(msasim(args, root).status).toBe(0);
      expect(readFileSync(join(root, 'out', 'notes.txt'), 'utf8')).toBe('my notes\n');
      expect(readFileSync(join(root, 'out', 'runs', 'notes.txt'), 'utf8')).toBe('my notes\n');
    }
  });
});
