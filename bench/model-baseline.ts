import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench:model -- --baseline DIR`: this build against an older one, side by side in
 * the same run, as the machine's load shifts. DIR is a checkout of the older commit with
 * its bench compiled (`npx tsc -p bench/tsconfig.json` there); each round runs chain-6 for
 * `--duration` simulated seconds in a fresh child of each build (the older build's own
 * bench/chain-6.yaml), alternating which goes first, and prints both speeds and their
 * ratio. The ratio of a round is taken within the round, so a load that changes between
 * rounds moves both sides. Last line:
 * {"model":"chain-6","rounds":…,"requests":…,"ratio_median":…,"ratio_min":…,"ratio_max":…,…}
 */

interface ChildResult {
  requests: number;
  events: number;
  seconds: number;
}

/** The compiled bench script of a checkout, or an error saying how to build it. */
function benchScript(dir: string): string {
  const script = join(resolve(dir), 'dist-bench/bench/model.bench.js');
  if (!existsSync(script))
    throw new Error(
      `--baseline ${dir}: ${script} not found; build the older checkout's bench first: cd ${dir} && npx tsc -p bench/tsconfig.json`,
    );
  return script;
}

function runChild(script: string, durationSeconds: number): ChildResult {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', script, '--child', String(durationSeconds)],
    { encoding: 'utf8' },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as ChildResult;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function compareWithBaseline(
  baselineDir: string,
  rounds: number,
  durationSeconds: number,
): void {
  const builds = [
    { name: 'this build', script: fileURLToPath(new URL('./model.bench.js', import.meta.url)) },
    { name: 'baseline', script: benchScript(baselineDir) },
  ];
  const ratios: number[] = [];
  const speeds: number[][] = [[], []];
  let requests = 0;
  for (let round = 1; round <= rounds; round++) {
    const load = loadavg()[0]!;
    const perSecond = [0, 0];
    // Odd rounds run this build first, even rounds the baseline.
    for (const which of round % 2 === 1 ? [0, 1] : [1, 0]) {
      const result = runChild(builds[which]!.script, durationSeconds);
      perSecond[which] = result.requests / result.seconds;
      speeds[which]!.push(perSecond[which]!);
      if (which === 0) requests = result.requests;
    }
    const ratio = perSecond[0]! / perSecond[1]!;
    ratios.push(ratio);
    console.log(
      `round ${round}  load ${load.toFixed(2)}  this build ${perSecond[0]!.toFixed(0)} req/s  ` +
        `baseline ${perSecond[1]!.toFixed(0)} req/s  ratio ${ratio.toFixed(3)}`,
    );
  }
  console.log(
    JSON.stringify({
      model: 'chain-6',
      baseline: resolve(baselineDir),
      rounds,
      duration_s: durationSeconds,
      requests,
      requests_per_sec_median: Math.round(median(speeds[0]!)),
      baseline_requests_per_sec_median: Math.round(median(speeds[1]!)),
      ratio_median: Number(median(ratios).toFixed(3)),
      ratio_min: Number(Math.min(...ratios).toFixed(3)),
      ratio_max: Number(Math.max(...ratios).toFixed(3)),
    }),
  );
}
