import { defineConfig } from 'vitest/config';

// Unit and integration tests, beside the code they test. Server tests get a fresh database per
// file, cloned from a migrated, demo-seeded template (server/test/global-setup.ts); contract and
// web tests need no database (web components are rendered to HTML in Node, react-dom/server).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'unit', include: ['contracts/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
