import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msasim, STACK_LINE } from '../cli/run-cli.js';
import {
  buildReference,
  copyOf,
  removeFolders,
  subtree,
  treeOf,
} from '../support/sweep-folders.js';

/**
 * Issue 9: output paths are checked before any work, through links, and msasim never
 * removes or overwrites anything inside an input folder or anything it did not write.
 */

let reference: string;

// Three sweeps through the CLI: longer than a hook's default 10 s on a busy machine.
beforeAll(() => {
  reference = buildReference();
}, 120_000);

afterAll(() => {
  removeFolders(reference);
});

const OUTSIDE = 'choose an --out folder outside every input folder';

describe('merge never writes into its input folders', () => {
  it('refuses --out that is a link to an input, and every input file is still there', () => {
    const root = copyOf(reference);
    symlinkSync('sa', join(root, 'alink'));
    const before = treeOf(root);
    const { status, stderr } = msasim(['merge', 'sa', 'sb', '--out', 'alink'], root);
    expect(stderr).toBe(
      `msasim: --out alink is the input folder sa (both are ${join(root, 'sa')}): ${OUTSIDE}\n`,
    );
    expect(status).toBe(2);
    expect(treeOf(root)).toEqual(before);
    expect(Object.keys(subtree(before, 'sa/runs'))).toEqual([
      'sa/runs',
      'sa/runs/0.json',
      'sa/runs/2.json',
    ]);
  });

  it('refuses --out inside an input, through a link too', () => {
    const root = copyOf(reference);
    symlinkSync('sb', join(root, 'blink'));
    const before = treeOf(root);
    const inside = msasim(['merge', 'sa', 'sb', '--out', 'blink/merged'], root);
    expect(inside.stderr).toBe(
      `msasim: --out blink/merged is inside the input folder sb (at ${join(root, 'sb', 'merged')}): ${OUTSIDE}\n`,
    );
    expect(inside.status).toBe(2);
    expect(treeOf(root)).toEqual(before);
  });

  it('refuses --out that holds an input, and --out whose runs folder links into an input', () => {
    const root = copyOf(reference);
    const holds = msasim(['merge', 'sa', 'sb', '--out', '.'], root);
    expect(holds.stderr).toBe(
      'msasim: the input folder sa is inside --out .: choose an --out folder that holds no input folder\n',
    );
    mkdirSync(join(root, 'merged'));
    symlinkSync('../sa/runs', join(root, 'merged', 'runs'));
    const before = treeOf(root);
    const linked = msasim(['merge', 'sa', 'sb', '--out', 'merged'], root);
    expect(linked.stderr).toBe(
      'msasim: merged/runs is a link into the input folder sa: choose another --out folder\n',
    );
    expect(linked.status).toBe(2);
    expect(treeOf(root)).toEqual(before);
  });

  it('refuses the same input twice, also under two names', () => {
    const root = copyOf(reference);
    symlinkSync('sa', join(root, 'alink'));
    expect(msasim(['merge', 'sa', 'sa', '--out', 'm'], root).stderr).toBe(
      'msasim: sa is given twice: give each folder once\n',
    );
    expect(msasim(['merge', 'sa', 'alink', '--out', 'm'], root).stderr).toBe(
      `msasim: sa and alink are the same folder (${join(root, 'sa')}): give each folder once\n`,
    );
    expect(existsSync(join(root, 'm'))).toBe(false);
  });

  it('merges again into its own earlier output, byte for byte as the whole sweep', () => {
    const root = copyOf(reference);
    expect(msasim(['merge', 'sa', 'sb', '--out', 'merged'], root).status).toBe(0);
    expect(msasim(['merge', 'sa', 'sb', '--out', 'merged'], root).status).toBe(0);
    const tree = treeOf(root);
    const rename = (t: Record<string, string>, from: string) =>
      Object.fromEntries(Object.entries(t).map(([k, v]) => [k.replace(from, 'X'), v]));
    expect(rename(subtree(tree, 'merged'), 'merged')).toEqual(rename(subtree(tree, 'out'), 'out'));
  });
});

