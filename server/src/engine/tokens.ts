// Words of prose, and the normal forms the matcher looks them up by. One tokeniser serves both the
// glossary (term names) and documents, so a name always matches itself.

import { FNV_OFFSET, FNV_PRIME, type WordTable } from './words';

export interface Token {
  start: number;
  end: number;
  /** The word as written. */
  text: string;
  /** Lower-cased, typographic apostrophe folded: the key looked up in the term trie. */
  key: string;
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** ASCII letters and digits: 1, by char code (one lookup instead of three range tests per character). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0;

function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 0x80) return ASCII_WORD[c] === 1;
  // Surrogate pairs: test the whole code point.
  if (c >= 0xd800 && c <= 0xdbff) return NON_ASCII_WORD.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return NON_ASCII_WORD.test(text.slice(i - 1, i + 1));
  return NON_ASCII_WORD.test(text[i]);
}

/** An apostrophe or `&` joins two word characters: `CDP's`, `don't`, `P&L`, `R&D`. */
function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x26;
}

/**
 * FNV-1a of the lower-cased characters of the word `readWord` read last, and whether they were all
 * ASCII (else the hash is not the table's): module state, so reading a word allocates nothing.
 */
let wordHash = 0;
let wordIsAscii = true;

/**
 * Where the word that starts at `i` ends (letters and digits, joined by `'` or `&`), within `end`;
 * hashes it on the way (`wordHash`), so a document's characters are read once.
 */
function readWord(text: string, i: number, end: number): number {
  let hash = FNV_OFFSET;
  let ascii = true;
  let c = text.charCodeAt(i);
  for (;;) {
    if (c < 0x80) hash = Math.imul(hash ^ (c >= 0x41 && c <= 0x5a ? c | 0x20 : c), FNV_PRIME);
    else ascii = false;
    i++;
    if (i >= end) break;
    c = text.charCodeAt(i);
    if (isWordCode(c, text, i)) continue;
    if (i + 1 < end && isJoiner(c) && isWordCode(text.charCodeAt(i + 1), text, i + 1)) continue;
    break;
  }
  wordHash = hash;
  wordIsAscii = ascii;
  return i;
}

/** A document's words as parallel arrays: no object per word (documents have millions of them). */
export interface Words {
  count: number;
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  /** Word id in the glossary's table, -1 for a word that occurs in no term. */
  ids: Int32Array<ArrayBuffer>;
}

/**
 * Room for the words of about `chars` characters of prose (one word in eight characters), or for
 * `expected` words and a little more when the caller knows about how many there will be.
 */
export function wordCapacity(chars: number, expected?: number): number {
  return expected === undefined ? 64 + (chars >> 3) : 64 + expected + (expected >> 6);
}

/** Word arrays with room for `wordCapacity(chars, expected)` words. */
export function emptyWords(chars: number, expected?: number): Words {
  const capacity = wordCapacity(chars, expected);
  return { count: 0, starts: new Int32Array(capacity), ends: new Int32Array(capacity), ids: new Int32Array(capacity) };
}

/** Makes room for `capacity` words in all. */
export function reserveWords(words: Words, capacity: number): void {
  if (capacity <= words.starts.length) return;
  const size = Math.max(capacity, words.starts.length * 2);
  words.starts = grow(words.starts, size);
  words.ends = grow(words.ends, size);
  words.ids = grow(words.ids, size);
}

/** The words of `text` inside the flat [start, end) pairs of `ranges`, with their ids, added to `into`. */
export function scanWords(text: string, ranges: number[], table: WordTable, into: Words = emptyWords(text.length)): Words {
  // Locals, not `into`'s fields, in the loop: this runs for every word of every document.
  let { count, starts, ends, ids } = into;
  for (let r = 0; r < ranges.length; r += 2) {
    const end = ranges[r + 1];
    let i = ranges[r];
    while (i < end) {
      if (!isWordCode(text.charCodeAt(i), text, i)) {
        i++;
        continue;
      }
      const start = i;
      i = readWord(text, i, end);
      if (count === starts.length) {
        into.count = count;
        reserveWords(into, count + 1);
        ({ starts, ends, ids } = into);
      }
      starts[count] = start;
      ends[count] = i;
      // A word with a character beyond ASCII (rare) is looked up the slow way.
      ids[count] = wordIsAscii ? table.findHashed(wordHash, text, start, i) : table.find(text, start, i);
      count++;
    }
  }
  into.count = count;
  into.starts = starts;
  into.ends = ends;
  into.ids = ids;
  return into;
}

function grow(a: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

export function keyOf(word: string): string {
  // toLowerCase returns the same string when nothing changes, so most words cost no allocation here.
  const lower = word.toLowerCase();
  return lower.indexOf('\u2019') < 0 ? lower : lower.replace(/\u2019/g, "'");
}

/** The words of a whole string (a term name, an alias), as objects: names are few and short. */
export function tokenizeAll(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordCode(text.charCodeAt(i), text, i)) {
      i++;
      continue;
    }
    const start = i;
    i = readWord(text, i, text.length);
    const word = text.slice(start, i);
    tokens.push({ start, end: i, text: word, key: keyOf(word) });
  }
  return tokens;
}

/**
 * The forms a word may stand for when it ends a term: itself, without a possessive, and singular
 * (regular English plurals only: `audiences`, `companies`, `CDPs`, `boxes`). Shortest last.
 */
export function singularForms(key: string): string[] {
  const forms: string[] = [];
  let base = key;
  if (base.endsWith("'s")) {
    base = base.slice(0, -2);
    forms.push(base);
  }
  if (base.length > 3 && base.endsWith('ies')) forms.push(base.slice(0, -3) + 'y');
  if (base.length > 3 && /(?:s|x|z|ch|sh)es$/.test(base)) forms.push(base.slice(0, -2));
  if (base.length > 2 && base.endsWith('s') && !base.endsWith('ss')) forms.push(base.slice(0, -1));
  return forms;
}

/** All capitals (2+ letters; digits and `&` allowed): `ROAS`, `B2B`, `P&L`. */
export function isAcronym(word: string): boolean {
  let letters = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) letters++;
    else if (!((c >= 0x30 && c <= 0x39) || c === 0x26)) return false;
  }
  return letters >= 2;
}
