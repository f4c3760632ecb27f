// The word table every document word is looked up in: a hit must give the word's id whatever its
// case, a miss -1, across the table's growth (it is rehashed as words are added) and for words
// that are looked up with a letter added (singular forms: `companies` -> `company`).

import { describe, expect, it } from 'vitest';
import { WordTable } from '../server/src/engine/words';

/** Words that differ in one character, so that hashes and slots lie close together. */
function words(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `w${i.toString(36)}x`);
}

describe('word table', () => {
  const table = new WordTable();
  const keys = [...words(20_000), "o'neil", 'p&l', 'company', 'café', 'naïve'];
  const ids = keys.map((k) => table.id(k));

  it('gives each word one id, and the same id when it is added again', () => {
    expect(new Set(ids).size).toBe(keys.length);
    expect(keys.map((k) => table.id(k))).toEqual(ids);
    expect(ids.map((id) => table.keyOf(id))).toEqual(keys);
  });

  it('finds every word in a text, in any case, after growing', () => {
    const text = keys.map((k) => k.toUpperCase()).join(' ');
    let at = 0;
    const found = keys.map((k) => {
      const id = table.find(text, at, at + k.length);
      at += k.length + 1;
      return id;
    });
    expect(found).toEqual(ids);
  });

  it('finds nothing for words it does not hold', () => {
    const misses = ['wx', 'w0', 'w0xx', 'x', "o'neill", 'cafe', 'compan', 'companyy', ...words(20_100).slice(20_000).map((w) => `${w}q`)];
    const text = misses.join(' ');
    let at = 0;
    const found = misses.map((k) => {
      const id = table.find(text, at, at + k.length);
      at += k.length + 1;
      return id;
    });
    expect(found.every((id) => id === -1)).toBe(true);
  });

  it('finds a word with one letter added to what is written (singular forms)', () => {
    const text = 'Companies';
    expect(table.find(text, 0, 6, 'y'.charCodeAt(0))).toBe(table.id('company'));
    expect(table.find(text, 0, 6, 'x'.charCodeAt(0))).toBe(-1);
    expect(table.find(text, 0, 7)).toBe(-1);
  });
});
