// ambiguous-term (info): a word with several senses (terms that differ by `Context:`), used in a
// document that does not pick one with front matter `context: ...`.

import type { Finding } from '../types';
import { type DocumentContext, sensesOfMatch } from './document-context';

export function ambiguousTerm(doc: DocumentContext): Finding[] {
  const findings: Finding[] = [];
  for (const match of doc.matches) {
    // One variant is one sense (most matches): only lists of several may name several terms.
    if (match.variants.length < 2) continue;
    const senses = sensesOfMatch(doc, match.variants);
    if (senses.length < 2) continue;
    const written = doc.text.slice(match.start, match.end);
    if (doc.ignore.has(written.toLowerCase())) continue;
    const list = senses.map((t) => (t.context ? `${t.name} (${t.context})` : t.name)).join(', ');
    findings.push({
      code: 'ambiguous-term',
      severity: 'info',
      message: `'${written}' has ${senses.length} meanings: ${list}. Say which, or set 'context:' in the front matter.`,
      start: match.start,
      end: match.end,
      termIds: senses.map((t) => t.id),
      fixes: senses.map((t) => ({
        title: `Write '${t.name}'`,
        edits: [{ start: match.start, end: match.end, newText: t.name }],
        safe: false,
      })),
    });
  }
  return findings;
}
