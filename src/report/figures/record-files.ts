// The tables a sweep would write, made in memory from run records: how a run's report
// (`run --html`, a `run --out` folder) gets the same files as a sweep's.
import { optionalOutputFiles } from '../optional-output-files.js';
import type { RunRecord } from '../run-record.js';
import { runsCsv } from '../runs-csv.js';
import { summarize } from '../summary.js';
import { summaryCsv } from '../summary-csv.js';
import { timeseriesCsv } from '../timeseries-csv.js';
import { timeseriesPodsCsv } from '../timeseries-pods-csv.js';

export function recordFiles(records: readonly RunRecord[]): Map<string, string> {
  return new Map(
    Object.entries({
      'runs.csv': runsCsv(records),
      'summary.csv': summaryCsv(summarize(records)),
      'timeseries.csv': timeseriesCsv(records),
      'timeseries_pods.csv': timeseriesPodsCsv(records),
      ...optionalOutputFiles(records),
    }),
  );
}