describe('every --out is checked before any work', () => {
  const badOuts: [string, (root: string) => void, string][] = [
    [
      'notes.txt',
      (root) => writeFileSync(join(root, 'notes.txt'), 'mine\n'),
      'msasim: notes.txt is a file, not a folder: give --out a folder to write into (created if missing)\n',
    ],
    [
      '/dev/null',
      () => {},
      'msasim: /dev/null is not a folder: give --out a folder to write into (created if missing)\n',
    ],
    ['', () => {}, 'msasim: --out is empty: give the folder to write into (created if missing)\n'],
    [
      'gone',
      (root) => symlinkSync('nowhere', join(root, 'gone')),
      'msasim: gone is a link to something that does not exist: give --out a folder to write into (created if missing)\n',
    ],
    [
      'notes.txt/sub',
      (root) => writeFileSync(join(root, 'notes.txt'), 'mine\n'),
      'msasim: notes.txt/sub: notes.txt is a file, not a folder: give --out a folder to write into (created if missing)\n',
    ],
  ];
  const commands: [string, string[]][] = [
    ['sweep', ['sweep', 's.yaml']],
    ['merge', ['merge', 'sa', 'sb']],
    ['run', ['run', 's.yaml']],
  ];
  for (const [name, args] of commands) {
    it.each(badOuts)(`${name} --out %j`, (out, setup, message) => {
      const root = copyOf(reference);
      setup(root);
      const before = treeOf(root);
      const { status, stderr } = msasim([...args, '--out', out], root);
      expect(stderr).toBe(message);
      expect(status).toBe(2);
      expect(treeOf(root)).toEqual(before);
    });
  }

  // Node's recursive mkdir loops forever at /proc (ENOENT under an existing folder); /sys
  // refuses folders. The reason's words depend on the user (root: EPERM, others: EACCES).
  it.each([
    [
      '/proc/nope',
      /^msasim: \/proc\/nope: cannot create this folder \([^)]+\): give --out a folder you can write to\n$/,
    ],
    [
      '/proc/nope/deeper',
      /^msasim: \/proc\/nope\/deeper: \/proc\/nope: cannot create this folder \([^)]+\): give --out a folder you can write to\n$/,
    ],
    [
      '/sys/kernel/nope',
      /^msasim: \/sys\/kernel\/nope: cannot create this folder \([^)]+\): give --out a folder you can write to\n$/,
    ],
    [
      '/sys/kernel',
      /^msasim: \/sys\/kernel: cannot write into this folder \([^)]+\): give --out a folder you can write to\n$/,
    ],
  ])('sweep and merge refuse --out %s at once', (out, message) => {
    const root = copyOf(reference);
    for (const args of [
      ['sweep', 's.yaml'],
      ['merge', 'sa', 'sb'],
    ]) {
      const { status, stderr } = msasim([...args, '--out', out], root);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(STACK_LINE);
      expect(status).toBe(2);
    }
  });

  it('run --out FILE fails before simulating: a run that would fail says nothing of it', () => {
    const root = copyOf(reference);
    writeFileSync(join(root, 'notes.txt'), 'mine\n');
    const args = ['run', 's.yaml', '--event-budget', '10'];
    expect(msasim(args, root).status).toBe(1);
    const { status, stdout, stderr } = msasim([...args, '--out', 'notes.txt'], root);
    expect(stderr).toBe(
      'msasim: notes.txt is a file, not a folder: give --out a folder to write into (created if missing)\n',
    );
    expect(stdout).toBe('');
    expect(status).toBe(2);
  });

  it('run --out: result.json as a folder is refused first; a failed run leaves no folder behind', () => {
    const root = copyOf(reference);
    mkdirSync(join(root, 'res', 'result.json'), { recursive: true });
    expect(msasim(['run', 's.yaml', '--out', 'res'], root).stderr).toBe(
      'msasim: res/result.json is a folder, where msasim writes a file: move it away, or give --out another folder\n',
    );
    const failed = msasim(['run', 's.yaml', '--out', 'new/deeper', '--event-budget', '10'], root);
    expect(failed.status).toBe(1);
    expect(existsSync(join(root, 'new'))).toBe(false);
  });
});

