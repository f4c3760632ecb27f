// Glossaries for the engine properties: the real starter glossary, and word pools built from a
// glossary so that generated documents use its names, aliases and avoided names.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGlossary, type Glossary, type GlossarySource } from '../../server/src/engine';
import { ROOT } from '../helpers/fixtures';
import { PLAIN_WORDS, TERM_WORDS, type WordPools } from './arbitraries';

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

/** Words and phrases for documents checked against `glossary` (at most `limit` terms' worth). */
export function poolsFor(glossary: Glossary, limit = 60): WordPools {
  const phrases = new Set<string>();
  const links: string[] = [];
  // Spread over the glossary rather than its first entries.
  const step = Math.max(1, Math.floor(glossary.terms.length / limit));
  for (let i = 0; i < glossary.terms.length; i += step) {
    const t = glossary.terms[i];
    for (const p of [t.name, ...t.aliases, ...t.avoid]) phrases.add(p);
    links.push(`[[${t.name}]]`, `[[${t.name.slice(0, -1)}]]`, `[see](../${t.file}#${t.slug})`, `[see ${t.name}](../${t.file}#${t.slug}x)`);
  }
  links.push('[[No Such Term]]', '[[ ]]', '[x](../glossary/a.md#)', '[x](../glossary/missing.md#a)', '[`code`](../glossary/a.md#nope)');
  return { words: [...PLAIN_WORDS, ...TERM_WORDS], phrases: [...phrases], atoms: links };
}
