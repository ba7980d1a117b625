import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, folderWith } from './run-cli.js';

/**
 * `msasim run` stopped by Ctrl-C (SIGINT) or SIGTERM, which Slurm and Kubernetes send to stop
 * a job: as a sweep, it stops, says so in one line, and exits 130 or 143, but a single run
 * has nothing worth keeping, so nothing is printed on stdout or written to --out.
 *
 * The run (an hour at 20,000 requests a second, some 290 million events) would take
 * minutes; the signal is sent once it shows its progress, which a run does after 3 s: by
 * then it is simulating, with Node's event loop waiting on it between steps.
 */
const LONG_RUN = `name: long
duration: 1h
services:
  a: { replicas: 4, resources: { requests: { cpu: 250m } }, endpoints: { e: { cpu: 100us } } }
workload:
  - { name: w, arrivals: poisson, rate: 20000/s, target: a.e }
`;

async function stopMidRun(
  signal: NodeJS.Signals,
  args: readonly string[],
  dir: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'run', 'long.yaml', ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('run: ')) resolve();
    });
    child.on('exit', () => resolve());
  });
  child.kill(signal);
  // Should the signal go unseen, the test fails instead of waiting for the whole run.
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const status = await exited;
  clearTimeout(guard);
  return { status, stdout, stderr };
}

describe('msasim run stopped by a signal', () => {
  it('SIGTERM: one line, exit 143, and the --out folder it created is gone', async () => {
    const dir = folderWith({ 'long.yaml': LONG_RUN });
    const { status, stdout, stderr } = await stopMidRun('SIGTERM', ['--out', 'results'], dir);
    expect(status).toBe(143);
    // The progress lines, then the one that says the run was stopped.
    expect(stderr).toMatch(
      /^(run: [^\n]+ elapsed[^\n]*\n)+msasim: run interrupted \(SIGTERM\) before it finished; nothing was written\n$/,
    );
    expect(stdout).toBe('');
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('Ctrl-C: one line, exit 130, and an existing --out folder is left as it was', async () => {
    const dir = folderWith({ 'long.yaml': LONG_RUN });
    const { status, stdout, stderr } = await stopMidRun('SIGINT', ['--out', '.', '--json'], dir);
    expect(status).toBe(130);
    expect(stderr).toMatch(
      /^(run: [^\n]+ elapsed[^\n]*\n)+msasim: run interrupted before it finished; nothing was written\n$/,
    );
    expect(stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['long.yaml']);
  });
});
