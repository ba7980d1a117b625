import type { FaultRecord, FaultsResult } from '../metrics/fault-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication (docs/faults.md, "Outputs"). */
export const FAULT_COLUMNS = [
  'kind',
  'target',
  'start_s',
  'end_s',
  'pods_affected',
  'crashes',
  'requests_failed',
] as const;

type FaultColumn = (typeof FAULT_COLUMNS)[number];

function faultFields(fault: FaultRecord): Record<FaultColumn, Cell> {
  return {
    kind: fault.kind,
    target: fault.target,
    start_s: fault.startMs / 1000,
    end_s: fault.endMs / 1000,
    pods_affected: fault.podsAffected,
    crashes: fault.crashes,
    requests_failed: fault.requestsFailed,
  };
}

/** faults.csv: one row per (run, fault), in the order the scenario lists them. */
export const faultsCsv = perRunTable(
  FAULT_COLUMNS,
  (record) => record.result.faults?.faults ?? [],
  faultFields,
);

/** results.json's faults and steady-state verdict, with faults.csv's names. */
export function faultsJson(result: FaultsResult) {
  const verdict = result.steadyState;
  return {
    faults: result.faults.map(faultFields),
    ...(verdict === undefined
      ? {}
      : {
          steady_state: {
            held: verdict.held,
            windows: verdict.windows,
            windows_broken: verdict.broken.map((w) => ({
              start_s: w.startMs / 1000,
              end_s: w.endMs / 1000,
              availability: w.availability,
              p99_ms: w.p99Ms ?? null,
            })),
          },
        }),
  };
}
