// Finds glossary terms in a document's words: a greedy, longest-first walk of the term trie from
// each word. Multi-word terms match across line breaks, extra spaces, hyphens and emphasis marks;
// the last word may be a regular plural or possessive.

import type { Glossary } from './glossary/build';
import type { TrieEntry, TrieNode } from './glossary/trie';
import type { Words } from './tokens';
import type { TermMatch } from './types';

export interface DocumentMatch extends TermMatch {
  /** Indexes of the first and last word of the match in the document's `Words`. */
  firstToken: number;
  lastToken: number;
  /** What followed the glossary's last word (`s`, `'s`, `es`...): kept by fixes. */
  suffix: string;
}

/**
 * The terms that could end at some word after the current one: three parallel lists and a count,
 * reused by every call (matching is not re-entrant; an editor matches block by block). Lists rather
 * than an object per candidate: a candidate is made for every word that could start a term, most
 * of them not kept, and those objects were the bulk of what linting allocated.
 */
const candidates = { count: 0, last: [] as number[], entries: [] as TrieEntry[][], suffix: [] as string[] };
type Candidates = typeof candidates;

function addCandidate(out: Candidates, last: number, entries: TrieEntry[], suffix: string): void {
  const k = out.count++;
  out.last[k] = last;
  out.entries[k] = entries;
  out.suffix[k] = suffix;
}

export interface MatchRange {
  /** The words to look at: [from, to) of `words`; all of them by default. */
  from?: number;
  to?: number;
  /** Ascending indexes of words that begin a block: no term runs on into them. */
  blockStarts?: ArrayLike<number>;
  /** Where the matches go (a new array by default). */
  into?: DocumentMatch[];
}

/** The terms among a document's words, in order. A term never spans two blocks. */
export function matchTerms(text: string, words: Words, glossary: Pick<Glossary, 'trie' | 'words'>, range: MatchRange = {}): DocumentMatch[] {
  const matches = range.into ?? [];
  const root = glossary.trie;
  if (!root.next) return matches;
  const top = firstWords(root);
  const { starts, ends, ids } = words;
  const to = range.to ?? words.count;
  const from = range.from ?? 0;
  const blockStarts = range.blockStarts ?? [];
  // The walk from word i stops before `blockEnd`: the first block start after i (or `to`).
  let nextBlock = 0;
  let blockEnd = -1;
  for (let i = from; i < to; i++) {
    if (i >= blockEnd) {
      while (nextBlock < blockStarts.length && blockStarts[nextBlock] <= i) nextBlock++;
      blockEnd = nextBlock < blockStarts.length ? Math.min(blockStarts[nextBlock], to) : to;
    }
    let node = ids[i] >= 0 ? top[ids[i]] : undefined;
    candidates.count = 0;
    if (mayBeInflected(text.charCodeAt(ends[i] - 1))) addStemCandidates(text, glossary, root, words, i, candidates);
    if (!node && candidates.count === 0) continue; // the common case: no term starts here
    let j = i;
    while (node) {
      if (node.entries) addCandidate(candidates, j, node.entries, '');
      if (!node.next || j + 1 >= blockEnd || !isJoiningGap(text, ends[j], starts[j + 1])) break;
      addStemCandidates(text, glossary, node, words, j + 1, candidates);
      node = ids[j + 1] >= 0 ? node.next.get(ids[j + 1]) : undefined;
      j++;
    }
    const best = pickLongest(text, words, i, candidates);
    if (best < 0) continue;
    const last = candidates.last[best];
    matches.push({
      start: starts[i],
      end: ends[last],
      firstToken: i,
      lastToken: last,
      suffix: candidates.suffix[best],
      // The trie's own entries (read-only): one array per term variant, not one per match.
      variants: candidates.entries[best],
    });
    i = last;
  }
  return matches;
}

const firstWordsOf = new WeakMap<TrieNode, (TrieNode | undefined)[]>();

/**
 * The trie's first level as an array by word id: it is looked into for every word of every
 * document, and an array index costs less than a map lookup. Made once per glossary (a built
 * trie does not change).
 */
function firstWords(root: TrieNode): (TrieNode | undefined)[] {
  let first = firstWordsOf.get(root);
  if (!first) {
    let size = 0;
    for (const id of root.next!.keys()) size = Math.max(size, id + 1);
    first = Array.from({ length: size }, (_, id) => root.next!.get(id));
    firstWordsOf.set(root, first);
  }
  return first;
}

/** Only a word ending in `s` or an apostrophe can be a plural or possessive (checked before the call). */
const mayBeInflected = (c: number): boolean => c === 0x73 || c === 0x53 || c === 0x27 || c === 0x2019;
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019;

/**
 * Singular and non-possessive forms of word `index` that end a term under `node`: `CDP's`,
 * `audiences`, `companies` (-> company), `boxes`. Regular English only. (No closures here: this
 * runs for every word ending in s.)
 */
