// What every document rule reads: the document, its prose, words and term matches, computed once.

import type { Glossary } from '../glossary/build';
import type { ProseScan } from '../markdown/prose';
import type { DocumentMatch } from '../match';
import type { Words } from '../tokens';
import type { Finding, MatchedVariant, Term } from '../types';

export interface DocumentContext {
  text: string;
  /** The document's path (forward slashes), when it has one: resolves links into the glossary. */
  path?: string;
  scan: ProseScan;
  words: Words;
  matches: DocumentMatch[];
  glossary: Glossary;
  /** The sense the document picks with front matter `context: Sales`. */
  context?: string;
  /** Words never reported, lower-cased (config, plus `termbridge-ignore` comments). */
  ignore: Set<string>;
}

export type DocumentRule = (doc: DocumentContext) => Finding[];

/** The senses a match stands for, narrowed to the document's context when it names one of them. */
export function sensesOf(doc: Pick<DocumentContext, 'glossary' | 'context'>, termIds: number[]): Term[] {
  const terms = [...new Set(termIds)].map((id) => doc.glossary.terms[id]);
  if (doc.context) {
    const wanted = doc.context.toLowerCase();
    const picked = terms.filter((t) => t.context?.toLowerCase() === wanted);
    if (picked.length) return picked;
  }
  return terms;
}

/** Per variant list (matches share the trie's own lists), its senses per document context. */
const sensesByVariants = new WeakMap<readonly MatchedVariant[], Map<string, Term[]>>();

/** `sensesOf` a match: worked out once per variant list and context, not once per match. Read-only. */
export function sensesOfMatch(doc: Pick<DocumentContext, 'glossary' | 'context'>, variants: readonly MatchedVariant[]): Term[] {
  let byContext = sensesByVariants.get(variants);
  if (!byContext) sensesByVariants.set(variants, (byContext = new Map()));
  const key = doc.context ?? '';
  let senses = byContext.get(key);
  if (!senses) byContext.set(key, (senses = sensesOf(doc, variants.map((v) => v.termId))));
  return senses;
}
