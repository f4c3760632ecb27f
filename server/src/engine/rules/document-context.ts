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

/** Per variant list (matches share the trie's own lists), its senses in the last context asked for. */
const sensesByVariants = new WeakMap<readonly MatchedVariant[], { context: string | undefined; senses: Term[] }>();

/** `sensesOf` a match: worked out once per variant list and context, not once per match. Read-only. */
export function sensesOfMatch(doc: Pick<DocumentContext, 'glossary' | 'context'>, variants: readonly MatchedVariant[]): Term[] {
  const known = sensesByVariants.get(variants);
  if (known && known.context === doc.context) return known.senses;
  const senses = sensesOf(doc, variants.map((v) => v.termId));
  sensesByVariants.set(variants, { context: doc.context, senses });
  return senses;
}
