// `npm run test:fuzz`: the property tests only, with many cases (FUZZ_RUNS, 10,000 per property
// unless set) and a random seed per property (printed; set FUZZ_SEED to replay one).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/properties/**/*.test.ts'],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' },
    testTimeout: 3_600_000,
  },
});
