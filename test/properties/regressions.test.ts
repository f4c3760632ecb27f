// The shrunk cases the property tests found in the matcher and --fix, kept as plain examples.

import { describe, expect, it } from 'vitest';
import { fixText } from '../../server/src/cli/lint-files';
import { lintDocument } from '../../server/src/engine';
import { testGlossary } from '../helpers/fixtures';

const glossary = testGlossary();
const avoided = (text: string): string[] =>
  lintDocument(text, glossary).filter((f) => f.code === 'avoid-term').map((f) => text.slice(f.start, f.end));
const fixed = (text: string): string => fixText(text, (t) => lintDocument(t, glossary)).text;

describe('a term does not run from one block into the next', () => {
  const separate: Record<string, string> = {
    'two list items': '- Our lifetime\n- revenue grew',
    'two ordered items': '1. cost per\n2. customer',
    'heading and paragraph': '## Lifetime\nrevenue grew',
    'heading in a list item and its next line': '- ## Lifetime\n  revenue grew',
    'heading after a byte-order mark': '\ufeff## Lifetime\nrevenue grew',
    'across a thematic break': 'the cost per\n\n---\n\ncustomer data',
    'across a blank line': 'the cost per\n\ncustomer data',
    'two paragraphs of a quote': '> the cost per\n>\n> customer data',
    'paragraph then a quote': 'the cost per\n> customer data',
    'two table rows': 'a | cost per\n--- | ---\ncustomer | b',
  };
  for (const [name, text] of Object.entries(separate)) {
    it(name, () => {
      expect(avoided(text)).toEqual([]);
      expect(fixed(text)).toBe(text);
    });
  }

  const joined: Record<string, [string, string]> = {
    'a wrapped paragraph line': ['We track cost per\ncustomer.', 'We track Customer Acquisition Cost.'],
    'CRLF': ['We track cost per\r\ncustomer.', 'We track Customer Acquisition Cost.'],
    'a list item continued': ['- We track cost per\n  customer.', '- We track Customer Acquisition Cost.'],
    'a quote continued': ['> We track cost per\n> customer.', '> We track Customer Acquisition Cost.'],
    'a lazy quote line': ['> We track cost per\ncustomer.', '> We track Customer Acquisition Cost.'],
    'a quote in a list item continued': ['- > We track cost per\n  > customer.', '- > We track Customer Acquisition Cost.'],
  };
  for (const [name, [text, after]] of Object.entries(joined)) {
    it(`still matches ${name}`, () => {
      expect(avoided(text)).toHaveLength(1);
      expect(fixed(text)).toBe(after);
    });
  }
});
