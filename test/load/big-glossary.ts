// The hostile-glossary part of the load runs (`npm run test:load`): a 50,000-term glossary of about
// 15 MB, and a 20 MB glossary file, must index without failing and then lint as usual.

import { buildGlossary, lintDocument } from '../../server/src/engine';
// @ts-expect-error plain ESM without types
import { buildTerms, makeRandom, renderGlossaryPart } from '../../bench/generate.mjs';

interface GeneratedTerm {
  name: string;
  avoid?: string;
}

export function bigGlossaryRuns(): string[] {
  const problems: string[] = [];
  const terms: GeneratedTerm[] = buildTerms(makeRandom(5), 50_000);
  const parts: string[] = [];
  for (let p = 0; p * 500 < terms.length; p++) parts.push(renderGlossaryPart(terms.slice(p * 500, (p + 1) * 500), p));

  let started = Date.now();
  const many = buildGlossary(parts.map((text, p) => ({ path: `glossary/part-${p}.md`, text })));
  const withAvoid = terms.find((t) => t.avoid)!;
  const findings = lintDocument(`We still say ${withAvoid.avoid} here.\n`, many);
  console.log(`50,000 terms in ${parts.length} files (${mb(parts)} MB): indexed in ${Date.now() - started} ms`);
  if (many.terms.length !== 50_000) problems.push(`the 50,000-term glossary indexed ${many.terms.length} terms`);
  if (findings[0]?.code !== 'avoid-term') problems.push('the 50,000-term glossary did not find an avoided name');

  // One file of at least 20 MB: the same entries again under new names until it is big enough.
  let big = parts.join('\n');
  for (let copy = 1; big.length < 20 * 1024 * 1024; copy++) big += '\n' + parts.join('\n').replace(/^## (.+)$/gm, `## $1 copy ${copy}`);
  started = Date.now();
  const one = buildGlossary([{ path: 'glossary/big.md', text: big }]);
  console.log(`one ${mb([big])} MB glossary file: indexed in ${Date.now() - started} ms, ${one.terms.length} terms`);
  if (one.terms.length < 50_000) problems.push(`the 20 MB glossary indexed only ${one.terms.length} terms`);
  return problems;
}

function mb(texts: string[]): string {
  return (texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1);
}
