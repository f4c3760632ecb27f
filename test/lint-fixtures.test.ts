// Data-driven: every test/fixtures/lint/NAME.md is linted against the test glossary and its
// findings must equal NAME.expected (`line:col code «text»`, one per line).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../server/src/engine';
import { describeFindings, FIXTURES, testGlossary } from './helpers/fixtures';

const dir = join(FIXTURES, 'lint');
const glossary = testGlossary();

describe('lint fixtures', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const expected = readFileSync(join(dir, file.replace(/\.md$/, '.expected')), 'utf8').split('\n').filter(Boolean);
      const findings = lintDocument(text, glossary, { path: `test/fixtures/lint/${file}` });
      expect(describeFindings(text, findings)).toEqual(expected);
    });
  }
});
