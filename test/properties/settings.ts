// How many cases each property runs, and with which seed.
//
// `npm test`: 80–200 cases per property with a fixed seed, so a failure is reproducible and the
// suite stays fast. `npm run test:fuzz` (vitest.fuzz.config.mts sets FUZZ_RUNS, 10,000 unless
// given): many cases, each property with a fresh random seed, printed up front and in fast-check's
// failure message together with the `path` of the shrunk case. Replay one with
//   FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run test:fuzz -- -t '<property name>'

import type { Parameters } from 'fast-check';

const FIXED_SEED = 20_240_611;

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? '');
const fuzzing = Number.isInteger(fuzzRuns) && fuzzRuns > 0;

/** Runs and seed for one property; `quick` is its number of runs in `npm test`. */
export function runs<T>(name: string, quick: number): Parameters<T> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : fuzzing ? (Math.random() * 2 ** 31) | 0 : FIXED_SEED;
  if (fuzzing) console.log(`[fuzz] ${name}: ${fuzzRuns} runs, seed ${seed}`);
  return { numRuns: fuzzing ? fuzzRuns : quick, seed, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) };
}

/** Vitest's per-test timeout for a property: generous when fuzzing. */
export const PROPERTY_TIMEOUT = fuzzing ? 3_600_000 : 60_000;
