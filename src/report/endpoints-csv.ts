import type { EndpointMetrics } from '../metrics/run-result.js';
import { CALL_COLUMNS, callFields } from './call-fields.js';
import type { Cell } from './csv-format.js';
import { kindField, perRunTableWithKind } from './kind-column.js';

/** After run_id, variant, <param paths...>, replication. */
export const ENDPOINT_COLUMNS = ['service', 'endpoint', ...CALL_COLUMNS] as const;

export type EndpointColumn = (typeof ENDPOINT_COLUMNS)[number];

/** One endpoint as named fields: shared by endpoints.csv and results.json so they agree. */
export function endpointFields(
  endpoint: EndpointMetrics,
): Record<EndpointColumn, Cell> & { kind?: string } {
  return {
    service: endpoint.service,
    ...kindField(endpoint),
    endpoint: endpoint.endpoint,
    ...callFields(endpoint),
  };
}

/** endpoints.csv: one row per (run, service endpoint). */
export const endpointsCsv = perRunTableWithKind(
  ENDPOINT_COLUMNS,
  (record) => record.result.endpoints,
  endpointFields,
);
