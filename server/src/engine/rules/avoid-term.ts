// avoid-term (warning): a synonym the glossary says to avoid. Fix (safe): the preferred name.

import type { Finding, MatchedVariant } from '../types';
import { type DocumentContext, sensesOfMatch } from './document-context';

export function avoidTerm(doc: DocumentContext): Finding[] {
  const findings: Finding[] = [];
  for (const match of doc.matches) {
    const avoided = avoidedVariant(doc, match.variants);
    if (!avoided) continue;
    const written = doc.text.slice(match.start, match.end);
    if (doc.ignore.has(written.toLowerCase())) continue;
    const term = doc.glossary.terms[avoided.termId];
    const replacement = inflect(term.name, match.suffix);
    findings.push({
      code: 'avoid-term',
      severity: 'warning',
      message: `Avoid '${written}': the glossary's word is '${term.name}'.`,
      start: match.start,
      end: match.end,
      termIds: [term.id],
      fixes: [{ title: `Replace with '${replacement}'`, edits: [{ start: match.start, end: match.end, newText: replacement }], safe: true }],
    });
  }
  return findings;
}

/** Per variant list (matches share the trie's own lists), what `avoidedVariant` said in the last context asked for. */
const avoidedByVariants = new WeakMap<readonly MatchedVariant[], { context: string | undefined; avoided: MatchedVariant | undefined }>();

/**
 * The avoided name a match is, in the document's senses; none when some sense accepts the word
 * (as a name or alias). Worked out once per variant list and context: most matches are none.
 */
function avoidedVariant(doc: DocumentContext, variants: readonly MatchedVariant[]): MatchedVariant | undefined {
  const known = avoidedByVariants.get(variants);
  if (known && known.context === doc.context) return known.avoided;
  const senses = sensesOfMatch(doc, variants);
  const inSenses = (v: MatchedVariant): boolean => senses.some((t) => t.id === v.termId);
  const avoided = variants.find((v) => v.kind === 'avoid' && inSenses(v));
  const accepted = variants.some((v) => v.kind !== 'avoid' && inSenses(v));
  const answer = accepted ? undefined : avoided;
  avoidedByVariants.set(variants, { context: doc.context, avoided: answer });
  return answer;
}

/** Carries a plural or possessive of the avoided word over to the preferred name. */
function inflect(name: string, suffix: string): string {
  if (!suffix) return name;
  if (suffix.startsWith("'") || suffix.startsWith('\u2019')) return name + suffix;
  if (/[A-Z0-9]$/.test(name)) return name + 's';
  if (/(?:s|x|z|ch|sh)$/i.test(name)) return name + 'es';
  if (/[^aeiou]y$/i.test(name)) return name.slice(0, -1) + 'ies';
  return name + 's';
}
