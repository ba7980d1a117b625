import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { msasim, STACK_LINE } from './run-cli.js';

const HOSTILE_SCENARIO = fileURLToPath(
  new URL('../fixtures/report/hostile-variant.yaml', import.meta.url),
);

let work: string;
let sweepDir: string;

// One small sweep (8 runs of 20 s) for every test of this file.
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'msasim-report-'));
  sweepDir = join(work, 'sweep');
  const sweep = msasim([
    'sweep',
    HOSTILE_SCENARIO,
    '--out',
    sweepDir,
    '--workers',
    '1',
    '--html',
    join(work, 'from-sweep.html'),
  ]);
  expect(sweep.status).toBe(0);
});

describe('msasim report', () => {
  it('writes one HTML file naming the files it read, the same bytes as sweep --html', () => {
    const out = join(work, 'report.html');
    const result = msasim(['report', sweepDir, '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `read sweep.json, services.csv, edges.csv, summary.csv, cost.csv, runs.csv, timeseries.csv, timeseries_pods.csv from ${sweepDir}\nwrote ${out}\n`,
    );
    const html = readFileSync(out, 'utf8');
    expect(html).toBe(readFileSync(join(work, 'from-sweep.html'), 'utf8'));
    expect(html).not.toMatch(/<img|src=["']?http|<link/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("default-src 'none'");
  });

  it('refuses an --out file that exists, exit 2, and leaves it as it was', () => {
    const out = join(work, 'mine.html');
    writeFileSync(out, 'my notes');
    const result = msasim(['report', sweepDir, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `msasim: ${out} exists: msasim never overwrites a file it did not write in this command; choose a new name or remove it\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('my notes');
  });

  it('refuses an --out that is a folder, saying a file name is needed, and leaves it empty', () => {
    const folder = mkdtempSync(join(tmpdir(), 'msasim-report-folder-'));
    const result = msasim(['report', sweepDir, '--out', folder]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `msasim: ${folder} is a folder: give the name of a new file to write, like ${join(folder, 'report.html')}\n`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder that is not msasim output, and one that does not exist, in one line', () => {
    const empty = mkdtempSync(join(tmpdir(), 'msasim-empty-'));
    const notOutput = msasim(['report', empty, '--out', join(work, 'x.html')]);
    expect(notOutput.status).toBe(2);
    expect(notOutput.stderr).toBe(
      `msasim: ${empty} holds no msasim output: no sweep.json (msasim sweep --out) and no result.json (msasim run --out)\n`,
    );
    const missing = msasim(['report', join(work, 'nope'), '--out', join(work, 'y.html')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `msasim: ${join(work, 'nope')} does not exist: give the --out folder of msasim sweep or msasim run\n`,
    );
    expect(missing.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(work)).not.toContain('x.html');
  });

  it('reports on a run --out folder with the title and charts run --html draws for the same run', () => {
    const runDir = join(work, 'run');
    const run = msasim([
      'run',
      HOSTILE_SCENARIO,
      '--out',
      runDir,
      '--html',
      join(work, 'run.html'),
    ]);
    expect(run.status).toBe(0);
    const result = msasim(['report', runDir, '--out', join(work, 'run-report.html')]);
    expect(result.status).toBe(0);
    // cost.csv is read from the folder: result.json leaves out the cost allocation it is
    // made from when the scenario has no pricing.
    expect(result.stdout).toContain(`read result.json, cost.csv from ${runDir}`);
    const fromFolder = readFileSync(join(work, 'run-report.html'), 'utf8');
    const fromRun = readFileSync(join(work, 'run.html'), 'utf8');
    const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
    const headingOf = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
    const chartsOf = (html: string) =>
      [...html.matchAll(/<figure id="([^"]+)"/g)].map((match) => match[1]);
    expect(titleOf(fromRun)).toBe('msasim report: report-hostile');
    expect(titleOf(fromFolder)).toBe(titleOf(fromRun));
    expect(headingOf(fromFolder)).toBe(headingOf(fromRun));
    expect(chartsOf(fromRun)).toEqual(['latency-cdf', 'cost-breakdown', 'availability-over-time']);
    expect(chartsOf(fromFolder)).toEqual(chartsOf(fromRun));
    // The same seed: the charts' numbers agree too.
    const figures = (html: string) => html.slice(html.indexOf('<figure'), html.indexOf('<script'));
    expect(figures(fromFolder)).toBe(figures(fromRun));
  });

  it('sweep --html refuses an existing file before any run', () => {
    const out = join(work, 'taken.html');
    writeFileSync(out, 'x');
    const result = msasim(['sweep', HOSTILE_SCENARIO, '--out', join(work, 'never'), '--html', out]);
    expect(result.status).toBe(2);
    expect(readdirSync(work)).not.toContain('never');
  });

  it('refuses an --html with no file name before any run, in one line', () => {
    const result = msasim(['sweep', HOSTILE_SCENARIO, '--out', join(work, 'nameless'), '--html']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'msasim: no file name given: name the new file to write, like report.html\n',
    );
    expect(readdirSync(work)).not.toContain('nameless');
  });

  it('names the output folder it needs when none is given', () => {
    const result = msasim(['report']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'missing the output folder, like: msasim report out/checkout-chain --out report.html',
    );
  });
});

describe('msasim plot', () => {
  it('writes one SVG per chart, the same bytes every time', () => {
    const first = msasim(['plot', sweepDir, '--svg', join(work, 'svg-1')]);
    const second = msasim(['plot', sweepDir, '--svg', join(work, 'svg-2')]);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(first.stdout).toContain(
      'wrote service-graph.svg, latency-cdf.svg, percentiles.svg, cost-and-p99.svg, cost-breakdown.svg, availability-over-time.svg to',
    );
    const names = readdirSync(join(work, 'svg-1')).sort();
    expect(names).toHaveLength(6);
    for (const name of names) {
      const svg = readFileSync(join(work, 'svg-1', name), 'utf8');
      expect(svg).toBe(readFileSync(join(work, 'svg-2', name), 'utf8'));
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      expect(svg).toContain('width="317"');
    }
  });

  it('refuses to write over a file it did not write, and writes none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msasim-svg-'));
    writeFileSync(join(dir, 'percentiles.svg'), 'mine');
    const result = msasim(['plot', sweepDir, '--svg', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('percentiles.svg exists');
    expect(readdirSync(dir)).toEqual(['percentiles.svg']);
    expect(readFileSync(join(dir, 'percentiles.svg'), 'utf8')).toBe('mine');
  });

  it('refuses its own figures of an earlier plot without --overwrite, saying what to do', () => {
    const dir = join(work, 'svg-twice');
    expect(msasim(['plot', sweepDir, '--svg', dir]).status).toBe(0);
    const before = readFileSync(join(dir, 'latency-cdf.svg'), 'utf8');
    const again = msasim(['plot', sweepDir, '--svg', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `msasim: ${join(dir, 'service-graph.svg')} exists: msasim never overwrites a file it did not write in this command; choose a new --svg folder, remove it, or add --overwrite to replace the figures plot writes\n`,
    );
    expect(readFileSync(join(dir, 'latency-cdf.svg'), 'utf8')).toBe(before);
  });

  it('with --overwrite replaces its figures, removes stale ones, and leaves every other file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msasim-svg-over-'));
    writeFileSync(join(dir, 'latency-cdf.svg'), 'an earlier plot');
    writeFileSync(join(dir, 'service-graph-3.svg'), 'an earlier plot with more services');
    writeFileSync(join(dir, 'notes.svg'), 'mine');
    writeFileSync(join(dir, 'latency-cdf-old.svg'), 'mine too');
    const result = msasim(['plot', sweepDir, '--svg', dir, '--overwrite']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('removed service-graph-3.svg: figures of an earlier plot\n');
    const fresh = join(work, 'svg-fresh');
    expect(msasim(['plot', sweepDir, '--svg', fresh]).status).toBe(0);
    expect(readFileSync(join(dir, 'latency-cdf.svg'), 'utf8')).toBe(
      readFileSync(join(fresh, 'latency-cdf.svg'), 'utf8'),
    );
    expect(readdirSync(dir).sort()).toEqual(
      [...readdirSync(fresh), 'notes.svg', 'latency-cdf-old.svg'].sort(),
    );
    expect(readFileSync(join(dir, 'notes.svg'), 'utf8')).toBe('mine');
  });

  it('with --overwrite still refuses a folder where it writes a figure, and writes none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msasim-svg-dir-'));
    mkdirSync(join(dir, 'percentiles.svg'));
    const result = msasim(['plot', sweepDir, '--svg', dir, '--overwrite']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `msasim: ${join(dir, 'percentiles.svg')} is a folder, where plot writes a figure: move it away, or choose a new --svg folder\n`,
    );
    expect(readdirSync(dir)).toEqual(['percentiles.svg']);
  });

  it('refuses an --svg that names a file, in one line, and leaves the file', () => {
    const file = join(work, 'not-a-folder.html');
    writeFileSync(file, 'mine');
    const result = msasim(['plot', sweepDir, '--svg', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `msasim: ${file} is a file: --svg names a folder to write the SVG files into\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});
