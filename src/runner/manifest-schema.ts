import { z } from 'zod';

/**
 * sweep.json, a sweep folder's manifest: what identifies the sweep its run files belong to,
 * the scenario document as parsed from the file and the settings that change its runs.
 * Deliberately nothing about where or how it runs (shard, workers, paths, time), so every
 * shard of one sweep writes the same manifest. It is read back by --resume and merge, so
 * it is validated like any input: a hand-edited `runs: 1e9` or `runs: "8"` is refused.
 */

const wholeNumber = (min: number) =>
  z.number().refine((value) => Number.isSafeInteger(value) && value >= min, {
    message: `expected a whole number >= ${min}`,
  });

export const sweepManifestSchema = z.object({
  format: z.literal(1, { error: 'expected 1, the only format msasim writes' }),
  /** the scenario's name */
  scenario: z.string(),
  /** the scenario document as parsed from its file, trace files inlined */
  document: z.unknown().refine(isMapping, { message: 'expected the scenario document' }),
  replications: wholeNumber(1),
  baseSeed: wholeNumber(0),
  /** runs of the whole sweep */
  runs: wholeNumber(1),
});

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type SweepManifest = z.infer<typeof sweepManifestSchema>;
