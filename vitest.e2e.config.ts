import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian's Chromium, driven by playwright-core, against the
// test host that wires the real IPC handlers. Run after `npm run build`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
