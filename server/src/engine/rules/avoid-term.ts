// avoid-term (warning): a synonym the glossary says to avoid. Fix (safe): the preferred name.

import type { Finding, MatchedVariant } from '../types';
import { type DocumentContext, perVariantList, sensesOfMatch } from './document-context';

export function avoidTerm(doc: DocumentContext): Finding[] {
  const findings: Finding[] = [];
  for (const match of doc.matches) {
    // Most matches are a name or alias with no avoided variant: no need to ask about their senses.
    if (!match.variants.some(isAvoided)) continue;
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

const isAvoided = (v: MatchedVariant): boolean => v.kind === 'avoid';

/**
 * The avoided name a match is, in the document's senses; none when some sense accepts the word
 * (as a name or alias). Most matches are none.
 */
const avoidedVariant = perVariantList((doc, variants): MatchedVariant | undefined => {
  const senses = sensesOfMatch(doc, variants);
  const inSenses = (v: MatchedVariant): boolean => senses.some((t) => t.id === v.termId);
  const avoided = variants.find((v) => v.kind === 'avoid' && inSenses(v));
  return variants.some((v) => v.kind !== 'avoid' && inSenses(v)) ? undefined : avoided;
});

/** Carries a plural or possessive of the avoided word over to the preferred name. */
function inflect(name: string, suffix: string): string {
  if (!suffix) return name;
  if (suffix.startsWith("'") || suffix.startsWith('\u2019')) return name + suffix;
  if (/[A-Z0-9]$/.test(name)) return name + 's';
  if (/(?:s|x|z|ch|sh)$/i.test(name)) return name + 'es';
  if (/[^aeiou]y$/i.test(name)) return name.slice(0, -1) + 'ies';
  return name + 's';
}
