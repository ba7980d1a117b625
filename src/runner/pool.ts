import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RunResult } from '../metrics/run-result.js';
import type { RunTask } from './worker.js';

/**
 * A pool of worker threads that run simulations (piscina).
 *
 * Worker threads load JavaScript, not TypeScript, so the worker is always the built
 * dist/runner/worker.js:
 * - in the package, this module is dist/runner/pool.js and the worker sits beside it
 *   (`npm run build`, which `prepare` runs on `npm ci`);
 * - run from the sources (vitest, tsx), this module is src/runner/pool.ts and the worker is
 *   ../../dist/runner/worker.js, built from the same sources: the test suite's globalSetup
 *   builds once before the tests. A TypeScript loader in the threads instead (`--import
 *   tsx`) does not work on Node 20, whose worker threads ignore ESM loader hooks.
 * See docs/scale-out.md.
 */
const runningFromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(
  runningFromSource ? '../../dist/runner/worker.js' : './worker.js',
  import.meta.url,
);

export interface PoolOptions {
  /** threads; default: os.availableParallelism() */
  workers?: number;
}

export class RunPool {
  private readonly piscina: Piscina<RunTask, RunResult>;

  constructor(options: PoolOptions = {}) {
    const threads = options.workers ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`workers must be a whole number >= 1, got ${threads}`);
    }
    if (!existsSync(workerUrl)) {
      throw new Error(
        `the pool's worker ${fileURLToPath(workerUrl)} is missing: run \`npm run build\` first`,
      );
    }
    this.piscina = new Piscina<RunTask, RunResult>({
      filename: workerUrl.href,
      minThreads: threads,
      maxThreads: threads,
      // One run per thread at a time: a run is pure CPU, a second one would only wait.
      concurrentTasksPerWorker: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  get threads(): number {
    return this.piscina.options.maxThreads;
  }

  /**
   * Runs one simulation on a free thread. Aborting the signal (a timeout, Ctrl-C)
   * terminates the thread running it, which is the only way to stop a synchronous run;
   * piscina starts a fresh thread in its place.
   */
  run(task: RunTask, signal?: AbortSignal): Promise<RunResult> {
    return this.piscina.run(task, signal === undefined ? {} : { signal });
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}
