// "Did you mean ...": the terms whose name or alias is closest to a misspelt reference.

import type { Term } from './types';

interface NameTable {
  /** Every name and alias, lower-cased, by its length as written: only lengths within the budget are read. */
  byLength: Map<number, { lower: string; term: Term; order: number }[]>;
  /** The same misspelling is often repeated across a corpus; the answer depends only on the term list. */
  answers: Map<string, Term[]>;
}

const tables = new WeakMap<Term[], NameTable>();

function tableOf(terms: Term[]): NameTable {
  let table = tables.get(terms);
  if (table) return table;
  table = { byLength: new Map(), answers: new Map() };
  terms.forEach((term, order) => {
    for (const name of [term.name, ...term.aliases]) {
      let bucket = table!.byLength.get(name.length);
      if (!bucket) table!.byLength.set(name.length, (bucket = []));
      bucket.push({ lower: name.toLowerCase(), term, order });
    }
  });
  tables.set(terms, table);
  return table;
}

export function suggestTerms(terms: Term[], written: string, limit = 3): Term[] {
  const target = written.toLowerCase().trim();
  const table = tableOf(terms);
  const key = `${limit}\u0000${target}`;
  const hit = table.answers.get(key);
  if (hit) return hit;

  const budget = Math.max(2, Math.floor(target.length / 4));
  const best = new Map<Term, { d: number; order: number }>();
  for (let length = Math.max(0, target.length - budget); length <= target.length + budget; length++) {
    for (const { lower, term, order } of table.byLength.get(length) ?? []) {
      const d = distance(target, lower, budget);
      if (d <= budget && d < (best.get(term)?.d ?? Infinity)) best.set(term, { d, order });
    }
  }
  // Ties go to the earlier term in the glossary, as when every term was tried in order.
  const result = [...best.entries()]
    .sort((a, b) => a[1].d - b[1].d || a[0].name.localeCompare(b[0].name) || a[1].order - b[1].order)
    .slice(0, limit)
    .map(([term]) => term);
  table.answers.set(key, result);
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
