import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESH_OUTPUT_FILES } from '../../src/report/optional-output-files.js';
import { runSweep, sweepOutputFiles, writeSweepOutputs } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/index.js';

const SCENARIO = `
name: mesh-sweep
seed: 5
duration: 5s
mesh:
  strategy: sidecar
  telemetry:
    tracing: { sampling: 10% }
services:
  api:
    endpoints:
      get: { cpu: exponential(mean=2ms), calls: [db.query] }
  db:
    endpoints:
      query: { cpu: exponential(mean=1ms), errorRate: 2% }
workload:
  - { name: w, arrivals: poisson, rate: 40/s, target: api.get }
sweep:
  replications: 2
  variants:
    sidecar: {}
    light: { mesh.strategy: sidecar-light }
`;

let root: string;
let file: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'msasim-mesh-sweep-'));
  file = join(root, 'mesh.yaml');
  await writeFile(file, SCENARIO);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a sweep with a mesh', () => {
  it('writes the same mesh files from its run files as from memory, whatever the workers', async () => {
    const scenario = parseScenario(SCENARIO);
    const inMemory = sweepOutputFiles(scenario, await runSweep(file, { workers: 1 }));
    const outDir = join(root, 'out');
    const fromFiles = await runSweep(file, { workers: 2, outDir });
    await writeSweepOutputs(outDir, scenario, fromFiles);
    for (const name of MESH_OUTPUT_FILES.names) {
      expect(await readFile(join(outDir, name), 'utf8')).toBe(inMemory[name]);
    }
    expect(inMemory['traces.otlp.json']!.length).toBeGreaterThan(1000);
  });
});
