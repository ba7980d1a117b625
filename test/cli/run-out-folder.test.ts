import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim, STACK_LINE, TINY_SCENARIO } from './run-cli.js';

/** The refusal `run --out` gives for a folder holding msasim output. */
function refusal(dir: string, names: string): string {
  return `msasim: ${dir} holds msasim output (${names}): msasim does not mix two commands' output in one folder, so this run is refused, also when it is the same run again; to keep that output, give --out another folder; to replace it, add --overwrite\n`;
}

describe('msasim run --out into a folder that holds output', () => {
  it('writes into an empty folder as before', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    mkdirSync(join(dir, 'out'));
    expect(msasim(['run', 'tiny.yaml', '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['cost.csv', 'result.json']);
  });

  it('refuses the same run into the same folder twice, before the run, and changes nothing', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    expect(msasim(['run', 'tiny.yaml', '--out', 'out'], dir).status).toBe(0);
    const before = readFileSync(join(dir, 'out', 'result.json'), 'utf8');
    const again = msasim(['run', 'tiny.yaml', '--out', 'out', '--seed', '9'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(refusal('out', 'result.json, cost.csv'));
    expect(again.stderr).not.toMatch(STACK_LINE);
    expect(again.stdout).toBe('');
    expect(readFileSync(join(dir, 'out', 'result.json'), 'utf8')).toBe(before);
  });

  it('refuses a sweep folder, and leaves every file of it', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    expect(msasim(['sweep', 'tiny.yaml', '--out', 'sweep', '--workers', '1'], dir).status).toBe(0);
    const files = readdirSync(join(dir, 'sweep')).sort();
    const cost = readFileSync(join(dir, 'sweep', 'cost.csv'), 'utf8');
    const result = msasim(['run', 'tiny.yaml', '--out', 'sweep'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^msasim: sweep holds msasim output \(sweep\.json, versions\.csv, proxies\.csv and \d+ more\)/,
    );
    expect(result.stderr).toContain('add --overwrite\n');
    expect(readdirSync(join(dir, 'sweep')).sort()).toEqual(files);
    expect(readFileSync(join(dir, 'sweep', 'cost.csv'), 'utf8')).toBe(cost);
  });

  it('with --overwrite replaces a run, removes the earlier run files it does not write, keeps the rest', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const out = join(dir, 'out');
    mkdirSync(out);
    // An earlier run with a mesh, rollouts and versions: files this run has none of.
    for (const name of ['result.json', 'cost.csv', 'mesh_edges.csv', 'metrics.prom']) {
      writeFileSync(join(out, name), 'an earlier run');
    }
    writeFileSync(join(out, 'rollouts.csv'), 'an earlier run');
    writeFileSync(join(out, 'versions.csv'), 'an earlier run');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const result = msasim(['run', 'tiny.yaml', '--json', '--out', 'out', '--overwrite'], dir);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cost.csv', 'notes.txt', 'result.json']);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(result.stdout);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('with --overwrite turns a sweep folder into this run, which report then reads alone', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    expect(msasim(['sweep', 'tiny.yaml', '--out', 'out', '--workers', '1'], dir).status).toBe(0);
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'out', 'runs', 'README'), 'mine too');
    const run = msasim(['run', 'tiny.yaml', '--out', 'out', '--overwrite', '--seed', '8'], dir);
    expect(run.status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'cost.csv',
      'notes.txt',
      'result.json',
      'runs',
    ]);
    expect(readdirSync(join(dir, 'out', 'runs'))).toEqual(['README']);
    const report = msasim(['report', 'out', '--out', 'report.html'], dir);
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/^read result\.json, cost\.csv from out\n/);
  });

  it('refuses --overwrite without --out, in one line', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const result = msasim(['run', 'tiny.yaml', '--overwrite'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'msasim: --overwrite replaces the output in the --out folder: give --out DIR too',
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe('');
  });

  it('with --overwrite still refuses a folder under a name it removes, before the run', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    mkdirSync(join(dir, 'out', 'runs.csv'), { recursive: true });
    writeFileSync(join(dir, 'out', 'result.json'), 'an earlier run');
    const result = msasim(['run', 'tiny.yaml', '--out', 'out', '--overwrite'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `msasim: ${join('out', 'runs.csv')} is a folder, where msasim writes a file: move it away, or give --out another folder\n`,
    );
    expect(readFileSync(join(dir, 'out', 'result.json'), 'utf8')).toBe('an earlier run');
    expect(existsSync(join(dir, 'out', 'runs.csv'))).toBe(true);
  });
});

describe('msasim sweep --out into a run folder', () => {
  it("refuses a run's result.json, and with --overwrite removes it with the rest", () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'result.json'), 'an earlier run');
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
    const refused = msasim(['sweep', 'tiny.yaml', '--out', 'out', '--workers', '1'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'msasim: out holds result.json but no sweep.json, so msasim cannot tell it wrote them; to keep them, give --out another folder; to replace them, add --overwrite\n',
    );
    expect(readFileSync(join(dir, 'out', 'result.json'), 'utf8')).toBe('an earlier run');
    const sweep = msasim(
      ['sweep', 'tiny.yaml', '--out', 'out', '--workers', '1', '--overwrite'],
      dir,
    );
    expect(sweep.status).toBe(0);
    expect(existsSync(join(dir, 'out', 'result.json'))).toBe(false);
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'out', 'sweep.json'))).toBe(true);
  });
});
