/**
 * The phases in which a pod is alive and so spends time, in their order of a pod's life:
 * every pod phase but 'Gone' (a gone pod spends none). The list lives here, in metrics, and
 * the model's PodPhase (src/model/cluster/lifecycle-listener.ts) is built from it, because
 * the model may import metrics and not the other way round. Output columns are derived from
 * this list (docs/outputs.md).
 */
export const ALIVE_PHASES = [
  'Pending',
  'Scheduled',
  'PullingImage',
  'Starting',
  'Running',
  'Ready',
  'Terminating',
] as const;

export type AlivePhase = (typeof ALIVE_PHASES)[number];

/** The phase's index in ALIVE_PHASES; -1 for any other (i.e. 'Gone'). */
export function alivePhaseIndex(phase: string): number {
  return (ALIVE_PHASES as readonly string[]).indexOf(phase);
}

/** Each phase as a word of a column name (`seconds_pulling_image`). */
export const PHASE_WORDS = {
  Pending: 'pending',
  Scheduled: 'scheduled',
  PullingImage: 'pulling_image',
  Starting: 'starting',
  Running: 'running',
  Ready: 'ready',
  Terminating: 'terminating',
} as const satisfies Record<AlivePhase, string>;

export type PhaseWord = (typeof PHASE_WORDS)[AlivePhase];
