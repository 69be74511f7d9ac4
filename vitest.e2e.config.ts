import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real Chromium, one file at a time.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globals: true,
  },
});
