// "Did you mean ...": the terms whose name or alias is closest to a misspelt reference.

import type { Term } from './types';

// The same misspelling is often repeated across a corpus; the answer depends only on the term list.
const memo = new WeakMap<Term[], Map<string, Term[]>>();

export function suggestTerms(terms: Term[], written: string, limit = 3): Term[] {
  const target = written.toLowerCase().trim();
  let cache = memo.get(terms);
  if (!cache) memo.set(terms, (cache = new Map()));
  const key = `${limit}\u0000${target}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const budget = Math.max(2, Math.floor(target.length / 4));
  const best = new Map<Term, number>();
  for (const term of terms) {
    for (const name of [term.name, ...term.aliases]) {
      if (Math.abs(name.length - target.length) > budget) continue;
      const d = distance(target, name.toLowerCase(), budget);
      if (d <= budget && d < (best.get(term) ?? Infinity)) best.set(term, d);
    }
  }
  const result = [...best.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].name.localeCompare(b[0].name))
    .slice(0, limit)
    .map(([term]) => term);
  cache.set(key, result);
  return result;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance (edits with adjacent swaps), giving up past `budget`. */
export function distance(a: string, b: string, budget = Infinity): number {
  const cols = b.length + 1;
  if (rowA.length < cols) {
    rowA = new Int32Array(cols * 2);
    rowB = new Int32Array(cols * 2);
    rowC = new Int32Array(cols * 2);
  }
  let prevPrev = rowA;
  let prev = rowB;
  let row = rowC;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prevPrev[j - 2] + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return rowMin;
    const spare = prevPrev;
    prevPrev = prev;
    prev = row;
    row = spare;
  }
  return prev[cols - 1];
}
