// Glossary sources -> the index every face of Termbridge queries: terms, the match trie, name
// lookups, and the glossary's own findings per file.

import { runGlossaryChecks } from '../rules/glossary-checks';
import { keyOf, singularForms, tokenizeAll } from '../tokens';
import type { Finding, Term } from '../types';
import { type GlossarySource, parseGlossaryFile, type SectionHandOff } from './parse';
import { addVariant, type TrieNode } from './trie';
import { WordTable } from '../words';

export interface Glossary {
  terms: Term[];
  trie: TrieNode;
  /** Ids of the words of every name, alias and avoided name; the trie is keyed by them. */
  words: WordTable;
  /** Name or alias key (words lower-cased, joined by one space) -> term ids. */
  byName: Map<string, number[]>;
  /** Glossary file path -> slugs of its term headings. */
  slugsByFile: Map<string, Set<string>>;
  /** Findings on the glossary files themselves, by path (every file listed, clean ones empty). */
  findings: Map<string, Finding[]>;
}

/** `handOff`: see `SectionHandOff` (without it, every section is kept for the next build). */
export function buildGlossary(sources: GlossarySource[], handOff?: SectionHandOff): Glossary {
  const terms: Term[] = [];
  const findings = new Map<string, Finding[]>();
  const slugsByFile = new Map<string, Set<string>>();
  const fieldRanges = new Map<number, Map<string, { start: number; end: number }>>();
  for (const source of sources) {
    const parsed = parseGlossaryFile(source, terms.length, handOff);
    terms.push(...parsed.terms);
    findings.set(source.path, parsed.findings);
    slugsByFile.set(source.path, new Set(parsed.terms.map((t) => t.slug)));
    for (const [id, ranges] of parsed.fieldRanges) fieldRanges.set(id, ranges);
  }

  const trie: TrieNode = {};
  const words = new WordTable();
  const byName = new Map<string, number[]>();
  for (const term of terms) {
    addVariant(trie, words, term.id, 'name', term.name);
    for (const alias of term.aliases) addVariant(trie, words, term.id, 'alias', alias);
    for (const avoid of term.avoid) addVariant(trie, words, term.id, 'avoid', avoid);
    for (const name of [term.name, ...term.aliases]) {
      const key = nameKey(name);
      const ids = byName.get(key);
      if (!ids) byName.set(key, [term.id]);
      else if (!ids.includes(term.id)) ids.push(term.id);
    }
  }

  const glossary: Glossary = { terms, trie, words, byName, slugsByFile, findings };
  for (const finding of runGlossaryChecks(glossary, fieldRanges)) {
    findings.get(finding.file)!.push(finding.finding);
  }
  for (const list of findings.values()) list.sort((a, b) => a.start - b.start);
  return glossary;
}

/** The key names are compared by: words lower-cased, joined by one space. */
export function nameKey(name: string): string {
  return tokenizeAll(name)
    .map((t) => t.key)
    .join(' ');
}

/** Terms named (by name or alias) `name`, also when written in the plural. */
export function findTerms(glossary: Glossary, name: string): Term[] {
  const key = nameKey(name);
  let ids = glossary.byName.get(key);
  if (!ids) {
    const words = key.split(' ');
    const last = words.pop() ?? '';
    for (const form of singularForms(keyOf(last))) {
      ids = glossary.byName.get([...words, form].join(' '));
      if (ids) break;
    }
  }
  return (ids ?? []).map((id) => glossary.terms[id]);
}
