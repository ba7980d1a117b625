import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { simulate } from '../../src/model/simulate.js';
import { chartFileProblem } from '../../src/report/figures/chart-file-checks.js';
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
    const records = await Promise.all(
      [...firstRuns.values()].map(async (spec, runId) => ({
        runId,
        variant: `${spec.variant}, "quoted"`,
        params: { 'workload.users.rate': '10/s' },
        replication: 0,
        seed: spec.seed,
        result: await simulate(spec.scenario, { seed: spec.seed }),
      })),
    );
    const problems = Object.entries(
      sweepOutputFiles(loadScenarioFile(join(SCENARIOS, file)), records),
    ).flatMap(([name, written]) => {
      const problem = chartFileProblem(name, written);
      return problem === undefined ? [] : [`${name} ${problem}`];
    });
    expect(problems).toEqual([]);
  });
});
