/**
 * `npm run bench:model`: simulates the 6-service chain of bench/chain-6.yaml (2 pods of
 * 1 core per service, 1400 requests/s, about 70% CPU utilization everywhere) and reports
 * simulated requests per second of wall time. Memory must not grow with the number of
 * requests, so the same model runs in two fresh child processes, once with the base
 * duration and once with ten times it, and both peak RSS figures are printed.
 *
 * The mesh case (issue 12): the same chain with an Envoy sidecar in every pod (mesh strategy
 * `sidecar`, default settings), once, at the base duration.
 *
 * The function case (issue 13): bench/gateway-function.yaml, an API gateway in front of a
 * function that calls a Kubernetes service, once, at the base duration.
 *
 * The rollout case (issue 14): bench/rollout-20.yaml, a 20-replica Deployment rolling under
 * 1000 requests/s, once, at the base duration.
 *
 * With `--baseline DIR [--rounds 7] [--duration 300]`: only chain-6, against an older
 * build, side by side (bench/model-baseline.ts).
 *
 * Last line: {"requests":…,"events":…,"requests_per_sec":…,"peak_rss_mb":…, …}
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { simulate } from '../src/model/simulate.js';
import { scenarioSchema } from '../src/scenario/schema.js';
import { compareWithBaseline } from './model-baseline.js';

const SCENARIO = fileURLToPath(new URL('../../bench/chain-6.yaml', import.meta.url));
const FUNCTION_SCENARIO = fileURLToPath(
  new URL('../../bench/gateway-function.yaml', import.meta.url),
);
const ROLLOUT_SCENARIO = fileURLToPath(new URL('../../bench/rollout-20.yaml', import.meta.url));
const BASE_DURATION_S = 60;

interface Measurement {
  requests: number;
  events: number;
  seconds: number;
  peakRssMb: number;
  /** heap still in use after a full GC with the result held: what the run retains */
  retainedHeapMb: number;
  meanLatencyMs: number;
  /** of the first service's CPU limit (its pods are limited to 1 core) */
  cpuUtilization: number;
}

/**
 * `clients`: every service's `clients` field (`--clients per-caller`), else the file's;
 * `meshStrategy`: the scenario's mesh (`--mesh sidecar`), else none.
 */
function measure(
  durationSeconds: number,
  clients: string | undefined,
  meshStrategy: string | undefined,
  file = SCENARIO,
): Measurement {
  const document = parse(readFileSync(file, 'utf8'));
  document.duration = `${durationSeconds}s`;
  if (clients !== undefined)
    for (const service of Object.values<{ clients?: string }>(document.services))
      service.clients = clients;
  if (meshStrategy !== undefined) document.mesh = { strategy: meshStrategy };
  const scenario = scenarioSchema.parse(document);
  const started = process.hrtime.bigint();
  const result = simulate(scenario);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  (globalThis as { gc?: () => void }).gc?.();
  return {
    requests: result.requests.total,
    events: result.events,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    retainedHeapMb: process.memoryUsage().heapUsed / 2 ** 20,
    meanLatencyMs: result.latency.meanMs ?? Number.NaN,
    cpuUtilization: result.services[0]?.limitUtilization ?? Number.NaN,
  };
}

function inChild(
  durationSeconds: number,
  clients: string | undefined,
  meshStrategy?: string,
  functions = false,
  rollout = false,
): Measurement {
  const script = fileURLToPath(import.meta.url);
  const clientsArgs = clients === undefined ? [] : ['--clients', clients];
  const mesh = meshStrategy === undefined ? [] : ['--mesh', meshStrategy];
  const fn = [...(functions ? ['--functions'] : []), ...(rollout ? ['--rollout'] : [])];
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', script, '--child', String(durationSeconds), ...clientsArgs, ...mesh, ...fn],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as Measurement;
}

/** The number after `flag` on the command line, or `fallback`; refused unless a whole number from 1. */
function countOption(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} needs a whole number from 1, got ${process.argv[at + 1]}`);
  return value;
}

function main(): void {
  const baselineAt = process.argv.indexOf('--baseline');
  if (baselineAt >= 0) {
    compareWithBaseline(
      process.argv[baselineAt + 1] ?? '',
      countOption('--rounds', 7),
      countOption('--duration', BASE_DURATION_S * 5),
    );
    return;
  }
  const clientsAt = process.argv.indexOf('--clients');
  const clients = clientsAt >= 0 ? process.argv[clientsAt + 1] : undefined;
  const childAt = process.argv.indexOf('--child');
  const meshAt = process.argv.indexOf('--mesh');
  if (childAt >= 0) {
    const mesh = meshAt >= 0 ? process.argv[meshAt + 1] : undefined;
    const file = process.argv.includes('--functions')
      ? FUNCTION_SCENARIO
      : process.argv.includes('--rollout')
        ? ROLLOUT_SCENARIO
        : SCENARIO;
    console.log(JSON.stringify(measure(Number(process.argv[childAt + 1]), clients, mesh, file)));
    return;
  }
  const warm = inChild(BASE_DURATION_S / 6, clients);
  const base = inChild(BASE_DURATION_S, clients);
  const tenfold = inChild(BASE_DURATION_S * 10, clients);
  const sidecars = inChild(BASE_DURATION_S, clients, 'sidecar');
  const functions = inChild(BASE_DURATION_S, clients, undefined, true);
  const rollout = inChild(BASE_DURATION_S, clients, undefined, false, true);
  for (const [label, m] of [
    ['warm-up run', warm],
    ['base', base],
    ['10x requests', tenfold],
    ['sidecars', sidecars],
    ['function', functions],
    ['rollout', rollout],
  ] as const) {
    console.log(
      `${label.padEnd(13)} ${m.requests.toString().padStart(9)} requests  ${(m.requests / m.seconds).toFixed(0).padStart(7)} req/s  ` +
        `${(m.events / m.seconds / 1e6).toFixed(2)} M events/s  peak RSS ${m.peakRssMb.toFixed(0)} MB  retained heap ${m.retainedHeapMb.toFixed(1)} MB  ` +
        `mean latency ${m.meanLatencyMs.toFixed(2)} ms  cpu ${(m.cpuUtilization * 100).toFixed(1)}%`,
    );
  }
  console.log(
    JSON.stringify({
      model: 'chain-6',
      requests: tenfold.requests,
      events: tenfold.events,
      requests_per_sec: Math.round(tenfold.requests / tenfold.seconds),
      peak_rss_mb: Math.round(tenfold.peakRssMb),
      peak_rss_mb_at_one_tenth: Math.round(base.peakRssMb),
      retained_heap_mb: Number(tenfold.retainedHeapMb.toFixed(1)),
      retained_heap_mb_at_one_tenth: Number(base.retainedHeapMb.toFixed(1)),
      cpu_utilization: Number(tenfold.cpuUtilization.toFixed(3)),
      mesh_sidecar_requests_per_sec: Math.round(sidecars.requests / sidecars.seconds),
      mesh_sidecar_events: sidecars.events,
      function_requests_per_sec: Math.round(functions.requests / functions.seconds),
      function_events: functions.events,
      rollout_requests_per_sec: Math.round(rollout.requests / rollout.seconds),
      rollout_events: rollout.events,
    }),
  );
}

try {
  main();
} catch (error) {
  console.error(`bench:model: ${(error as Error).message}`);
  process.exit(2);
}
