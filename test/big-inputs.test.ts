// Huge or odd documents are served, with correct positions: no size cut-offs.

import { describe, expect, it } from 'vitest';
import { LineIndex, lintDocument } from '../server/src/engine';
import { describeFindings, testGlossary } from './helpers/fixtures';

const glossary = testGlossary();

describe('big documents', () => {
  it('a 20,000-character line: every finding, at the right column', () => {
    const line = 'The cost per customer rose. '.repeat(715); // 20,020 characters
    const findings = lintDocument(line + '\n', glossary);
    expect(findings).toHaveLength(715);
    const last = new LineIndex(line).positionAt(findings[714].start);
    expect(last).toEqual({ line: 0, character: 714 * 28 + 4 });
  });

  it('a 5 MB document is linted whole', () => {
    const block = '## Section\n\nThe cost per customer and the ROAS.\n\n```sql\nselect cost per customer\n```\n\n';
    const text = block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    const findings = lintDocument(text, glossary);
    const perBlock = 2; // the avoided name and the acronym; nothing from the code block
    expect(findings).toHaveLength(perBlock * Math.ceil((5 * 1024 * 1024) / block.length));
    expect(describeFindings(text, findings.slice(-2))).toEqual([
      `${text.split('\n').length - 6}:5 avoid-term «cost per customer»`,
      `${text.split('\n').length - 6}:31 undefined-acronym «ROAS»`,
    ]);
  });

  it('astral-plane characters count as two UTF-16 units in positions', () => {
    const text = '𝒞𝒜𝒞 and 🚀🚀 cost per customer\n';
    const [finding] = lintDocument(text, glossary);
    expect(new LineIndex(text).positionAt(finding.start)).toEqual({ line: 0, character: 16 }); // 6 + 5 + 4 + 1
  });
});
