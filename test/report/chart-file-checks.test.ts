import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { simulate } from '../../src/model/simulate.js';
import { chartFileProblem, folderRunsProblem } from '../../src/report/figures/chart-file-checks.js';
import { loadScenarioFile } from '../../src/runner/run-scenario.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { YAML_OPTIONS } from '../../src/scenario/load.js';
import { expandSweep, type RunSpec } from '../../src/scenario/sweep-expand.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const RUNS = 'run_id,variant,workload.users.rate,replication,seed,requests_total\n';

describe('the check of a file the charts read', () => {
  it.each([
    ['a header and rows as msasim writes them', `${RUNS}0,a,100/s,0,7,1794\n1,"b, c",200/s,0,8,\n`],
    [
      'NaN, Inf, -Inf and 1e-7 in a number column',
      `${RUNS}0,a,1/s,0,7,NaN\n1,a,1/s,0,7,Inf\n2,a,1/s,0,7,-Inf\n3,a,1/s,0,7,1e-7\n`,
    ],
    ['a quoted cell holding a line end', `${RUNS}0,"a\nb",1/s,0,7,3\n`],
    [
      '"\\r\\n" line ends (saved again by a spreadsheet)',
      `${RUNS}0,a,1/s,0,7,3\n`.replaceAll('\n', '\r\n'),
    ],
  ])('accepts %s', (_, text) => {
    expect(chartFileProblem('runs.csv', text)).toBeUndefined();
  });

  it('leaves alone a file no chart reads', () => {
    expect(chartFileProblem('notes.txt', 'anything, at all')).toBeUndefined();
  });

  it.each([
    [
      `${RUNS}0,"a\nb",1/s,0,7,x\n`,
      'line 2, column 6 (requests_total): expected a number (or NaN, Inf, -Inf, or empty for no value), got "x"',
    ],
    [
      `${RUNS}0,"a\nb",1/s,0\n1,a,1/s,0,7,3\n`,
      'line 2: 4 cells, expected 6 as in the header (a damaged or cut line?)',
    ],
    [
      `${RUNS}0,"a\nb",1/s,0,7,3\n1,a,1/s,0,7,3\n2,a`,
      'line 5: the file ends in the middle of a line (truncated?): msasim ends every line with a newline',
    ],
  ])('names the line a row starts on, after a quoted line end: %j', (text, problem) => {
    expect(chartFileProblem('runs.csv', text)).toBe(problem);
  });
});

// The checks know which columns hold text; a new text column in a table must be added
// there, or report would refuse a folder msasim wrote. Every table of every variant of every
// shipped scenario (its first run: an Argo analysis's abort, a fault's columns, a function's
// live in variants), with a swept parameter and a variant name that needs quoting, passes.
describe('every table msasim writes for a shipped scenario passes the checks', () => {
  const files = readdirSync(SCENARIOS).filter((name) => name.endsWith('.yaml'));
  it.each(files)('%s, every variant', async (file) => {
    const text = readFileSync(join(SCENARIOS, file), 'utf8');
    const firstRuns = new Map<string, RunSpec>();
    for (const spec of expandSweep(parse(text, YAML_OPTIONS), { fileName: file }))
      if (!firstRuns.has(spec.variant)) firstRuns.set(spec.variant, spec);
    // Each variant's first run, and the same run again as its second replication.
    const records = (
      await Promise.all(
        [...firstRuns.values()].map(async (spec) => ({
          variant: `${spec.variant}, "quoted"`,
          params: { 'workload.users.rate': '10/s' },
          seed: spec.seed,
          result: await simulate(spec.scenario, { seed: spec.seed }),
        })),
      )
    ).flatMap((run, index) => [
      { ...run, runId: 2 * index, replication: 0 },
      { ...run, runId: 2 * index + 1, replication: 1 },
    ]);
    const written = sweepOutputFiles(loadScenarioFile(join(SCENARIOS, file)), records);
    const problems = Object.entries(written).flatMap(([name, table]) => {
      const problem = chartFileProblem(name, table);
      return problem === undefined ? [] : [`${name} ${problem}`];
    });
    expect(problems).toEqual([]);
    const runs = {
      ids: records.map((record) => record.runId),
      source: `sweep.json lists ${records.length}`,
    };
    expect(folderRunsProblem(new Map(Object.entries(written)), runs)).toBeUndefined();
  });
});

describe('the check of the runs across a sweep folder', () => {
  const RUN_HEAD = 'run_id,variant,replication,seed\n';
  const runsCsv = `${RUN_HEAD}0,a,0,1\n1,a,1,2\n2,b,0,3\n`;
  const EDGE_HEAD = 'run_id,variant,replication,from,to,requests\n';
  const all = { ids: [0, 1, 2], source: 'sweep.json lists 3' };

  it('accepts a folder whose tables hold its runs, as the run files say', () => {
    const edges = `${EDGE_HEAD}0,a,0,x,y,1\n1,a,1,x,y,2\n`;
    const files = new Map([
      ['runs.csv', runsCsv],
      ['edges.csv', edges],
    ]);
    expect(folderRunsProblem(files, all)).toBeUndefined();
  });

  it.each([
    [
      'a runs.csv with fewer runs',
      [['runs.csv', `${RUN_HEAD}0,a,0,1\n`]],
      'runs.csv has 1 run; sweep.json lists 3: the file is cut short or from another sweep',
    ],
    [
      'a runs.csv with other runs',
      [['runs.csv', `${RUN_HEAD}0,a,0,1\n1,a,1,2\n5,b,0,3\n`]],
      'runs.csv has run 5, which sweep.json lists 3 does not have (or not in this order): the file is cut short or from another sweep',
    ],
    [
      'a table with a run runs.csv does not list',
      [
        ['runs.csv', runsCsv],
        ['edges.csv', `${EDGE_HEAD}0,a,0,x,y,1\n9,a,0,x,y,1\n`],
      ],
      'edges.csv has rows of run 9, which runs.csv does not list: the file is from another sweep',
    ],
    [
      'edges cut inside the rows of a replication',
      [
        ['runs.csv', runsCsv],
        ['edges.csv', `${EDGE_HEAD}0,a,0,x,y,1\n0,a,0,y,z,1\n1,a,1,x,y,2\n`],
      ],
      'edges.csv has 1 row of run 1 and 2 of run 0, a replication of the same variant and parameters: the file is cut short or edited (replications have the same edges)',
    ],
    [
      'a time series cut inside a run',
      [
        ['runs.csv', runsCsv],
        [
          'timeseries.csv',
          'run_id,variant,replication,window_start_ms,scope,requests\n' +
            '0,a,0,0,total,1\n0,a,0,0,api,1\n1,a,1,0,total,1\n1,a,1,0,api,1\n' +
            '2,b,0,0,total,1\n2,b,0,0,api,1\n2,b,0,1000,total,1\n',
        ],
      ],
      'timeseries.csv has 1 window of run 2 for scope "api" and 2 for another: the file is cut short (msasim writes every window for every scope)',
    ],
  ])('refuses %s', (_, entries, message) => {
    const files = new Map(entries as [string, string][]);
    const found = folderRunsProblem(files, all);
    expect(found && `${found.name} ${found.problem}`).toBe(message);
  });

  it("accepts a shard's runs, as its run files say", () => {
    const shard = `${RUN_HEAD}1,a,1,2\n`;
    const runs = { ids: [1], source: 'runs/ holds 1 of the 3 sweep.json lists' };
    expect(folderRunsProblem(new Map([['runs.csv', shard]]), runs)).toBeUndefined();
  });
});
