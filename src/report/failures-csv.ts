import { failureCauseInfo } from '../metrics/failure-causes.js';
import type { EndpointFailures } from '../metrics/run-result.js';
import type { Cell } from './csv-format.js';
import { kindField, perRunTableWithKind } from './kind-column.js';

/**
 * After run_id, variant, <param paths...>, replication. Long form, one row per (endpoint,
 * cause) that had a failure, so that a new cause adds rows and never a column. http_status
 * and response_flag repeat the registry (failure-causes.ts) so a row reads on its own.
 */
export const FAILURE_COLUMNS = [
  'service',
  'endpoint',
  'cause',
  'http_status',
  'response_flag',
  'originated',
  'propagated',
] as const;

export type FailureColumn = (typeof FAILURE_COLUMNS)[number];

/** One row as named fields: shared by failures.csv and results.json so they agree. */
export function failureFields(
  failures: EndpointFailures,
): Record<FailureColumn, Cell> & { kind?: string } {
  const info = failureCauseInfo(failures.cause);
  return {
    service: failures.service,
    ...kindField(failures),
    endpoint: failures.endpoint,
    cause: failures.cause,
    http_status: info.httpStatus,
    response_flag: info.responseFlag,
    originated: failures.originated,
    propagated: failures.propagated,
  };
}

/** failures.csv: one row per (run, endpoint, cause) with a failure. */
export const failuresCsv = perRunTableWithKind(
  FAILURE_COLUMNS,
  (record) => record.result.failures,
  failureFields,
);
