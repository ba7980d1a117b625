import { describe, expect, it } from 'vitest';
import { comparisonTable } from '../../src/report/comparison-table.js';
import { edgesCsv } from '../../src/report/edges-csv.js';
import { nodesCsv } from '../../src/report/nodes-csv.js';
import { podsCsv } from '../../src/report/pods-csv.js';
import { resultsJson } from '../../src/report/results-json.js';
import type { RunRecord } from '../../src/report/run-record.js';
import { runsCsv } from '../../src/report/runs-csv.js';
import { servicesCsv } from '../../src/report/services-csv.js';
import { summarize } from '../../src/report/summary.js';
import { summaryCsv } from '../../src/report/summary-csv.js';
import {
  evaluateThresholds,
  thresholdReport,
  thresholdsSchema,
} from '../../src/report/thresholds.js';
import { timeseriesCsv } from '../../src/report/timeseries-csv.js';
import { timeseriesPodsCsv } from '../../src/report/timeseries-pods-csv.js';
import { makeSweep, shuffled } from './fixtures.js';

/** Every text the report layer produces for one sweep. */
function allOutputs(records: readonly RunRecord[]): Record<string, string> {
  const summary = summarize(records);
  const thresholds = thresholdsSchema.parse({ latency_p99_ms: '< 100', availability: '> 99.8%' });
  return {
    'runs.csv': runsCsv(records),
    'summary.csv': summaryCsv(summary),
    'timeseries.csv': timeseriesCsv(records),
    'edges.csv': edgesCsv(records),
    'services.csv': servicesCsv(records),
    'pods.csv': podsCsv(records),
    'nodes.csv': nodesCsv(records),
    'timeseries_pods.csv': timeseriesPodsCsv(records),
    'results.json': resultsJson({ scenario: { name: 'demo' }, records, summary }),
    table: comparisonTable(summary),
    thresholds: thresholdReport(evaluateThresholds(thresholds, summary)),
  };
}

describe('report determinism', () => {
  it('gives byte-identical outputs for the same runs, whatever order they finished in', () => {
    const sweep = makeSweep();
    const reference = allOutputs(sweep);
    expect(allOutputs(makeSweep())).toEqual(reference);
    expect(allOutputs(shuffled(sweep))).toEqual(reference);
    expect(allOutputs([...sweep].reverse())).toEqual(reference);
  });
});
