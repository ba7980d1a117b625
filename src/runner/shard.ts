/**
 * A deterministic slice of a sweep: shard K of N takes the runs whose id is K modulo N.
 * Striping (rather than contiguous blocks) spreads every variant and grid point over all
 * shards, so slow variants do not pile up in one shard. The slice depends only on the run
 * ids, never on timing, so the N shards together hold every run exactly once.
 */
export interface Shard {
  /** 0-based: 0 .. count-1, as SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX count */
  index: number;
  count: number;
}

export function inShard(runId: number, shard: Shard | undefined): boolean {
  return shard === undefined || runId % shard.count === shard.index;
}

/** Parses `K/N` (the CLI's --shard), e.g. `2/4` is the third of four shards. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null) throw new RangeError(`--shard must be K/N, like 0/4; got "${text}"`);
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  checkShard(shard);
  return shard;
}

export function checkShard(shard: Shard): void {
  if (!Number.isSafeInteger(shard.count) || shard.count < 1) {
    throw new RangeError(`the shard count must be a whole number >= 1, got ${shard.count}`);
  }
  if (!Number.isSafeInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new RangeError(
      `the shard index must be 0 to ${shard.count - 1} (0-based), got ${shard.index}`,
    );
  }
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
