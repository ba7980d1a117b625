import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/e2e needs a Slurm cluster: `npm run test:slurm` runs it (test/e2e/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 60_000,
    // Builds dist/ once before any test: test/cli runs the built CLI as a subprocess.
    globalSetup: ['test/global-setup.ts'],
  },
});
