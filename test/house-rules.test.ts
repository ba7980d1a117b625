import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The simulation layers must run in a browser and be deterministic: no Node built-ins, no
 * wall clock, no unseeded randomness. Biome cannot ban `Math.random`, so this test does.
 */
const SIMULATION_DIRS = ['src/engine', 'src/model', 'src/metrics', 'src/scenario'];
/** The charts draw in a browser as well as in Node (over linkedom): Node-free too. */
const NODE_FREE_DIRS = [...SIMULATION_DIRS, 'src/charts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function offendingLines(pattern: RegExp, dirs: readonly string[] = SIMULATION_DIRS): string[] {
  return dirs.flatMap(sourceFiles).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(
        ({ line }) =>
          pattern.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'),
      )
      .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
  );
}

describe('simulation code', () => {
  it('never reads the wall clock or unseeded randomness', () => {
    expect(
      offendingLines(/Math\.random|Date\.now|performance\.now|new Date\(/, NODE_FREE_DIRS),
    ).toEqual([]);
  });

  it('imports no Node built-ins', () => {
    expect(
      offendingLines(
        /from ['"](node:|fs['"]|path['"]|os['"]|worker_threads|child_process|url['"])/,
        NODE_FREE_DIRS,
      ),
    ).toEqual([]);
  });
});