function addStemCandidates(
  text: string,
  glossary: Pick<Glossary, 'words'>,
  node: TrieNode,
  words: Words,
  index: number,
  out: Candidates,
): void {
  const start = words.starts[index];
  const end = words.ends[index];
  const last = lower(text.charCodeAt(end - 1));
  if (!node.next || (last !== 0x73 /* s */ && !isApostrophe(last))) return;
  let base = end;
  if (end - start > 2 && last === 0x73 && isApostrophe(text.charCodeAt(end - 2))) {
    base = end - 2;
    addForm(text, glossary, node, index, start, end, base, -1, out);
  }
  const len = base - start;
  if (len <= 2 || lower(text.charCodeAt(base - 1)) !== 0x73) return;
  const c2 = lower(text.charCodeAt(base - 2));
  if (len > 3 && c2 === 0x65) {
    const c3 = lower(text.charCodeAt(base - 3));
    const c4 = lower(text.charCodeAt(base - 4));
    if (c3 === 0x69) addForm(text, glossary, node, index, start, end, base - 3, 0x79, out); // ies -> y
    if (c3 === 0x73 || c3 === 0x78 || c3 === 0x7a || (c3 === 0x68 && (c4 === 0x63 || c4 === 0x73))) {
      addForm(text, glossary, node, index, start, end, base - 2, -1, out); // (s|x|z|ch|sh)es
    }
  }
  if (c2 !== 0x73) addForm(text, glossary, node, index, start, end, base - 1, -1, out);
}

/** A candidate when text[start, formEnd) (+ `extra`) ends a term under `node`. */
function addForm(
  text: string,
  glossary: Pick<Glossary, 'words'>,
  node: TrieNode,
  index: number,
  start: number,
  end: number,
  formEnd: number,
  extra: number,
  out: Candidates,
): void {
  const id = glossary.words.find(text, start, formEnd, extra);
  const child = id >= 0 ? node.next!.get(id) : undefined;
  if (!child?.entries) return;
  const formLength = formEnd - start + (extra >= 0 ? 1 : 0);
  addCandidate(out, index, child.entries, text.slice(start + formLength, end));
}

/**
 * The candidate that ends furthest (the first of those), or -1. Entries that must match in
 * capitals and do not are dropped: the candidate's entries are then replaced by the rest.
 */
function pickLongest(text: string, words: Words, first: number, c: Candidates): number {
  let best = -1;
  for (let k = 0; k < c.count; k++) {
    if (best >= 0 && c.last[k] <= c.last[best]) continue;
    const entries = writtenAsRequired(text, words, first, c.last[k], c.suffix[k], c.entries[k]);
    if (entries.length) {
      c.entries[k] = entries;
      best = k;
    }
  }
  return best;
}

/**
 * `entries` without those that must match in capitals and are not written so. The list itself
 * when none is dropped, as for nearly every match: no copy, and the rules' answers per list
 * (see `perVariantList`) still apply.
 */
function writtenAsRequired(text: string, words: Words, first: number, last: number, suffix: string, entries: TrieEntry[]): TrieEntry[] {
  let kept: TrieEntry[] | undefined;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const ok = !e.caseSensitive || sameCase(text, words, first, last, suffix, e);
    if (!ok && !kept) kept = entries.slice(0, k);
    else if (ok && kept) kept.push(e);
  }
  return kept ?? entries;
}

/** The words first..last are written exactly as the entry's words (the last one before `suffix`). */
function sameCase(text: string, words: Words, first: number, last: number, suffix: string, e: TrieEntry): boolean {
  const written = e.words ?? [];
  if (written.length !== last - first + 1) return false;
  for (let k = 0; k < written.length; k++) {
    const index = first + k;
    const start = words.starts[index];
    const end = index === last ? words.ends[index] - suffix.length : words.ends[index];
    if (end - start !== written[k].length || !text.startsWith(written[k], start)) return false;
  }
  return true;
}

/** Between two words of one term: only white space, hyphens, slashes and emphasis marks. */
function isJoiningGap(text: string, from: number, to: number): boolean {
  if (to - from > 16) return false;
  let lineBreak = false;
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (!(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2d || c === 0x2f || c === 0x2a || c === 0x5f || c === 0x3e || c === 0xa0)) {
      return false;
    }
    if (c === 0x0a || c === 0x0d) lineBreak = true;
  }
  return !lineBreak || continuesParagraph(text, from, to);
}

/**
 * A gap with a line break joins two words of one term only inside one paragraph: the words come
 * to the matcher without their blocks, and white space, `-`, `*`, `_` and `>` also make up blank
 * lines, list markers, thematic breaks and block quote markers. So not across a blank line, a new
 * list item (`- target⏎- group`), a deeper quote, a table row or the end of an ATX heading
 * (`## Target⏎Group sizes...`). Found by the property tests: such matches were findings spanning
 * two blocks, and --fix merged the list items, deleted the thematic break or pulled the paragraph
 * into the heading.
 */
function continuesParagraph(text: string, from: number, to: number): boolean {
  const gap = text.slice(from, to);
  const after = gap.slice(gap.search(/[\r\n]/)).replace(/^(?:\r\n?|\n)/, '');
  // One line break; then only the containers' prefixes (`>`, indentation) and emphasis marks.
  if (!/^[ \t>]*[*_]*$/.test(after)) return false;
  let lineStart = from;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a && text.charCodeAt(lineStart - 1) !== 0x0d) lineStart--;
  const line = text.slice(lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart, from);
  // The line's container prefix: indentation, quote markers, list markers (`- > ` is one quote deep).
  const prefix = /^(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*/.exec(line)![0];
  const depth = (s: string): number => s.split('>').length - 1;
  // A lazy continuation line may drop quote markers; one with more opens a new quote.
  if (depth(after) > depth(prefix)) return false;
  if (/^#{1,6}(?:[ \t]|$)/.test(line.slice(prefix.length))) return false;
  let lineEnd = to;
  while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
  return !line.includes('|') && !text.slice(to, lineEnd).includes('|');
}
