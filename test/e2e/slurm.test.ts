import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COST_OUTPUT_FILES } from '../../src/report/optional-output-files.js';
import { OUTPUT_FILES } from '../../src/runner/sweep.js';

/**
 * A real sweep as a real Slurm array job: deploy/slurm-array.sh submits 4 shards and a
 * merge job on the one-node cluster that `../shared/slurm/local-cluster up` starts, and the
 * merged folder must equal, byte for byte, the folder one machine writes. Run by
 * `npm run test:slurm` only (CI starts the cluster first); `npm test` leaves test/e2e out.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SCRIPT = join(ROOT, 'deploy', 'slurm-array.sh');

const SCENARIO = `name: slurm-e2e
seed: 21
duration: 15s
warmup: 1s
services:
  api:
    replicas: 2
    endpoints:
      get: { cpu: exponential(mean=4ms), calls: [db.query] }
  db:
    endpoints:
      query: { cpu: "lognormal(median=2ms, p99=15ms)" }
workload:
  - name: shoppers
    arrivals: poisson
    rate: 80/s
    target: api.get
sweep:
  replications: 3
  variants:
    one-db: { services.db.replicas: 1 }
    two-db: { services.db.replicas: 2 }
  grid:
    workload.shoppers.rate: [40/s, 120/s]
`;

function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = readFileSync(path, 'utf8');
  }
  return files;
}

describe('a sweep as a Slurm array job', () => {
  it('merges 4 array tasks into exactly the single-machine output', () => {
    const sinfo = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8' });
    if (sinfo.status !== 0) {
      throw new Error('no Slurm cluster: run `bash ../shared/slurm/local-cluster up` first');
    }
    const dir = mkdtempSync(join(tmpdir(), 'msasim-slurm-'));
    writeFileSync(join(dir, 'scenario.yaml'), SCENARIO);

    execFileSync(process.execPath, [CLI, 'sweep', 'scenario.yaml', '--out', 'single'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const submitted = execFileSync(SCRIPT, ['submit', 'scenario.yaml', 'slurm', '4'], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        MSASIM: `${process.execPath} ${CLI}`,
        SBATCH_WAIT: '1',
        CPUS_PER_TASK: '1',
      },
    });
    expect(submitted).toMatch(/submitted array job \d+: 4 shards/);

    const slurm = join(dir, 'slurm');
    expect(readdirSync(slurm).sort()).toEqual([
      'logs',
      'merged',
      'shard-0',
      'shard-1',
      'shard-2',
      'shard-3',
    ]);
    const shard1Runs = readdirSync(join(slurm, 'shard-1', 'runs')).sort();
    expect(shard1Runs).toEqual(['1.json', '5.json', '9.json']);
    const merged = filesUnder(join(slurm, 'merged'));
    const single = filesUnder(join(dir, 'single'));
    expect(Object.keys(merged).sort()).toEqual(Object.keys(single).sort());
    // Every output file, cost.csv (every run with nodes has one), sweep.json, and one run
    // file per run (12).
    expect(Object.keys(single)).toHaveLength(
      OUTPUT_FILES.length + COST_OUTPUT_FILES.names.length + 1 + 12,
    );
    for (const name of Object.keys(single)) expect(merged[name], name).toBe(single[name]);
  });
});
