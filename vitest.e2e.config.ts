import { defineConfig } from 'vitest/config';

// End-to-end: the real server (built web app, embedded PostgreSQL, demo data) driven in Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // a page on a loaded machine (CI, two cores) takes its time; a poll waits for it, never for long
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
