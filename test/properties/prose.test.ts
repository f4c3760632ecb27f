// Property: the fast prose scanner and remark (the oracle) call the same words prose, on Markdown
// generated from a grammar of realistic constructs combined at random.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanProse } from '../../server/src/engine';
import { documentArb, PLAIN_PHRASES, PLAIN_POOLS } from './arbitraries';
import { compareWords } from './oracle';
import { PROPERTY_TIMEOUT, runs } from './settings';

function disagreement(text: string): string | undefined {
  // The oracle of test/helpers/remark-oracle.ts, repaired for URLs remark-gfm finds late (see oracle.ts).
  const { oracle, scanner } = compareWords(text, scanProse(text).prose);
  if (oracle.join() === scanner.join()) return undefined;
  const only = (a: string[], b: string[]): string[] => a.filter((x) => !b.includes(x));
  return `remark only: ${only(oracle, scanner).join(' ')} | scanner only: ${only(scanner, oracle).join(' ')}`;
}

describe('prose scanner agrees with remark on generated Markdown', () => {
  it(
    'same prose words',
    () => {
      fc.assert(
        fc.property(documentArb({ pools: PLAIN_POOLS, envelope: true, unclosed: true, fill: { phrases: PLAIN_PHRASES } }), (doc) => {
          const problem = disagreement(doc.text);
          if (problem) expect.fail(`${problem}\n--- document ---\n${JSON.stringify(doc.text)}`);
        }),
        runs('prose agreement', 200),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
