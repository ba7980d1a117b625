import { describe, expect, it } from 'vitest';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * lifecycle-scale.yaml scales web from 3 to 5 pods at 10 s (ready at 26 s) and to 2 at 40 s.
 * Web is the only service, so the `total` scope must show what web's scope shows, the pods
 * added during the run included.
 */
describe('the time series counts pods added during the run', () => {
  const scenario = loadScenario('lifecycle-scale');
  scenario.outputs.window = 10_000;
  const rows = [...timeSeriesRows(simulate(scenario).timeseries)];
  const scope = (name: string) => rows.filter((row) => row.scope === name);

  it('the total scope: 5 ready pods in the window that closes at 30 s, as web has', () => {
    expect(scope('web').map((row) => row.readyPods)).toEqual([3, 3, 5, 5, 2, 2]);
    expect(scope('total').map((row) => row.readyPods)).toEqual([3, 3, 5, 5, 2, 2]);
  });

  it("an added pod's CPU counts, in its service and in the total", () => {
    for (const rows of [scope('web'), scope('total')])
      for (const row of rows) expect(Number.isFinite(row.cpuCoresUsed)).toBe(true);
    expect(scope('total').map((row) => row.cpuCoresUsed)).toEqual(
      scope('web').map((row) => row.cpuCoresUsed),
    );
  });
});
