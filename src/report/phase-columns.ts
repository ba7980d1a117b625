import { ALIVE_PHASES, PHASE_WORDS, type PhaseWord } from '../metrics/ledger/alive-phases.js';
import type { PhaseSeconds } from '../metrics/run-result.js';

/**
 * One column per phase a pod is alive in, in the phases' order (Pending … Terminating):
 * `seconds_pending` … `seconds_terminating` for a prefix `seconds_`. Derived from the list
 * of phases, so the order is stable and documented once (docs/outputs.md).
 */
export function phaseColumns<Prefix extends string>(prefix: Prefix): `${Prefix}${PhaseWord}`[] {
  return ALIVE_PHASES.map((phase) => `${prefix}${PHASE_WORDS[phase]}` as const);
}

/** The phase columns' cells from seconds (or counts) by phase. */
export function phaseFields<Prefix extends string>(
  prefix: Prefix,
  byPhase: PhaseSeconds,
): Record<`${Prefix}${PhaseWord}`, number> {
  const fields = {} as Record<`${Prefix}${PhaseWord}`, number>;
  for (const phase of ALIVE_PHASES) fields[`${prefix}${PHASE_WORDS[phase]}`] = byPhase[phase];
  return fields;
}
