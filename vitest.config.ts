import { defineConfig } from 'vitest/config';

// Unit and integration tests, beside the code they test; integration tests get a fresh database
// per file, cloned from a migrated, demo-seeded template (server/test/global-setup.ts).
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