describe('a sweep into a folder that holds another sweep', () => {
  const OTHER = ['sweep', 's.yaml', '--out', 'out', '--replications', '3'];

  it('is refused, pointing to --resume, another folder, or --overwrite', () => {
    const root = copyOf(reference);
    const before = treeOf(root);
    const { status, stderr } = msasim(OTHER, root);
    expect(stderr).toBe(
      'msasim: out holds the results of another sweep (scenario "folders", 4 runs): to finish that sweep, run its own command with --resume; to keep it, give --out another folder; to replace it, add --overwrite\n',
    );
    expect(status).toBe(2);
    expect(treeOf(root)).toEqual(before);
  });

  it('--resume names what differs and how to go on', () => {
    const root = copyOf(reference);
    const before = treeOf(root);
    const { status, stderr } = msasim([...OTHER, '--resume'], root);
    expect(stderr).toBe(
      'msasim: out holds the results of a different sweep (different replications, number of runs): resume into the folder it was started in with the same flags, give --out another folder, or start afresh there with --overwrite instead of --resume\n',
    );
    expect(status).toBe(2);
    expect(treeOf(root)).toEqual(before);
  });

  it('--overwrite replaces only the files msasim writes there', () => {
    const root = copyOf(reference);
    writeFileSync(join(root, 'out', 'notes.txt'), 'mine\n');
    mkdirSync(join(root, 'out', 'plots'));
    writeFileSync(join(root, 'out', 'plots', 'p99.svg'), '<svg/>\n');
    writeFileSync(join(root, 'out', 'runs', 'README'), 'mine too\n');
    const { status } = msasim([...OTHER, '--overwrite'], root);
    expect(status).toBe(0);
    expect(readFileSync(join(root, 'out', 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(root, 'out', 'plots', 'p99.svg'), 'utf8')).toBe('<svg/>\n');
    expect(readFileSync(join(root, 'out', 'runs', 'README'), 'utf8')).toBe('mine too\n');
    expect(JSON.parse(readFileSync(join(root, 'out', 'sweep.json'), 'utf8')).runs).toBe(6);
  });

  it('refuses files with msasim names but no sweep.json, and --resume with --overwrite', () => {
    const root = copyOf(reference);
    mkdirSync(join(root, 'mine'));
    writeFileSync(join(root, 'mine', 'summary.csv'), 'my own summary\n');
    expect(msasim(['sweep', 's.yaml', '--out', 'mine'], root).stderr).toBe(
      'msasim: mine holds summary.csv but no sweep.json, so msasim cannot tell it wrote them; to keep them, give --out another folder; to replace them, add --overwrite\n',
    );
    expect(readFileSync(join(root, 'mine', 'summary.csv'), 'utf8')).toBe('my own summary\n');
    const both = msasim(['sweep', 's.yaml', '--out', 'out', '--resume', '--overwrite'], root);
    expect(both.stderr).toBe(
      'msasim: --resume keeps the runs already in --out and --overwrite replaces them: give one of them\n',
    );
    expect(both.status).toBe(2);
  });

  it('merge refuses an --out of another sweep unless --overwrite', () => {
    const root = copyOf(reference);
    expect(msasim([...OTHER, '--overwrite'], root).status).toBe(0);
    const refused = msasim(['merge', 'sa', 'sb', '--out', 'out'], root);
    expect(refused.stderr).toBe(
      'msasim: out holds the results of another sweep (scenario "folders", 6 runs): to keep it, give --out another folder; to replace it, add --overwrite\n',
    );
    expect(msasim(['merge', 'sa', 'sb', '--out', 'out', '--overwrite'], root).status).toBe(0);
    expect(treeOf(join(root, 'out'))).toEqual(treeOf(join(reference, 'out')));
  });
});
