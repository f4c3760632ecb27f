// Property: the spans of `termbridge/termRanges`, placed by one sweep down the lines, are where the
// document's own `positionAt` puts each offset, on any mix of LF, CRLF and CR line breaks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { termSpans } from '../../server/src/lsp/context';
import { PROPERTY_TIMEOUT, runs } from './settings';

const textArb = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', '\n\n', 'term'), { maxLength: 60 }).map((p) => p.join(''));

/** Sorted, non-overlapping spans at offsets a term can start or end at (never between CR and LF). */
function spansIn(text: string, cuts: number[]): { start: number; end: number }[] {
  const ok = (o: number): boolean => !(text[o - 1] === '\r' && text[o] === '\n');
  const offsets = [...new Set(cuts.map((c) => Math.floor(c * (text.length + 1))))].filter(ok).sort((a, b) => a - b);
  const spans: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < offsets.length; k += 2) spans.push({ start: offsets[k], end: offsets[k + 1] });
  return spans;
}

describe('term spans', () => {
  it(
    'are the positions positionAt gives',
    () => {
      fc.assert(
        fc.property(textArb, fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { maxLength: 20 }), (text, cuts) => {
          const doc = TextDocument.create('file:///d.md', 'markdown', 1, text);
          const spans = spansIn(text, cuts);
          const expected = spans.flatMap((s) => {
            const a = doc.positionAt(s.start);
            const b = doc.positionAt(s.end);
            return [a.line, a.character, b.line, b.character];
          });
          expect(termSpans(doc, spans)).toEqual(expected);
        }),
        runs('term spans are the positions positionAt gives', 300),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
