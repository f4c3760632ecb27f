// Finds glossary terms in a document's words: a greedy, longest-first walk of the term trie from
// each word. Multi-word terms match across line breaks, extra spaces, hyphens and emphasis marks;
// the last word may be a regular plural or possessive.

import type { TrieEntry, TrieNode } from './glossary/trie';
import { singularForms, type Token } from './tokens';
import type { TermMatch } from './types';

export interface DocumentMatch extends TermMatch {
  firstToken: number;
  lastToken: number;
  /** What followed the glossary's last word (`s`, `'s`, `es`...): kept by fixes. */
  suffix: string;
}

interface Candidate {
  last: number;
  entries: TrieEntry[];
  suffix: string;
}

export function matchTerms(text: string, tokens: Token[], root: TrieNode): DocumentMatch[] {
  const matches: DocumentMatch[] = [];
  const top = root.next;
  if (!top) return matches;
  const candidates: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    let node = top.get(first.key);
    candidates.length = 0;
    addStemCandidates(root, first, i, candidates);
    if (!node && candidates.length === 0) continue; // the common case: no term starts here
    let j = i;
    while (node) {
      if (node.entries) candidates.push({ last: j, entries: node.entries, suffix: '' });
      const next = tokens[j + 1];
      if (!node.next || !next || !isJoiningGap(text, tokens[j].end, next.start)) break;
      addStemCandidates(node, next, j + 1, candidates);
      node = node.next.get(next.key);
      j++;
    }
    const best = pickLongest(tokens, i, candidates);
    if (!best) continue;
    matches.push({
      start: first.start,
      end: tokens[best.last].end,
      firstToken: i,
      lastToken: best.last,
      suffix: best.suffix,
      variants: best.entries.map(({ termId, kind, text: variantText }) => ({ termId, kind, text: variantText })),
    });
    i = best.last;
  }
  return matches;
}

/** Singular and non-possessive forms of `token` that end a term under `node`. */
function addStemCandidates(node: TrieNode, token: Token, index: number, out: Candidate[]): void {
  const key = token.key;
  const lastChar = key.charCodeAt(key.length - 1);
  if (!node.next || (lastChar !== 0x73 /* s */ && lastChar !== 0x27)) return;
  for (const form of singularForms(key)) {
    const child = node.next.get(form);
    if (child?.entries) out.push({ last: index, entries: child.entries, suffix: token.text.slice(form.length) });
  }
}

function pickLongest(tokens: Token[], first: number, candidates: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (best && c.last <= best.last) continue;
    const entries = c.entries.filter((e) => !e.caseSensitive || sameCase(tokens, first, c, e));
    if (entries.length) best = { ...c, entries };
  }
  return best;
}

function sameCase(tokens: Token[], first: number, c: Candidate, e: TrieEntry): boolean {
  if (e.words.length !== c.last - first + 1) return false;
  for (let k = 0; k < e.words.length; k++) {
    const word = tokens[first + k].text;
    const want = e.words[k];
    const isLast = first + k === c.last;
    if (isLast ? word.slice(0, word.length - c.suffix.length) !== want : word !== want) return false;
  }
  return true;
}

/** Between two words of one term: only white space, hyphens, slashes and emphasis marks. */
function isJoiningGap(text: string, from: number, to: number): boolean {
  if (to - from > 16) return false;
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (!(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2d || c === 0x2f || c === 0x2a || c === 0x5f || c === 0x3e || c === 0xa0)) {
      return false;
    }
  }
  return true;
}
