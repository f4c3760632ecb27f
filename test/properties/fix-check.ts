// What the --fix properties check (fix.test.ts, fix-starter.test.ts): --fix (the CLI's `fixText` over
// the engine's `safeEdits` + `applyEdits`) leaves no avoided term, a second run changes nothing, code
// (fenced, indented, inline), HTML and front matter come out byte for byte as they went in, whatever
// avoided terms they hold, and the block structure (paragraphs, headings, lists, quotes, tables,
// breaks) stays as it was.

import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect } from 'vitest';
import { fixText } from '../../server/src/cli/lint-files';
import { type Glossary, lintDocument, nameKey } from '../../server/src/engine';
import { documentArb, fillPhrases, PLAIN_WORDS, TERM_WORDS } from './arbitraries';
import { phrasesFor } from './glossaries';
import { writes } from './invariants';

interface Node {
  type: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
const VERBATIM = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml']);

const BLOCKS = new Set([
  'blockquote', 'code', 'definition', 'footnoteDefinition', 'heading', 'html', 'list', 'listItem', 'paragraph',
  'table', 'tableRow', 'thematicBreak', 'yaml', 'toml',
]);

/**
 * Per remark: the source text of every code block, code span, HTML node and front matter, in order;
 * and the document's block structure (nesting of block types), which replacing words never changes.
 */
function parts(text: string): { verbatim: string[]; blocks: string } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const src = bom ? text.slice(1) : text;
  const verbatim: string[] = [];
  const walk = (n: Node): string => {
    if (VERBATIM.has(n.type) && n.position) verbatim.push(src.slice(n.position.start.offset, n.position.end.offset));
    const inner = (n.children ?? []).map(walk).filter(Boolean).join(' ');
    return BLOCKS.has(n.type) ? `${n.type}(${inner})` : inner;
  };
  const blocks = walk(processor.parse(src) as Node);
  return { verbatim, blocks };
}

/** Does the avoided name `avoided` hold the words of `name` (so a replacement can re-form it)? */
function holds(avoided: string, name: string): boolean {
  const a = ` ${nameKey(avoided)} `;
  return a.includes(` ${nameKey(name)} `);
}

/**
 * `overlapping`: the glossary may have a preferred name inside another avoided name (`Cost` and
 * avoided `customer cost`). Then a replacement can form the avoided name again with the word before
 * it (`customer customer cost` -> `customer Cost` -> `Cost`, one word per pass), and --fix, bounded
 * at 5 passes, may leave one: allowed only in exactly that case.
 */
export function checkFix(text: string, glossary: Glossary, overlapping = false): void {
  const lint = (t: string) => lintDocument(t, glossary, { path: 'docs/brief.md' });
  const fixed = fixText(text, lint);
  const context = `\n--- document ---\n${JSON.stringify(text)}\n--- fixed ---\n${JSON.stringify(fixed.text)}`;
  const left = fixed.findings.filter((f) => f.code === 'avoid-term');
  // Each avoided name left holds some term's preferred name.
  const reformed = (): boolean =>
    left.every((f) => {
      const written = fixed.text.slice(f.start, f.end);
      const avoided = glossary.terms[f.termIds![0]].avoid.filter((a) => writes(written, a));
      return avoided.some((a) => glossary.terms.some((u) => holds(a, u.name) && nameKey(a) !== nameKey(u.name)));
    });
  if (left.length && !(overlapping && reformed())) {
    expect.fail(`avoided terms left: ${left.map((f) => JSON.stringify(fixed.text.slice(f.start, f.end))).join(', ')}${context}`);
  }
  if (!left.length && fixText(fixed.text, lint).text !== fixed.text) expect.fail(`a second --fix changed the text${context}`);
  const before = parts(text);
  const after = parts(fixed.text);
  if (before.verbatim.join('\u0000') !== after.verbatim.join('\u0000')) {
    const changed = before.verbatim.find((p, i) => p !== after.verbatim[i]) ?? after.verbatim[before.verbatim.length];
    expect.fail(`code, HTML or front matter changed (first: ${JSON.stringify(changed)})${context}`);
  }
  if (before.blocks !== after.blocks) expect.fail(`the block structure changed:\n${before.blocks}\n${after.blocks}${context}`);
}

/** Documents with placeholders for a glossary's names and avoided names, in prose and in code alike. */
export const templateArb = documentArb({ pools: { words: [...PLAIN_WORDS, ...TERM_WORDS], phrases: true }, envelope: true, unclosed: true }).map(
  (d) => d.text,
);
export const fill = (template: string, glossary: Glossary): string => fillPhrases(template, phrasesFor(glossary).phrases);

