// glossary-unknown-see-also (warning): a `See also:` entry must name a term (or an alias of one).

import { findTerms, type Glossary } from '../glossary/build';
import { suggestTerms } from '../suggest';
import { fieldRange, type FieldRanges, type GlossaryFinding } from './glossary-finding';

export function checkSeeAlso(glossary: Glossary, fields: FieldRanges): GlossaryFinding[] {
  const out: GlossaryFinding[] = [];
  for (const term of glossary.terms) {
    for (const name of term.seeAlso) {
      if (findTerms(glossary, name).length > 0) continue;
      const close = suggestTerms(glossary.terms, name);
      out.push({
        file: term.file,
        finding: {
          code: 'glossary-unknown-see-also',
          severity: 'warning',
          message:
            `'${term.name}' sees also '${name}', which is no term in the glossary` +
            (close.length ? `; did you mean ${close.map((t) => `'${t.name}'`).join(' or ')}?` : '.'),
          ...fieldRange(term, fields, 'see also'),
          fixes: [],
          termIds: [term.id],
        },
      });
    }
  }
  return out;
}
