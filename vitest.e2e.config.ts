import { defineConfig } from 'vitest/config';

// End-to-end: the real server (built web app, embedded PostgreSQL, demo data) driven in Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
