import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { loadScenarioFile } from '../src/runner/load-scenario-file.js';

/**
 * bench:trace: how long reading a 2.5 M-line trace CSV takes, and how much memory, through
 * loadScenarioFile (the scenario is parsed too, but it is 12 lines). Each read runs in a
 * fresh child process, so its peak RSS is its own; the figures are the best and median of
 * 5 reads. With `--baseline DIR`, DIR/dist/runner/load-scenario-file.js (an older build)
 * is read too, the two alternating, as the machine's load shifts. Last line:
 * {"lines","mb","seconds","peak_rss_mb"[,"baseline_seconds","baseline_peak_rss_mb"]}.
 */

const LINES = 2_500_000;
const ROUNDS = 5;
const THIS_LOADER = new URL('../src/runner/load-scenario-file.js', import.meta.url);

const SCENARIO = `name: replay
duration: 1h
services:
  api:
    endpoints:
      get: { cpu: 1ms }
workload:
  - name: recorded
    arrivals: trace
    target: api.get
    trace: { file: arrivals.csv, format: timestamps }
`;

/** Timestamps in seconds with microseconds, a user column, a header: a typical export. */
function traceCsv(lines: number): string {
  const rows = ['timestamp_s,user'];
  let at = 0;
  for (let line = 0; line < lines; line++) {
    at += 0.000_001 + ((line * 7919) % 1000) / 1_000_000;
    rows.push(`${at.toFixed(6)},u${line % 5000}`);
  }
  return `${rows.join('\n')}\n`;
}

interface Reading {
  seconds: number;
  peakRssMb: number;
}

/** In the child: read the scenario once with the given loader and print the figures. */
async function child(loaderUrl: string, scenarioPath: string): Promise<void> {
  const loader = (await import(loaderUrl)) as { loadScenarioFile: typeof loadScenarioFile };
  const start = performance.now();
  const scenario = loader.loadScenarioFile(scenarioPath);
  const seconds = (performance.now() - start) / 1000;
  const workload = scenario.workload[0]!;
  const values = workload.arrivals === 'trace' ? (workload.trace.values?.length ?? 0) : 0;
  if (values !== LINES) throw new Error(`read ${values} values, expected ${LINES}`);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, peakRssMb }));
}

function readOnce(loaderUrl: string, scenarioPath: string): Reading {
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [script, '--child', loaderUrl, scenarioPath], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Reading;
}

function summary(readings: readonly Reading[]): { best: Reading; median: Reading } {
  const by = (key: keyof Reading) => readings.map((r) => r[key]).sort((a, b) => a - b);
  const middle = Math.floor(readings.length / 2);
  return {
    best: { seconds: by('seconds')[0]!, peakRssMb: by('peakRssMb')[0]! },
    median: { seconds: by('seconds')[middle]!, peakRssMb: by('peakRssMb')[middle]! },
  };
}

function show(label: string, readings: readonly Reading[]): void {
  const { best, median } = summary(readings);
  console.log(
    `${label}: best ${best.seconds.toFixed(2)} s, ${best.peakRssMb.toFixed(0)} MB peak RSS; ` +
      `median ${median.seconds.toFixed(2)} s, ${median.peakRssMb.toFixed(0)} MB`,
  );
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--child') return child(argv[1]!, argv[2]!);
  const baselineAt = argv.indexOf('--baseline');
  const baseline =
    baselineAt === -1
      ? undefined
      : pathToFileURL(join(argv[baselineAt + 1]!, 'dist/runner/load-scenario-file.js')).href;
  const dir = mkdtempSync(join(tmpdir(), 'msasim-trace-bench-'));
  try {
    const csv = traceCsv(LINES);
    writeFileSync(join(dir, 'arrivals.csv'), csv);
    const scenarioPath = join(dir, 'replay.yaml');
    writeFileSync(scenarioPath, SCENARIO);
    const mb = Buffer.byteLength(csv) / 1_000_000;
    console.log(`trace: ${LINES.toLocaleString('en-US')} lines, ${mb.toFixed(1)} MB`);
    const current: Reading[] = [];
    const old: Reading[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a cold or a warm disk cache.
      const order = round % 2 === 0 ? ['current', 'old'] : ['old', 'current'];
      for (const which of order) {
        if (which === 'current') current.push(readOnce(THIS_LOADER.href, scenarioPath));
        else if (baseline !== undefined) old.push(readOnce(baseline, scenarioPath));
      }
    }
    show('this build', current);
    if (baseline !== undefined) show('baseline', old);
    const best = summary(current).best;
    const line: Record<string, number> = {
      lines: LINES,
      mb: Number(mb.toFixed(1)),
      seconds: Number(best.seconds.toFixed(3)),
      peak_rss_mb: Math.round(best.peakRssMb),
    };
    if (baseline !== undefined) {
      const oldBest = summary(old).best;
      line.baseline_seconds = Number(oldBest.seconds.toFixed(3));
      line.baseline_peak_rss_mb = Math.round(oldBest.peakRssMb);
    }
    console.log(JSON.stringify(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
