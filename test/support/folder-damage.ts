import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The kinds of damage a sweep folder suffers in the field (issue 9): a run file truncated,
 * emptied, replaced, copied from another run, renamed, turned into a folder or a dangling
 * link; `runs` a plain file; sweep.json corrupt, empty, a folder, `null`, `[]`, or claiming
 * another number of runs; an output file turned into a folder. Each acts on one sweep
 * folder in place.
 */

/** What a damage acts on: the folder, its runs folder, sweep.json, and one of its run files. */
interface Target {
  dir: string;
  runsDir: string;
  manifest: string;
  /** a run file's name and path, and another run file's path (undefined without enough runs) */
  run: string;
  runPath: string;
  otherPath: string | undefined;
  cut: number;
}

const DAMAGES = {
  'truncate-run': (t: Target) => truncate(t.runPath, t.cut),
  'empty-run': (t: Target) => writeFileSync(t.runPath, ''),
  'run-is-{}': (t: Target) => writeFileSync(t.runPath, '{}\n'),
  'run-is-null': (t: Target) => writeFileSync(t.runPath, 'null\n'),
  'run-is-folder': (t: Target) => {
    rmSync(t.runPath, { recursive: true, force: true });
    mkdirSync(t.runPath);
  },
  'run-without-result': (t: Target) => {
    const record = JSON.parse(readFileSync(t.runPath, 'utf8')) as Record<string, unknown>;
    delete record.result;
    writeFileSync(t.runPath, `${JSON.stringify(record)}\n`);
  },
  'run-copied-from-another': (t: Target) => {
    if (t.otherPath !== undefined) copyFileSync(t.otherPath, t.runPath);
  },
  'run-named-with-zero': (t: Target) => renameSync(t.runPath, join(t.runsDir, `0${t.run}`)),
  'run-is-dangling-link': (t: Target) => {
    rmSync(t.runPath, { recursive: true, force: true });
    symlinkSync('nowhere.json', t.runPath);
  },
  'run-deleted': (t: Target) => rmSync(t.runPath, { recursive: true, force: true }),
  'runs-is-a-file': (t: Target) => {
    rmSync(t.runsDir, { recursive: true, force: true });
    writeFileSync(t.runsDir, 'not a folder\n');
  },
  'truncate-manifest': (t: Target) => truncate(t.manifest, t.cut),
  'empty-manifest': (t: Target) => writeFileSync(t.manifest, ''),
  'manifest-is-folder': (t: Target) => {
    rmSync(t.manifest, { recursive: true, force: true });
    mkdirSync(t.manifest);
  },
  'manifest-is-null': (t: Target) => writeFileSync(t.manifest, 'null\n'),
  'manifest-is-[]': (t: Target) => writeFileSync(t.manifest, '[]\n'),
  'manifest-runs-1e9': (t: Target) => setRuns(t.manifest, 1e9),
  'manifest-runs--1': (t: Target) => setRuns(t.manifest, -1),
  'manifest-runs-"8"': (t: Target) => setRuns(t.manifest, '8'),
  'runs-csv-is-folder': (t: Target) => {
    rmSync(join(t.dir, 'runs.csv'), { recursive: true, force: true });
    mkdirSync(join(t.dir, 'runs.csv'));
  },
  'notes-beside': (t: Target) => writeFileSync(join(t.dir, 'notes.txt'), 'my notes\n'),
  'notes-in-runs': (t: Target) => {
    mkdirSync(t.runsDir, { recursive: true });
    writeFileSync(join(t.runsDir, 'notes.txt'), 'my notes\n');
  },
} satisfies Record<string, (target: Target) => void>;

export type DamageKind = keyof typeof DAMAGES;

export const DAMAGE_KINDS = Object.keys(DAMAGES) as DamageKind[];

export interface Damage {
  kind: DamageKind;
  /** picks the run among the folder's run files (modulo their number) */
  pick: number;
  /** where a truncation cuts, as a fraction of the file */
  cut: number;
}

/** Applies the damage to the sweep folder `dir`; a damage to a run needs a run file there. */
export function damage(dir: string, { kind, pick, cut }: Damage): void {
  const runsDir = join(dir, 'runs');
  const runs = runFiles(runsDir);
  const run = runs[pick % Math.max(1, runs.length)];
  const needsRun = kind.startsWith('run-') || kind.endsWith('-run');
  if (needsRun && run === undefined) return;
  const other = runs.length < 2 ? undefined : runs[(pick + 1) % runs.length]!;
  DAMAGES[kind]({
    dir,
    runsDir,
    manifest: join(dir, 'sweep.json'),
    run: run ?? '',
    runPath: join(runsDir, run ?? ''),
    otherPath: other === undefined ? undefined : join(runsDir, other),
    cut,
  });
}

function runFiles(runsDir: string): string[] {
  try {
    return readdirSync(runsDir)
      .filter((name) => /^\d+\.json$/.test(name))
      .sort();
  } catch {
    return [];
  }
}

function truncate(path: string, cut: number): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return; // not a file (any more): another damage got there first
  }
  writeFileSync(path, text.slice(0, Math.floor(text.length * Math.min(cut, 0.99))));
}

/** Rewrites sweep.json's `runs`, when it still holds a manifest to edit. */
function setRuns(path: string, runs: unknown): void {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return;
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return;
  writeFileSync(path, `${JSON.stringify({ ...manifest, runs }, null, 2)}\n`);
}
