// Properties of --fix against the starter glossary (see fix-check.ts for what is checked).

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkFix, fill, templateArb } from './fix-check';
import { starterGlossary } from './glossaries';
import { PROPERTY_TIMEOUT, runs } from './settings';

describe('--fix', () => {
  it(
    'leaves no avoided term, is idempotent and keeps code byte for byte (starter glossary)',
    () => {
      const { glossary } = starterGlossary();
      fc.assert(
        fc.property(templateArb, (template) => checkFix(fill(template, glossary), glossary)),
        runs('--fix, starter glossary', 100),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
