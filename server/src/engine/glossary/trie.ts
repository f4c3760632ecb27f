// A trie over word keys: every way of writing every term (name, aliases, avoided names) is a path
// of lower-cased words. Matching a document walks it once per word, so the cost grows with the
// document, not with the number of terms.

import { type Token, tokenizeAll } from '../tokens';
import type { MatchedVariant, VariantKind } from '../types';
import type { WordTable } from '../words';

export interface TrieEntry extends MatchedVariant {
  /**
   * The variant's words as written, checked exactly; only kept when `caseSensitive` (a stored
   * index holds tens of thousands of entries, and no other entry reads them).
   */
  words?: string[];
  /** Acronyms written in capitals (`CAC`) match only in capitals. */
  caseSensitive: boolean;
}

export interface TrieNode {
  /** Keyed by word id (see `WordTable`). */
  next?: Map<number, TrieNode>;
  entries?: TrieEntry[];
}

export function addVariant(root: TrieNode, table: WordTable, termId: number, kind: VariantKind, text: string): void {
  const tokens = tokenizeAll(text);
  if (tokens.length === 0) return;
  const caseSensitive = isCapitalised(text);
  const entry = (words: string[]): TrieEntry => ({ termId, kind, text, words: caseSensitive ? words : undefined, caseSensitive });
  insert(root, tokens.map((t) => table.id(t.key)), entry(tokens.map((t) => t.text)));
  // `e-commerce` is also written `ecommerce`: a hyphenated variant also matches its joined form.
  if (tokens.length > 1 && hasHyphenBetween(text, tokens)) {
    const joined = tokens.map((t) => t.text).join('');
    insert(root, [table.id(joined.toLowerCase())], entry([joined]));
  }
}

function insert(root: TrieNode, keys: number[], entry: TrieEntry): void {
  let node = root;
  for (const key of keys) {
    node.next ??= new Map();
    let child = node.next.get(key);
    if (!child) {
      child = {};
      node.next.set(key, child);
    }
    node = child;
  }
  node.entries ??= [];
  if (!node.entries.some((e) => e.termId === entry.termId && e.kind === entry.kind && e.text === entry.text)) {
    node.entries.push(entry);
  }
}

function hasHyphenBetween(text: string, tokens: Token[]): boolean {
  for (let i = 1; i < tokens.length; i++) {
    if (text.slice(tokens[i - 1].end, tokens[i].start).includes('-')) return true;
  }
  return false;
}

/** 2+ letters and no lower-case letter: `CAC`, `B2B`, `A/B`. */
function isCapitalised(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
