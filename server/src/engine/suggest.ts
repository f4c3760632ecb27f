// "Did you mean ...": the terms whose name or alias is closest to a misspelt reference.

import type { Term } from './types';

export function suggestTerms(terms: Term[], written: string, limit = 3): Term[] {
  const target = written.toLowerCase().trim();
  const budget = Math.max(2, Math.floor(target.length / 4));
  const best = new Map<Term, number>();
  for (const term of terms) {
    for (const name of [term.name, ...term.aliases]) {
      const candidate = name.toLowerCase();
      if (Math.abs(candidate.length - target.length) > budget) continue;
      const d = distance(target, candidate, budget);
      if (d <= budget && d < (best.get(term) ?? Infinity)) best.set(term, d);
    }
  }
  return [...best.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].name.localeCompare(b[0].name))
    .slice(0, limit)
    .map(([term]) => term);
}

/** Optimal string alignment distance (edits with adjacent swaps), giving up past `budget`. */
export function distance(a: string, b: string, budget = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = new Array<number>(cols);
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return rowMin;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1];
}
