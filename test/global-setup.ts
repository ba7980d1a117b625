import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ (tsc -p tsconfig.build.json, as `npm run build` does) once before the test
 * run. The CLI tests run `node dist/cli/main.js` as a subprocess: what users run, with its
 * real exit codes and output streams, rather than the TypeScript sources through a loader.
 * A build that fails stops the test run with tsc's own messages.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    throw new Error(`npm run build failed before the tests:\n${output}`);
  }
}
