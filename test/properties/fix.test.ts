// Properties of --fix on generated glossaries (see fix-check.ts for what is checked).

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { buildGlossary } from '../../server/src/engine';
import { disjointTermsArb, glossarySourcesArb, glossaryText } from './arbitraries';
import { checkFix, fill, templateArb } from './fix-check';
import { PROPERTY_TIMEOUT, runs } from './settings';

describe('--fix', () => {
  it(
    'leaves no avoided term, is idempotent and keeps code byte for byte (generated glossaries)',
    () => {
      // Terms that share no words, so that no replacement can complete another avoided name.
      fc.assert(
        fc.property(disjointTermsArb, templateArb, (terms, template) => {
          const glossary = buildGlossary([{ path: 'glossary/a.md', text: glossaryText(terms) }]);
          checkFix(fill(template, glossary), glossary);
        }),
        runs('--fix, generated glossary', 80),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'keeps code byte for byte and the blocks as they were (generated glossaries whose names overlap)',
    () => {
      // Any generated glossary the glossary checks accept (no duplicate, no name that is avoided).
      const acceptedArb = glossarySourcesArb.filter(({ sources }) => {
        const findings = [...buildGlossary(sources).findings.values()].flat();
        return !findings.some((f) => f.code === 'glossary-duplicate' || f.code === 'glossary-avoid-conflict');
      });
      fc.assert(
        fc.property(acceptedArb, templateArb, ({ sources }, template) => {
          const glossary = buildGlossary(sources);
          checkFix(fill(template, glossary), glossary, true);
        }),
        runs('--fix, overlapping generated glossary', 80),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
