import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
let runDir: string;

// One small sweep and one run of it; each case damages a copy of one of them.
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'msasim-report-damage-'));
  sweepDir = join(work, 'sweep');
  runDir = join(work, 'run');
  expect(msasim(['sweep', HOSTILE_SCENARIO, '--out', sweepDir, '--workers', '1']).status).toBe(0);
  expect(msasim(['run', HOSTILE_SCENARIO, '--out', runDir]).status).toBe(0);
});

/** A copy of `source` with `file` rewritten by `edit`; its path. */
function damagedCopy(source: string, file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(work, 'damaged-'));
  cpSync(source, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(existsSync(path) ? readFileSync(path, 'utf8') : ''));
  return dir;
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** The text with the cell of `column` on line `line` (1-based) replaced; the line has no quotes. */
function withCell(text: string, line: number, column: string, cell: string): string {
  const all = lines(text);
  const index = all[0]!.split(',').indexOf(column);
  const cells = all[line - 1]!.split(',');
  expect(all[line - 1]).not.toContain('"');
  cells[index] = cell;
  all[line - 1] = cells.join(',');
  return all.join('\n');
}

function columnOf(text: string, column: string): number {
  return lines(text)[0]!.split(',').indexOf(column) + 1;
}

const NUMBER_EXPECTED = 'expected a number (or NaN, Inf, -Inf, or empty for no value)';

/** Each damage: the folder it damages, the file, the edit, and the line msasim must print. */
const CASES: {
  name: string;
  folder: () => string;
  file: string;
  edit: (text: string) => string;
  problem: (text: string) => string | RegExp;
}[] = [
  {
    name: 'a runs.csv cut in the middle of its last line',
    folder: () => sweepDir,
    file: 'runs.csv',
    edit: (text) => text.slice(0, -5),
    problem: (text) =>
      `line ${lines(text).length - 1}: the file ends in the middle of a line (truncated?): msasim ends every line with a newline`,
  },
  {
    name: 'a runs.csv whose header renames a column',
    folder: () => sweepDir,
    file: 'runs.csv',
    edit: (text) => text.replace('run_id,variant,', 'run_id,name,'),
    problem: () =>
      'line 1, column 2: expected the column variant (the header msasim writes starts run_id,variant), got "name"',
  },
  {
    name: 'a runs.csv whose header lost its replication column',
    folder: () => sweepDir,
    file: 'runs.csv',
    edit: (text) => text.replace(',replication,', ',rep,'),
    problem: () =>
      'line 1: expected a column replication (after the swept parameters), found none (damaged header?)',
  },
  {
    name: 'a runs.csv with a word where a number belongs',
    folder: () => sweepDir,
    file: 'runs.csv',
    edit: (text) => withCell(text, 2, 'requests_total', '12x'),
    problem: (text) =>
      `line 2, column ${columnOf(text, 'requests_total')} (requests_total): ${NUMBER_EXPECTED}, got "12x"`,
  },
  {
    name: 'a summary.csv with a word where a number belongs',
    folder: () => sweepDir,
    file: 'summary.csv',
    edit: (text) => withCell(text, 2, 'replications', 'two'),
    problem: (text) =>
      `line 2, column ${columnOf(text, 'replications')} (replications): ${NUMBER_EXPECTED}, got "two"`,
  },
  {
    name: 'a timeseries.csv line with a cell missing',
    folder: () => sweepDir,
    file: 'timeseries.csv',
    edit: (text) => {
      const all = lines(text);
      all[2] = all[2]!.slice(0, all[2]!.lastIndexOf(','));
      return all.join('\n');
    },
    problem: (text) => {
      const columns = lines(text)[0]!.split(',').length;
      return `line 3: ${columns - 1} cells, expected ${columns} as in the header (a damaged or cut line?)`;
    },
  },
  {
    name: 'a runs.csv cut at a line boundary (head -n 3)',
    folder: () => sweepDir,
    file: 'runs.csv',
    edit: (text) => `${lines(text).slice(0, 3).join('\n')}\n`,
    problem: () => 'has 2 runs; sweep.json lists 8: the file is cut short or from another sweep',
  },
  {
    name: 'a services.csv without its last line',
    folder: () => sweepDir,
    file: 'services.csv',
    edit: (text) => `${lines(text).slice(0, -2).join('\n')}\n`,
    problem: () =>
      'has no rows of 1 run that runs.csv lists (7): the file is cut short or from another sweep',
  },
  {
    name: 'a timeseries.csv without its last line',
    folder: () => sweepDir,
    file: 'timeseries.csv',
    edit: (text) => `${lines(text).slice(0, -2).join('\n')}\n`,
    problem: () =>
      /^has \d+ windows of run 7 for scope "[^"]+" and \d+ for another: the file is cut short \(msasim writes every window for every scope\)$/,
  },
  {
    name: 'an empty summary.csv',
    folder: () => sweepDir,
    file: 'summary.csv',
    edit: () => '',
    problem: () => 'is empty: msasim writes at least its header line',
  },
  {
    name: 'an edges.csv ending inside a quoted cell',
    folder: () => sweepDir,
    file: 'edges.csv',
    edit: (text) => `${text}"unclosed\n`,
    problem: (text) => `line ${lines(text).length}: a quoted cell is not closed (truncated?)`,
  },
  {
    name: 'a lambda_report.log line that is not a REPORT line',
    folder: () => sweepDir,
    file: 'lambda_report.log',
    edit: () => 'garbage\n',
    problem: () =>
      'line 1: expected "run <id><TAB><seconds><TAB><function><TAB>REPORT ...", got "garbage"',
  },
  {
    name: 'a sweep.json that is not JSON',
    folder: () => sweepDir,
    file: 'sweep.json',
    edit: () => '{"scenario": "x",\n  oops\n}\n',
    problem: () =>
      /^is not JSON \(line 2, column 3: [^\n]+\), so not a sweep manifest msasim wrote \(damaged\?\)$/,
  },
  {
    name: 'a sweep.json cut short',
    folder: () => sweepDir,
    file: 'sweep.json',
    edit: (text) => text.slice(0, text.indexOf('\n', 10) + 1),
    problem: () =>
      'is not JSON (it ends at line 2 in the middle of a value (truncated?)), so not a sweep manifest msasim wrote (damaged?)',
  },
  {
    name: 'a sweep.json holding a list',
    folder: () => sweepDir,
    file: 'sweep.json',
    edit: () => '[]\n',
    problem: () =>
      'holds a list, not a JSON object, so not a sweep manifest msasim wrote (damaged?)',
  },
  {
    name: 'an empty result.json',
    folder: () => runDir,
    file: 'result.json',
    edit: () => '',
    problem: () => 'is empty, so not a run result msasim wrote',
  },
  {
    name: 'a result.json with text where a number belongs',
    folder: () => runDir,
    file: 'result.json',
    edit: (text) => text.replace(/"durationMs": \d+/, '"durationMs": "long"'),
    problem: () =>
      'is not an msasim run result (damaged, or from another program): durationMs: expected number, got "long"',
  },
  {
    name: "a run folder's cost.csv with a word where a number belongs",
    folder: () => runDir,
    file: 'cost.csv',
    edit: (text) => withCell(text, 2, 'cost_usd', 'free'),
    problem: (text) =>
      `line 2, column ${columnOf(text, 'cost_usd')} (cost_usd): ${NUMBER_EXPECTED}, got "free"`,
  },
];

