import type { FaultsResult } from '../metrics/fault-result.js';
import { count, fixed, renderTable } from './summary-table.js';

/**
 * The run's faults and its steady-state verdict (docs/faults.md): per fault, what it hit
 * and the requests that failed while it lasted; then whether the hypothesis held, with the
 * windows that broke it.
 */
export function faultsSection(faults: FaultsResult): string {
  const parts: string[] = [];
  // Faults on calls and invocations add a column; a run without any prints as it did.
  const injected = faults.faults.some((f) => f.callsFaulted !== undefined);
  if (faults.faults.length > 0)
    parts.push(
      `Faults (failed: measured requests that failed while it lasted${injected ? '; calls faulted: attempts it delayed, aborted, lost a segment of, or invocations it hit' : ''})\n${renderTable(
        [
          'kind',
          'target',
          'start s',
          'end s',
          'pods hit',
          'crashes',
          'failed',
          ...(injected ? ['calls faulted'] : []),
        ],
        faults.faults.map((f) => [
          f.kind,
          f.target,
          fixed(f.startMs / 1000, 1),
          fixed(f.endMs / 1000, 1),
          count(f.podsAffected),
          count(f.crashes),
          count(f.requestsFailed),
          ...(injected ? [f.callsFaulted === undefined ? '' : count(f.callsFaulted)] : []),
        ]),
        2,
      )}`,
    );
  const verdict = faults.steadyState;
  if (verdict !== undefined) parts.push(steadyStateText(verdict));
  return parts.join('\n\n');
}

function steadyStateText(verdict: NonNullable<FaultsResult['steadyState']>): string {
  if (verdict.windows === 0)
    return 'Steady state: not judged (no measured request arrived in any window)';
  const head = `Steady state: ${verdict.held ? 'held' : 'NOT held'} (${verdict.broken.length} of ${verdict.windows} windows broken)`;
  if (verdict.broken.length === 0) return head;
  return `${head}\n${renderTable(
    ['window s', 'availability %', 'p99 ms'],
    verdict.broken.map((w) => [
      `${fixed(w.startMs / 1000, 1)}-${fixed(w.endMs / 1000, 1)}`,
      fixed(w.availability * 100, 3),
      fixed(w.p99Ms ?? null, 1),
    ]),
    1,
  )}`;
}
