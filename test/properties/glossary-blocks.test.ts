// The index parses glossary sections with remark's inline constructs switched off, and in full only
// when a heading that names a term has inline syntax. Property: that gives exactly the terms,
// fields, ranges and findings that remark's full parse gives, on any Markdown.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSection, splitSections } from '../../server/src/engine/glossary/parse';
import { documentArb, GLOSSARY_POOLS, glossarySourcesArb, hostileTextArb, mangledDocumentArb } from './arbitraries';
import { phrasesFor, starterGlossary } from './glossaries';
import { PROPERTY_TIMEOUT, runs } from './settings';

function expectSameSections(text: string): void {
  for (const { text: section } of splitSections(text)) {
    expect(parseSection(section), JSON.stringify(section)).toEqual(parseSection(section, 'parse'));
  }
}

// Inline syntax everywhere but in ATX headings, so that the block-only parse is the one compared
// (a heading with inline syntax sends its section to the full parse).
const plainHeadings = (text: string): string => text.replace(/^#{1,6}[ \t].*$/gm, (line) => line.replace(/[!&*<[\\\]_`]/g, 'x'));

const fill = phrasesFor(starterGlossary().glossary);

describe('the block-only glossary parse reads what the full parse reads', () => {
  it(
    'on Markdown of every kind, with inline syntax in the paragraphs and lists',
    () => {
      const arb = fc.oneof(
        documentArb({ pools: GLOSSARY_POOLS, envelope: true, unclosed: true, fill }).map((d) => plainHeadings(d.text)),
        mangledDocumentArb(fill).map(plainHeadings),
      );
      fc.assert(fc.property(arb, expectSameSections), runs('block-only parse, Markdown', 150));
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on headings with inline syntax, generated glossaries and hostile text',
    () => {
      const arb = fc.oneof(
        mangledDocumentArb(fill),
        glossarySourcesArb.map((g) => g.sources.map((s) => s.text).join('\n')),
        hostileTextArb,
      );
      fc.assert(fc.property(arb, expectSameSections), runs('block-only parse, headings and hostile text', 150));
    },
    PROPERTY_TIMEOUT,
  );

  it('on the starter glossary and on headings people write with Markdown in them', () => {
    for (const { text } of starterGlossary().sources) expectSameSections(text);
    const headings = ['## **Bold** Term', '## R&amp;D Budget', '## [Linked](https://example.com) Term', '## `code` Term', '## A\\*B', 'Setext *Term*\n---'];
    for (const heading of headings) {
      const text = `${heading}\n\n**Business:** b *with* \`code\`\n\n**IT:** i\n`;
      expectSameSections(text);
    }
    expect(parseSection('## **Bold** Term\n\nIT: i\n').terms[0].name).toBe('Bold Term');
    expect(parseSection('## R&amp;D Budget\n').terms[0].name).toBe('R&D Budget');
  });
});
