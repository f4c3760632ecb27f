// The fast prose scanner must agree with remark-parse + remark-gfm + remark-frontmatter on which
// words are prose, on every fixture document and on small targeted cases.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProse } from '../server/src/engine';
import { FIXTURES } from './helpers/fixtures';
import { remarkProseRanges, wordsIn } from './helpers/remark-oracle';

function agree(text: string): void {
  const oracle = wordsIn(text, remarkProseRanges(text));
  const scanner = wordsIn(text, scanProse(text).prose);
  expect(scanner).toEqual(oracle);
}

describe('prose scanner agrees with remark', () => {
  const dir = join(FIXTURES, 'prose');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    it(file, () => agree(readFileSync(join(dir, file), 'utf8')));
  }

  const cases: Record<string, string> = {
    'code span across lines': 'one `two\nthree` four',
    'unmatched backticks': 'one ``two` three',
    'list item siblings': '1. first `x\n2. second` y',
    'lazy blockquote': '> quoted words\nlazy words',
    'indented paragraph continuation': 'para words\n    still para',
    'indented code after blank': 'para\n\n    code words\n\nafter',
    'reference link with definition': '[text words][ref]\n\n[ref]: https://x.example "title words"',
    'reference link without definition': '[text words][missing]',
    'image alt': 'before ![alt words](a.png "title") after',
    'inline html and comment': 'a <span class="x">b</span> <!-- c d --> e',
    'autolink and bare url': 'see <https://a.example/b> and https://c.example/d, www.e.example.',
    'email': 'write to team@example.com today',
    'footnote': 'text[^1]\n\n[^1]: note words',
    'unclosed fence': 'words\n\n```\ncode words',
    'fence in list': '- item\n\n  ```\n  code\n  ```\n- next',
    'html block': '<div>\nhidden words\n</div>\n\nshown words',
    'front matter': '---\ntitle: hidden\n---\nshown',
    'not front matter': 'text\n\n---\ntitle: shown\n---',
    'task list': '- [x] done item\n- [ ] open item',
    'table': '| a b | c |\n|---|---|\n| `d` | [e](f) |',
    'setext heading': 'Title words\n===========\n\nbody',
    'entities': 'AT&amp;T &nbsp; caf&eacute;',
    'crlf': '# Head\r\n\r\nbody `code`\r\n\r\n```\r\nhidden\r\n```\r\n',
    'bom': '\ufeff# Head\n\nbody',
    // Found by the property tests (test/properties/prose.test.ts).
    'footnote of one word': 'Text[^1].\n\n[^1]: Source.',
    'footnotes one per line': 'Text[^1] and[^2].\n\n[^1]: First note.\n[^2]: Second note.',
    'footnote interrupts a paragraph': 'Para words\n[^1]: note words\n\nmore[^1]',
    'link with a suffix': 'the [CDP](https://x.example/cdp)s and [docs](https://x.example/d)more',
    'collapsed references side by side': '[Vendor Docs][][Vendor Docs][] words\n\n[Vendor Docs]: https://x.example',
    'url after quote or colon': 'see "https://x.example/a" or URL:https://y.example/b, (https://z.example) end',
    'url after code span': 'the `code`https://x.example/a words',
    'tab partly used by a container': '- a\n\n\t  code words\n\n> b\n>\n>\t  more code\n\n- c\n\n\tnot code',
    'task item text is a paragraph': '- [x] # `` code\n  words `` after\n- [ ] ```\n  more words\n- [ ] <div>\n  last words',
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => agree(text));
});

describe('prose scanner records what the rules need', () => {
  it('keeps link destinations and comments', () => {
    const text = 'See [the CAC](../glossary/a.md#cac) <!-- termbridge-ignore X -->';
    const scan = scanProse(text);
    expect(scan.links).toEqual([{ textStart: 5, textEnd: 12, destination: '../glossary/a.md#cac' }]);
    expect(scan.comments.map((c) => c.body)).toEqual(['termbridge-ignore X']);
  });

  it('reads the front matter context', () => {
    expect(scanProse('---\ncontext: Sales\n---\nbody').frontMatter?.fields.context).toBe('Sales');
  });

  it('treats plain text as prose throughout', () => {
    expect(scanProse('a `b` c', 'plaintext').prose).toEqual([0, 7]);
  });
});
