import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI (test/global-setup.ts builds dist/ before the tests run). */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `msasim ARGS` as a user would: a separate node process, in `cwd`. */
export function msasim(args: readonly string[], cwd = process.cwd()): CliRun {
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status, stdout, stderr };
}

/** A fresh temporary folder holding the given files (name → content). */
export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'msasim-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A stack trace line, as Node prints them: "    at fn (file:1:2)". */
export const STACK_LINE = /^\s+at /m;

/** A small valid scenario: two services, well under a second to run. */
export const TINY_SCENARIO = `name: tiny
seed: 5
duration: 5s
services:
  api:
    endpoints:
      get:
        cpu: exponential(mean=2ms)
        calls: [db.query]
  db:
    replicas: 2
    endpoints:
      query: { cpu: 1ms }
workload:
  - name: users
    arrivals: poisson
    rate: 50/s
    target: api.get
`;

/** A scenario whose one workload replays a trace; `trace` is the YAML of its trace field. */
export function traceScenario(duration: string, trace: string): string {
  return `name: replay
duration: ${duration}
services:
  api:
    endpoints:
      get: { cpu: 1ms }
workload:
  - name: recorded
    arrivals: trace
    target: api.get
    trace:${trace}
`;
}