describe('msasim report and plot on a damaged output folder', () => {
  for (const damage of CASES) {
    it(`refuse ${damage.name}: exit 2, one line naming the file and place, nothing written`, () => {
      const source = join(damage.folder(), damage.file);
      const original = existsSync(source) ? readFileSync(source, 'utf8') : '';
      const dir = damagedCopy(damage.folder(), damage.file, damage.edit);
      const problem = damage.problem(original);
      const out = join(dir, 'report.html');
      const svg = join(dir, 'figures');
      for (const args of [
        ['report', dir, '--out', out],
        ['plot', dir, '--svg', svg],
      ]) {
        const result = msasim(args);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).not.toMatch(STACK_LINE);
        const prefix = `msasim: ${join(dir, damage.file)} `;
        expect(result.stderr.startsWith(prefix)).toBe(true);
        const said = result.stderr.slice(prefix.length).replace(/\n$/, '');
        if (typeof problem === 'string') expect(said).toBe(problem);
        else expect(said).toMatch(problem);
      }
      expect(existsSync(out)).toBe(false);
      expect(existsSync(svg)).toBe(false);
    });
  }

  it("accept a shard's folder, which holds some of sweep.json's runs, and refuse it cut short", () => {
    const shard = join(work, 'shard');
    const sweep = msasim(['sweep', HOSTILE_SCENARIO, '--shard', '1/4', '--out', shard]);
    expect(sweep.status).toBe(0);
    expect(msasim(['report', shard, '--out', join(work, 'shard.html')]).status).toBe(0);
    const runsCsv = join(shard, 'runs.csv');
    writeFileSync(runsCsv, `${lines(readFileSync(runsCsv, 'utf8')).slice(0, 2).join('\n')}\n`);
    const cut = msasim(['report', shard, '--out', join(work, 'shard-cut.html')]);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toBe(
      `msasim: ${runsCsv} has 1 run; runs/ holds 2 of the 8 sweep.json lists (a shard, or failed runs): the file is cut short or from another sweep\n`,
    );
    expect(existsSync(join(work, 'shard-cut.html'))).toBe(false);
  });

  it('refuse a chart file that is a folder, naming it', () => {
    const dir = mkdtempSync(join(work, 'damaged-'));
    cpSync(runDir, dir, { recursive: true });
    rmSync(join(dir, 'cost.csv'));
    mkdirSync(join(dir, 'cost.csv'));
    const result = msasim(['report', dir, '--out', join(dir, 'report.html')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `msasim: ${join(dir, 'cost.csv')} cannot be read (it is a folder, EISDIR)\n`,
    );
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
