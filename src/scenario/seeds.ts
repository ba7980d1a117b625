/**
 * The seed of each run of a sweep. It depends on the base seed and the replication index
 * ONLY: every variant and every grid point at replication r runs with the same seed, so the
 * named random streams (arrivals, service times...) draw the same numbers in all of them.
 * These are common random numbers: the difference between two strategies at one
 * replication is the strategies' doing, not noise from different draws, and confidence
 * intervals on differences shrink for the same number of runs. Replications differ from
 * one another because their index differs.
 *
 * Nothing here looks at a run's position in a queue, the worker that runs it or the shard
 * it falls in, so any scheduling of the same sweep gives the same seeds.
 *
 * The hash: 32-bit FNV-1a over the little-endian bytes of (base seed low word, base seed
 * high word, replication), then the MurmurHash3 32-bit finalizer (fmix32) so that
 * neighbouring inputs give seeds that differ in about half their bits. The result is an
 * unsigned 32-bit integer, a valid `seed` for `msasim run FILE --seed S`.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function runSeed(baseSeed: number, replication: number): number {
  if (!Number.isSafeInteger(baseSeed) || baseSeed < 0) {
    throw new RangeError(`base seed must be a whole number >= 0, got ${baseSeed}`);
  }
  if (!Number.isSafeInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be a whole number >= 0, got ${replication}`);
  }
  const low = baseSeed >>> 0;
  const high = Math.floor(baseSeed / 2 ** 32) >>> 0;
  let hash = FNV_OFFSET_BASIS;
  for (const word of [low, high, replication >>> 0]) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (word >>> shift) & 0xff;
      hash = Math.imul(hash, FNV_PRIME);
    }
  }
  return fmix32(hash);
}

/** MurmurHash3's finalizer: every input bit affects every output bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
