// How many cases each property runs, and with which seed.
//
// `npm test`: a few hundred cases per property with a fixed seed, so a failure is reproducible and
// the suite stays fast. `npm run test:fuzz` (FUZZ_RUNS=10000, see vitest.fuzz.config.mts): many
// cases with a fresh random seed, printed up front and in fast-check's failure message.
// Reproduce a failure with `FUZZ_SEED=<seed> FUZZ_RUNS=<n> npm run test:fuzz` (fast-check's message
// also gives the `path` of the shrunk case).

import type { Parameters } from 'fast-check';

const FIXED_SEED = 20_240_611;

/** Runs and seed for one property; `quick` is its number of runs in `npm test`. */
export function runs<T>(name: string, quick: number): Parameters<T> {
  const fuzzRuns = Number(process.env.FUZZ_RUNS ?? '');
  const fuzzing = Number.isFinite(fuzzRuns) && fuzzRuns > 0;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : fuzzing ? (Math.random() * 2 ** 31) | 0 : FIXED_SEED;
  if (fuzzing) console.log(`[fuzz] ${name}: ${fuzzRuns} runs, seed ${seed}`);
  return { numRuns: fuzzing ? fuzzRuns : quick, seed, endOnFailure: false };
}

/** Vitest's per-test timeout for a property: generous when fuzzing. */
export const PROPERTY_TIMEOUT = Number(process.env.FUZZ_RUNS ?? '') > 0 ? 1_800_000 : 30_000;
