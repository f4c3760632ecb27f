// Glossaries for the engine properties: the real starter glossary, and word pools built from a
// glossary so that generated documents use its names, aliases and avoided names.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGlossary, type Glossary, type GlossarySource } from '../../server/src/engine';
import { ROOT } from '../helpers/fixtures';

let starter: { sources: GlossarySource[]; glossary: Glossary } | undefined;

/** The bundled starter glossary (`glossary/*.md`), built once. */
export function starterGlossary(): { sources: GlossarySource[]; glossary: Glossary } {
  if (!starter) {
    const dir = join(ROOT, 'glossary');
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ path: `glossary/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
    starter = { sources, glossary: buildGlossary(sources) };
  }
  return starter;
}

/** What documents checked against `glossary` sprinkle in (see `fillPhrases`): its names, aliases and
 * avoided names (of at most `limit` terms), and wiki links and links into its files, good and bad. */
export function phrasesFor(glossary: Glossary, limit = 60): { phrases: string[]; atoms: string[] } {
  const phrases = new Set<string>();
  const atoms: string[] = [];
  // Spread over the glossary rather than its first entries.
  const step = Math.max(1, Math.floor(glossary.terms.length / limit));
  for (let i = 0; i < glossary.terms.length; i += step) {
    const t = glossary.terms[i];
    for (const p of [t.name, ...t.aliases, ...t.avoid]) phrases.add(p);
    atoms.push(`[[${t.name}]]`, `[[${t.name.slice(0, -1)}]]`, `[see](../${t.file}#${t.slug})`, `[see ${t.name}](../${t.file}#${t.slug}x)`);
  }
  atoms.push('[[No Such Term]]', '[[ ]]', '[x](../glossary/a.md#)', '[x](../glossary/missing.md#a)', '[`code`](../glossary/a.md#nope)');
  return { phrases: [...phrases], atoms };
}
