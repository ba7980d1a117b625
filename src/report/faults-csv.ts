import type { FaultRecord, FaultsResult } from '../metrics/fault-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import type { RunRecord } from './run-record.js';

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

/**
 * Added after them only when some fault of the table changes calls or invocations
 * (networkDelay, networkLoss, httpAbort, functionDelay, functionError): the attempts it
 * changed, empty for the other kinds. A table without such faults keeps its bytes.
 */
const CALLS_FAULTED = 'calls_faulted';

type FaultColumn = (typeof FAULT_COLUMNS)[number] | typeof CALLS_FAULTED;

function faultFields(fault: FaultRecord): Record<FaultColumn, Cell> {
  return {
    calls_faulted: fault.callsFaulted ?? null,
    kind: fault.kind,
    target: fault.target,
    start_s: fault.startMs / 1000,
    end_s: fault.endMs / 1000,
    pods_affected: fault.podsAffected,
    crashes: fault.crashes,
    requests_failed: fault.requestsFailed,
  };
}

const faultsOf = (record: RunRecord) => record.result.faults?.faults ?? [];

/** faults.csv: one row per (run, fault), in the order the scenario lists them. */
export function faultsCsv(records: readonly RunRecord[], paramNames?: readonly string[]): string {
  const injected = records.some((record) =>
    faultsOf(record).some((fault) => fault.callsFaulted !== undefined),
  );
  const columns: readonly FaultColumn[] = injected
    ? [...FAULT_COLUMNS, CALLS_FAULTED]
    : FAULT_COLUMNS;
  return perRunTable(columns, faultsOf, faultFields)(records, paramNames);
}

/** A fault's fields for results.json: calls_faulted only where the fault has it. */
function faultJson(fault: FaultRecord) {
  const { calls_faulted, ...fields } = faultFields(fault);
  return fault.callsFaulted === undefined ? fields : { ...fields, calls_faulted };
}

/** results.json's faults and steady-state verdict, with faults.csv's names. */
export function faultsJson(result: FaultsResult) {
  const verdict = result.steadyState;
  return {
    faults: result.faults.map(faultJson),
    ...(verdict === undefined
      ? {}
      : {
          steady_state: {
            // no window had a request: not judged, so no verdict (absent, not held)
            held: verdict.windows === 0 ? null : verdict.held,
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
