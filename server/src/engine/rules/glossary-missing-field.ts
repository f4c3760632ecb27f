// glossary-missing-field (warning): every term needs both meanings, the marketer's and the engineer's;
// that pairing is the point of the glossary.

import type { Glossary } from '../glossary/build';
import type { GlossaryFinding } from './glossary-finding';

export function checkMissingFields(glossary: Glossary): GlossaryFinding[] {
  const out: GlossaryFinding[] = [];
  for (const term of glossary.terms) {
    const missing = [!term.business && 'Business:', !term.it && 'IT:'].filter(Boolean) as string[];
    if (missing.length === 0) continue;
    out.push({
      file: term.file,
      finding: {
        code: 'glossary-missing-field',
        severity: 'warning',
        message: `'${term.name}' has no ${missing.join(' and no ')} line; both audiences need their meaning.`,
        start: term.start,
        end: term.end,
        fixes: [],
        termIds: [term.id],
      },
    });
  }
  return out;
}
