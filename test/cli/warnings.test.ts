import { describe, expect, it } from 'vitest';
import { folderWith, msasim, TINY_SCENARIO } from './run-cli.js';

// TINY_SCENARIO: api.get calls db.query; db has 2 replicas.
const NO_DB = TINY_SCENARIO.replace('    replicas: 2\n', '    replicas: 0\n');
const WARNING =
  's.yaml: warning: services.db.replicas: 0 replicas, yet api.get calls it: every such request fails as unavailable (no ready pod)\n';

describe('warnings go to stderr and leave the exit code alone', () => {
  it('validate', () => {
    const { status, stdout, stderr } = msasim(
      ['validate', 's.yaml'],
      folderWith({ 's.yaml': NO_DB }),
    );
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('s.yaml: ok (2 services, 1 workload)');
    expect(stderr).toBe(WARNING);
  });

  it('run --json: stdout stays the JSON alone', () => {
    const { status, stdout, stderr } = msasim(
      ['run', 's.yaml', '--json'],
      folderWith({ 's.yaml': NO_DB }),
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout).requests.byCause.unavailable).toBeGreaterThan(0);
    expect(stderr).toBe(WARNING);
  });

  it('sweep: a warning that holds in every run is printed once', () => {
    const { status, stderr } = msasim(
      ['sweep', 's.yaml', '--only', '0'],
      folderWith({ 's.yaml': NO_DB }),
    );
    expect(status).toBe(0);
    expect(stderr.split('\n').filter((line) => line.includes('warning'))).toEqual([WARNING.trim()]);
  });

  it('sweep: no warning for a field the sweep varies (an outage studied on purpose)', () => {
    const scenario = `${TINY_SCENARIO}sweep:\n  variants:\n    up: {}\n    down: { services.db.replicas: 0 }\n`;
    const { status, stdout, stderr } = msasim(
      ['validate', 's.yaml'],
      folderWith({ 's.yaml': scenario }),
    );
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('s.yaml: ok (2 services, 1 workload, a sweep of 2 runs)');
    expect(stderr).toBe('');
  });
});
