import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: the LSP and CLI tests start real processes, and CI machines are sometimes busy.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
