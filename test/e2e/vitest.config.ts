import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:slurm`: the end-to-end tests that need a running Slurm cluster, kept out of
 * `npm test` (see ../../vitest.config.ts). dist/ is built first, as for the other tests.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 600_000,
  },
});
