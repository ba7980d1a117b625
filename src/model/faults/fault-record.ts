import type { FaultRecord } from '../../metrics/fault-result.js';
import type { FaultConfig } from '../../scenario/fault-schema.js';

/**
 * A fault's row as faults.csv starts it (docs/faults.md, "Outputs"): its kind, what it hits
 * (a pair as `source->target`), and its window, cut at the end of the run. Faults on calls
 * and invocations also count the calls they changed (`callsFaulted`).
 */
export function faultRecordOf(config: FaultConfig, runEndMs: number): FaultRecord {
  const endMs = Math.min(
    config.duration === undefined ? runEndMs : config.at + config.duration,
    runEndMs,
  );
  const [kind, target] = kindAndTarget(config);
  const record: FaultRecord = {
    kind,
    target,
    startMs: config.at,
    endMs,
    podsAffected: 0,
    crashes: 0,
    requestsFailed: 0,
  };
  if (isInjected(config)) record.callsFaulted = 0;
  return record;
}

/** Whether the fault changes calls or invocations (rather than pods and nodes). */
export function isInjected(config: FaultConfig): boolean {
  return (
    config.networkDelay !== undefined ||
    config.networkLoss !== undefined ||
    config.httpAbort !== undefined ||
    config.functionDelay !== undefined ||
    config.functionError !== undefined
  );
}

function kindAndTarget(config: FaultConfig): [string, string] {
  if (config.podCrashes !== undefined) return ['podCrashes', config.podCrashes.service];
  if (config.nodeFailure !== undefined) return ['nodeFailure', config.nodeFailure.node];
  if (config.zoneOutage !== undefined) return ['zoneOutage', config.zoneOutage.zone];
  if (config.functionDelay !== undefined) return ['functionDelay', config.functionDelay.function];
  if (config.functionError !== undefined) return ['functionError', config.functionError.function];
  const kind =
    config.networkDelay !== undefined
      ? 'networkDelay'
      : config.networkLoss !== undefined
        ? 'networkLoss'
        : 'httpAbort';
  const call = config.networkDelay ?? config.networkLoss ?? config.httpAbort!;
  return [kind, call.from === undefined ? call.service : `${call.from}->${call.service}`];
}
