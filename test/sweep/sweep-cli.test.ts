import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI (test/global-setup.ts builds dist/ once), run as users run it.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

function scenario(sweep: string, extra = ''): string {
  return `name: cli-sweep
seed: 3
duration: 10s
services:
  api:
    replicas: 2
    endpoints:
      get: { cpu: exponential(mean=5ms) }
workload:
  - name: shoppers
    arrivals: poisson
    rate: 50/s
    target: api.get
sweep:
${sweep}
${extra}`;
}

const TWO_VARIANTS = scenario(`  replications: 2
  variants:
    one: { services.api.replicas: 1 }
    two: { services.api.replicas: 2 }`);

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'msasim-sweep-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function msasim(args: readonly string[], cwd: string) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status, stdout, stderr };
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

describe('msasim sweep', () => {
  it('writes the outputs to out/<scenario name>, prints the comparison, exits 0', () => {
    const dir = folderWith({ 's.yaml': TWO_VARIANTS });
    const { status, stdout } = msasim(['sweep', 's.yaml', '--workers', '2'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('variant');
    expect(stdout).toContain('wrote runs.csv, summary.csv');
    const runs = read(join(dir, 'out', 'cli-sweep'), 'runs.csv')
      .trim()
      .split('\n');
    expect(runs[0]).toMatch(/^run_id,variant,replication,seed,requests_total,/);
    expect(runs.slice(1).map((row) => row.split(',').slice(0, 3).join(','))).toEqual([
      '0,one,0',
      '1,one,1',
      '2,two,0',
      '3,two,1',
    ]);
  });

  it('--replications and --seed change the sweep; --shard runs a slice', () => {
    const dir = folderWith({ 's.yaml': TWO_VARIANTS });
    const args = ['--replications', '3', '--seed', '9', '--shard', '1/2', '--out', 'shard1'];
    expect(msasim(['sweep', 's.yaml', ...args], dir).status).toBe(0);
    const ids = read(join(dir, 'shard1'), 'runs.csv')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]);
    expect(ids).toEqual(['1', '3', '5']);
  });

  it('exits 2 naming the variant and path of a bad override, before running anything', () => {
    const dir = folderWith({
      's.yaml': scenario(`  variants:
    broken: { services.api.replicas: lots }`),
    });
    const { status, stderr } = msasim(['sweep', 's.yaml'], dir);
    expect(status).toBe(2);
    expect(stderr).toBe(
      's.yaml:16:15: sweep.variants.broken["services.api.replicas"]: with variant "broken": services.api.replicas: expected a whole number >= 0, got "lots"\n',
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 on a bad --shard', () => {
    const dir = folderWith({ 's.yaml': TWO_VARIANTS });
    const { status, stderr } = msasim(['sweep', 's.yaml', '--shard', '4/4'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('the shard index must be 0 to 3 (0-based), got 4');
  });

  it('reports a failed run with its seed and a command that reproduces it, goes on, exits 1', () => {
    const dir = folderWith({
      's.yaml': scenario(`  variants:
    calm: {}
    flood: { workload.shoppers.rate: 5000/s }`),
    });
    const { status, stdout, stderr } = msasim(['sweep', 's.yaml', '--event-budget', '20000'], dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /run 1 failed \(variant flood, replication 0\): event budget exceeded: 20000 events .* \(--event-budget N\)\n {2}seed: \d+\n {2}reproduce: msasim sweep s\.yaml --only 1 --event-budget 20000\n/,
    );
    expect(stderr).toContain('1 of 2 runs failed');
    expect(stdout).toContain('calm');
    expect(readdirSync(join(dir, 'out', 'cli-sweep', 'runs'))).toEqual(['0.json']);

    const again = msasim(['sweep', 's.yaml', '--only', '1', '--event-budget', '20000'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(
      'run 1 failed (variant flood, replication 0): event budget exceeded',
    );
  });

  it('stops a run over --run-timeout with a clear message', () => {
    const dir = folderWith({
      's.yaml': scenario(`  variants:
    slow: { workload.shoppers.rate: 20000/s }`),
    });
    const { status, stderr } = msasim(['sweep', 's.yaml', '--run-timeout', '100ms'], dir);
    expect(status).toBe(1);
    expect(stderr).toContain(
      'run 0 failed (variant slow, replication 0): stopped: the run took longer than the wall-clock limit of 100ms (--run-timeout)',
    );
  });

  it('exits 3 when a threshold fails, after writing the outputs', () => {
    const dir = folderWith({
      's.yaml': scenario('  replications: 2', 'thresholds:\n  latency_p99_ms: "< 1"\n'),
    });
    const { status, stdout, stderr } = msasim(['sweep', 's.yaml'], dir);
    expect(status).toBe(3);
    expect(stdout).toMatch(/FAIL {2}base {2}latency_p99_ms < 1/);
    expect(stderr).toContain('a threshold failed');
    expect(existsSync(join(dir, 'out', 'cli-sweep', 'summary.csv'))).toBe(true);
  });

  it('leaves thresholds of a sharded sweep to merge, which exits 3', () => {
    const dir = folderWith({
      's.yaml': scenario('  replications: 2', 'thresholds:\n  latency_p99_ms: "< 1"\n'),
    });
    const shard = msasim(['sweep', 's.yaml', '--shard', '0/2', '--out', 'part-0'], dir);
    expect(shard.status).toBe(0);
    expect(shard.stdout).toContain(
      "shard 0/2: 1 run; msasim merge of every shard's folder compares the variants and judges the thresholds",
    );
    // A shard holds some replications of each variant: no comparison table from it.
    expect(shard.stdout).not.toContain('95% CI half-width');
    expect(msasim(['sweep', 's.yaml', '--shard', '1/2', '--out', 'part-1'], dir).status).toBe(0);
    const merged = msasim(['merge', 'part-0', 'part-1', '--out', 'merged'], dir);
    expect(merged.status).toBe(3);
    expect(merged.stdout).toMatch(/FAIL {2}base {2}latency_p99_ms < 1/);
  });

  it('on Ctrl-C keeps only whole run files, exits 130, and --resume finishes the same sweep', async () => {
    const long = scenario(`  replications: 12
  variants:
    busy: { workload.shoppers.rate: 4000/s }`);
    const dir = folderWith({ 's.yaml': long });
    const runsDir = join(dir, 'stopped', 'runs');
    const child = spawn(
      process.execPath,
      [CLI, 'sweep', 's.yaml', '--out', 'stopped', '--workers', '1'],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    while (
      !existsSync(runsDir) ||
      readdirSync(runsDir).filter((n) => n.endsWith('.json')).length < 2
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted:');
    expect(stderr).toContain('--resume');
    const left = readdirSync(runsDir);
    expect(left.length).toBeGreaterThanOrEqual(2);
    expect(left.length).toBeLessThan(12);
    for (const name of left) {
      expect(name).toMatch(/^\d+\.json$/);
      expect(() => JSON.parse(read(runsDir, name))).not.toThrow();
    }
    expect(existsSync(join(dir, 'stopped', 'runs.csv'))).toBe(false);

    expect(msasim(['sweep', 's.yaml', '--out', 'stopped', '--resume'], dir).status).toBe(0);
    expect(msasim(['sweep', 's.yaml', '--out', 'straight'], dir).status).toBe(0);
    for (const name of ['runs.csv', 'summary.csv', 'timeseries.csv', 'results.json']) {
      expect(read(join(dir, 'stopped'), name)).toBe(read(join(dir, 'straight'), name));
    }
  });
});

describe('msasim sweep stopped by SIGTERM (Slurm, Kubernetes)', () => {
  it('top-level help lists the exit codes of a stopped command', () => {
    const { stdout } = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(stdout).toContain(
      '130  interrupted by Ctrl-C (a sweep keeps its finished runs: finish with --resume)',
    );
    expect(stdout).toContain('143  stopped by SIGTERM, as Slurm and Kubernetes send it (the same)');
  });

  it('behaves like Ctrl-C: finished runs kept whole, the --resume command printed, exit 143', async () => {
    const long = scenario(`  replications: 12
  variants:
    busy: { workload.shoppers.rate: 4000/s }`);
    const dir = folderWith({ 's.yaml': long });
    const runsDir = join(dir, 'stopped', 'runs');
    const child = spawn(
      process.execPath,
      [CLI, 'sweep', 's.yaml', '--out', 'stopped', '--workers', '1'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    while (
      !existsSync(runsDir) ||
      readdirSync(runsDir).filter((n) => n.endsWith('.json')).length < 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const left = readdirSync(runsDir);
    expect(stderr).toContain(
      `interrupted (SIGTERM): ${left.length} finished runs are kept in stopped/runs; finish with: msasim sweep s.yaml --out stopped --resume\n`,
    );
    expect(left.length).toBeLessThan(12);
    for (const name of left) {
      expect(name).toMatch(/^\d+\.json$/);
      expect(() => JSON.parse(read(runsDir, name))).not.toThrow();
    }
    expect(existsSync(join(dir, 'stopped', 'runs.csv'))).toBe(false);
  });
});

describe('msasim merge', () => {
  it('joins shard folders into the unsharded output, byte for byte', () => {
    const dir = folderWith({ 's.yaml': TWO_VARIANTS });
    expect(msasim(['sweep', 's.yaml', '--out', 'whole'], dir).status).toBe(0);
    for (const k of [0, 1, 2]) {
      expect(
        msasim(['sweep', 's.yaml', '--shard', `${k}/3`, '--out', `part-${k}`], dir).status,
      ).toBe(0);
    }
    const merged = msasim(['merge', 'part-0', 'part-1', 'part-2', '--out', 'merged'], dir);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toContain('merged 4 runs from 3 folders into merged');
    for (const name of [
      'runs.csv',
      'summary.csv',
      'timeseries.csv',
      'edges.csv',
      'services.csv',
      'pods.csv',
      'nodes.csv',
      'timeseries_pods.csv',
      'results.json',
      'sweep.json',
    ]) {
      expect(read(join(dir, 'merged'), name)).toBe(read(join(dir, 'whole'), name));
    }
  });

  it('exits 2 when a shard is missing', () => {
    const dir = folderWith({ 's.yaml': TWO_VARIANTS });
    expect(msasim(['sweep', 's.yaml', '--shard', '0/2', '--out', 'part-0'], dir).status).toBe(0);
    const { status, stderr } = msasim(['merge', 'part-0', '--out', 'merged'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('2 of 4 runs are in none of the folders (run ids 1, 3)');
  });
});

describe('msasim sweep --only', () => {
  it('reruns one run of the sweep and prints its full summary with its seed', () => {
    const { status, stdout } = msasim(
      ['sweep', join(SCENARIOS_DIR, 'checkout-chain.yaml'), '--only', '44'],
      process.cwd(),
    );
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^run 44: variant least-request, workload\.shoppers\.rate=600\/s, replication 4, seed \d+$/m,
    );
    expect(stdout).toContain('End-to-end latency (ms)');
    expect(stdout).not.toContain('95% CI half-width');
  });
});
