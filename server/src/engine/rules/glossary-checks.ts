// The glossary's own checks, run when the index is built. Each check is a rule module; this file
// only runs them in order.

import type { Glossary } from '../glossary/build';
import type { FieldRanges, GlossaryFinding } from './glossary-finding';
import { checkDuplicates } from './glossary-duplicate';
import { checkMissingFields } from './glossary-missing-field';
import { checkSeeAlso } from './glossary-unknown-see-also';

export function runGlossaryChecks(glossary: Glossary, fields: FieldRanges): GlossaryFinding[] {
  return [...checkDuplicates(glossary, fields), ...checkMissingFields(glossary), ...checkSeeAlso(glossary, fields)];
}
