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

/**
 * `answer` remembered per variant list (matches share the trie's own lists) and document context:
 * worked out once per list, not once per match. Answers are read-only.
 */
export function perVariantList<T>(answer: (doc: Pick<DocumentContext, 'glossary' | 'context'>, variants: readonly MatchedVariant[]) => T) {
  const known = new WeakMap<readonly MatchedVariant[], { context: string | undefined; value: T }>();
  return (doc: Pick<DocumentContext, 'glossary' | 'context'>, variants: readonly MatchedVariant[]): T => {
    const hit = known.get(variants);
    if (hit && hit.context === doc.context) return hit.value;
    const value = answer(doc, variants);
    known.set(variants, { context: doc.context, value });
    return value;
  };
}

/** `sensesOf` a match. */
export const sensesOfMatch = perVariantList((doc, variants) => sensesOf(doc, variants.map((v) => v.termId)));
