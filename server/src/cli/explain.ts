// `termbridge explain <term>`: a glossary entry in plain text, every sense of an ambiguous name.

import { findTerms, type Glossary, suggestTerms, type Term } from '../engine';

export function explain(glossary: Glossary, name: string): { ok: boolean; text: string } {
  const terms = findTerms(glossary, name);
  if (terms.length === 0) {
    const close = suggestTerms(glossary.terms, name);
    const hint = close.length ? ` Did you mean ${close.map((t) => `'${t.name}'`).join(' or ')}?` : '';
    return { ok: false, text: `termbridge: '${name}' is not in the glossary.${hint}\n` };
  }
  const header = terms.length > 1 ? `'${name}' has ${terms.length} meanings:\n\n` : '';
  return { ok: true, text: header + terms.map(describe).join('\n') };
}

function describe(t: Term): string {
  const lines = [t.context ? `${t.name}  (${t.context})` : t.name, '='.repeat(t.name.length)];
  const row = (label: string, value: string | undefined): void => {
    if (value) lines.push(`${label.padEnd(10)} ${value.replace(/\s*\n\s*/g, ' ')}`);
  };
  row('Aliases:', t.aliases.join(', '));
  row('Avoid:', t.avoid.join(', '));
  row('Business:', t.business ?? '(not written yet)');
  row('IT:', t.it ?? '(not written yet)');
  row('Owner:', t.owner);
  row('Status:', t.status);
  row('See also:', t.seeAlso.join(', '));
  for (const e of t.extra) row(`${e.label}:`, e.value);
  for (const d of t.description) lines.push('', d);
  lines.push('', `Defined in ${t.file}#${t.slug}`);
  return lines.join('\n') + '\n';
}
