// Shared fixtures: the small test glossary and helpers to read documents and describe findings.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildGlossary, type Finding, type Glossary, LineIndex } from '../../server/src/engine';

export const ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** The test glossary, with paths relative to the repository root (as the CLI would name them). */
export function testGlossary(): Glossary {
  const dir = join(FIXTURES, 'glossary');
  return buildGlossary(
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ path: relative(ROOT, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') })),
  );
}

/** `line:col code «text»` (1-based), the form the `.expected` files use. */
export function describeFindings(text: string, findings: Finding[]): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const p = lines.positionAt(f.start);
    return `${p.line + 1}:${p.character + 1} ${f.code} «${text.slice(f.start, f.end).replace(/\n/g, '⏎')}»`;
  });
}
