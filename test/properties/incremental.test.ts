// Property: an editor's re-check after edits (a `BlockMemo` kept across the versions, so only the
// lines around an edit are scanned again and only the blocks it touched are read again) gives
// exactly what reading the new text from scratch gives: the same blocks, findings, term matches,
// prose, links, comments and words.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseDocument, BlockMemo, type DocumentAnalysis, type Glossary } from '../../server/src/engine';
import { type BlockScan, scanBlocks } from '../../server/src/engine/markdown/blocks';
import { readDocument } from '../../server/src/engine/read-document';
import { documentArb, fillPhrases, GLOSSARY_POOLS, hostileTextArb } from './arbitraries';
import { phrasesFor, starterGlossary } from './glossaries';
import { PROPERTY_TIMEOUT, runs } from './settings';

interface Edit {
  /** Where, as a fraction of the text's length. */
  at: number;
  remove: number;
  insert: string;
}

/** What people type, and what moves blocks about: line breaks, markers, brackets, fences, terms. */
const pieceArb = (phrases: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('a', ' ', '\n', '\n\n', '# ', '> ', '- ', '1. ', '`', '```\n', '[', ']', '](x.md#a)', '*', '_', '<!-- ', ' -->', '|', '---\n', '    ', '[x]: /u\n', '[^n]: note\n', '\r\n'),
    fc.constantFrom(...phrases),
    fc.string({ maxLength: 6 }),
  );

const editsArb = (phrases: string[]): fc.Arbitrary<Edit[]> =>
  fc.array(
    fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(12), insert: pieceArb(phrases) }),
    { minLength: 1, maxLength: 8 },
  );

function apply(text: string, edit: Edit): string {
  const at = Math.floor(edit.at * text.length);
  return text.slice(0, at) + edit.insert + text.slice(Math.min(text.length, at + edit.remove));
}

/** Everything the rules and the editor read, as plain data. */
function observed(text: string, glossary: Glossary, analysis: DocumentAnalysis, memo?: BlockMemo): unknown {
  const { words } = readDocument(text, 'markdown', glossary, memo);
  return {
    findings: analysis.findings,
    matches: analysis.matches,
    scan: analysis.scan,
    context: analysis.context,
    words: [...words.starts.subarray(0, words.count)].map((s, k) => [s, words.ends[k], words.ids[k]]),
  };
}

/** The block scan of the edited text, taking over from the old scan, against a scan from scratch. */
function checkBlocks(before: string, after: string, old: BlockScan): BlockScan {
  let prefix = 0;
  while (prefix < Math.min(before.length, after.length) && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < Math.min(before.length, after.length) - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const resumed = scanBlocks(after, { text: before, scan: old, prefix, suffix });
  // The trail too: the next edit's scan takes over from this one.
  expect(resumed).toEqual(scanBlocks(after));
  return resumed;
}

function checkEdits(glossary: Glossary, text: string, edits: Edit[]): void {
  const memo = new BlockMemo();
  const wordsMemo = new BlockMemo();
  let current = text;
  let scan = scanBlocks(text);
  for (let k = 0; k <= edits.length; k++) {
    if (k > 0) {
      const before = current;
      current = apply(current, edits[k - 1]);
      try {
        scan = checkBlocks(before, current, scan);
      } catch (e) {
        expect.fail(`blocks after edit ${k}: ${(e as Error).message}\n--- before ---\n${JSON.stringify(before)}\n--- after ---\n${JSON.stringify(current)}`);
      }
    }
    const options = { path: 'docs/brief.md', memo };
    const kept = observed(current, glossary, analyseDocument(current, glossary, options), wordsMemo);
    const fresh = observed(current, glossary, analyseDocument(current, glossary, { path: 'docs/brief.md' }));
    try {
      expect(kept).toEqual(fresh);
    } catch (e) {
      expect.fail(`after edit ${k} of ${edits.length}: ${(e as Error).message}\n--- text ---\n${JSON.stringify(current)}`);
    }
  }
}

describe('re-checking after edits gives what a fresh check gives', () => {
  const { glossary } = starterGlossary();
  const { phrases, atoms } = phrasesFor(glossary);
  const markdownArb = documentArb({ pools: GLOSSARY_POOLS, envelope: true, unclosed: true }).map((d) => fillPhrases(d.text, phrases, atoms));

  it(
    'generated Markdown with the starter glossary\'s terms, edited at random',
    () => {
      fc.assert(
        fc.property(markdownArb, editsArb(phrases), (text, edits) => checkEdits(glossary, text, edits)),
        runs('incremental re-check, Markdown', 150),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'hostile text, edited at random',
    () => {
      fc.assert(
        fc.property(hostileTextArb, editsArb(phrases), (text, edits) => checkEdits(glossary, text, edits)),
        runs('incremental re-check, hostile text', 150),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
