import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Builds dist/ once before any test: test/cli runs the built CLI as a subprocess.
    globalSetup: ['test/global-setup.ts'],
  },
});
