// Glossary text reaches every teammate's editor with a `git pull`: what a hover shows of it must not
// be able to run commands, open files, load remote content or inject HTML. The output is checked by
// parsing it again, as CommonMark (what the server parses) and as GFM (closer to what VS Code renders),
// rather than by looking for patterns, which is how the old sanitiser was fooled.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { renderSafe, safeField } from '../server/src/lsp/features/safe-markdown';
import { workspace } from './helpers/cli';
import { FIXTURES } from './helpers/fixtures';
import { startClient, type TestClient, uriOf } from './helpers/lsp';

const commonmark = unified().use(remarkParse);
const gfm = unified().use(remarkParse).use(remarkGfm);

const WEB = /^(https?:|mailto:)/;

const whole = (value: string): string => {
  const { text, more } = safeField(value);
  return more ? `${text}\n\n${more}` : text;
};

function nodesOf(tree: Nodes): Nodes[] {
  return [tree, ...('children' in tree ? (tree.children as Nodes[]).flatMap(nodesOf) : [])];
}

function plainText(tree: Nodes): string {
  if ('value' in tree && typeof tree.value === 'string') return tree.value;
  return 'children' in tree ? (tree.children as Nodes[]).map(plainText).join(' ') : '';
}

/** Everything a hover must never contain, whichever of the two parsers reads it. */
function expectSafe(markdown: string, words: string[], allowedLinks: string[] = []): void {
  for (const parser of [commonmark, gfm]) {
    const tree = parser.parse(markdown) as Root;
    const nodes = nodesOf(tree);
    // No image syntax, not even one the parser did not take as an image: a `![` with no backslash
    // before it, outside code (where it is shown as written).
    let outsideCode = markdown;
    for (const code of nodes.filter((n) => n.type === 'code' || n.type === 'inlineCode')) {
      const { start, end } = { start: code.position!.start.offset!, end: code.position!.end.offset! };
      outsideCode = outsideCode.slice(0, start) + ' '.repeat(end - start) + outsideCode.slice(end);
    }
    expect(outsideCode).not.toMatch(/(?<!\\)(?:\\\\)*!\[/);
    // A definition would let text elsewhere resolve to a link or an image.
    expect(nodes.filter((n) => ['image', 'imageReference', 'html', 'definition', 'linkReference'].includes(n.type))).toEqual([]);
    for (const link of nodes.filter((n) => n.type === 'link')) {
      if (!allowedLinks.includes(link.url)) expect(link.url).toMatch(WEB);
    }
    const shown = plainText(tree);
    for (const word of words) expect(shown).toContain(word);
  }
}

// [what, glossary Markdown, words the reader must still see]
const HOSTILE: [string, string, string[]][] = [
  ['a remote image with nested brackets', 'Logo ![a [b] c](https://evil.example/x.png) here', ['Logo', 'a [b] c', 'here']],
  ['a remote image with an escaped bracket', 'Logo ![a\\]b](https://evil.example/x.png)', ['a]b']],
  ['an image inside a web link', '[see ![pixel](https://evil.example/x.png)](https://example.com)', ['see', 'pixel']],
  ['a reference image with its definition', '![tracker][r]\n[r]: https://evil.example/x.png', ['tracker']],
  ['a reference image in a list item with its definition', 'x\n  - ![tracker][r]\n\n  [r]: https://evil.example/x.png', ['tracker']],
  ['a reference link to a command', '[run][c]\n\n[c]: command:workbench.action.terminal.new', ['run']],
  ['an entity-encoded command scheme', '[x](command&#58;workbench.action.terminal.new)', ['x']],
  ['an entity-encoded file scheme', '[x](file&#58;///etc/passwd)', ['x']],
  ['a hex-entity scheme', '[x](command&#x3a;y)', ['x']],
  ['a named-entity scheme', '[x](command&colon;y)', ['x']],
  ['a percent-encoded scheme', '[x](command%3Ay)', ['x']],
  ['a backslash in the scheme', '[x](command\\:y)', ['x']],
  ['a command link', 'Click [here](command:workbench.action.terminal.new) now', ['Click', 'here', 'now']],
  ['a command link in angle brackets', 'See [docs](<command:x.y>)', ['See', 'docs']],
  ['a mixed-case command scheme', '[x](CoMmAnD:y)', ['x']],
  ['a file link', 'See [secrets](file:///etc/passwd)', ['secrets']],
  ['a javascript link', '[x](JavaScript:alert(1))', ['x']],
  ['a data link', '[x](data:text/html;base64,PHNjcmlwdD4=)', ['x']],
  ['a vscode link', '[x](VSCODE://settings/x)', ['x']],
  ['a scheme with a tab inside', '[x](<java\tscript:alert(1)>)', ['x']],
  ['a scheme after a space', '[x](< command:y>)', ['x']],
  ['a scheme with a control character', '[x](<comm\u0001and:y>)', ['x']],
  ['a command autolink', 'Go <command:evil>', ['Go', 'command:evil']],
  ['a file autolink', 'Go <file:///etc/passwd>', ['Go', 'file:///etc/passwd']],
  ['an autolink to an image', 'Go <https://evil.example/x.png>', ['Go', 'https://evil.example/x.png']],
  ['an image right after "!"', 'Wow!<https://evil.example/x.png>', ['Wow!']],
  ['raw HTML', '<img src="https://evil.example/x.png"> <script>alert(1)</script>', ['script', 'alert(1)']],
  ['an HTML command anchor', '<a href="command:x">anchor</a>', ['anchor']],
  ['an HTML comment', 'a <!-- hidden --> b', ['hidden']],
  ['entities that decode to a tag', '&lt;img src=x&gt; &#60;img src=y&#62; &#x3C;b&#x3E;', ['img src=x', 'img src=y']],
  ['an escaped entity', '&amp;lt;img src=x&amp;gt;', ['&lt;img src=x&gt;']],
  ['code-span breaking backticks', 'a `` x`y `` ![i](https://evil.example/x.png)', ['x`y', 'i']],
  ['an HTML block in a list item', 'x\n  - <div><img src=x></div>', ['div']],
  ['a fenced block with a longer fence inside', 'x\n\n  ````\n  ```\n  ![i](https://evil.example/x.png)\n  ````', ['![i]']],
  ['code in a quote, with bare CR line endings', 'x\r  > ```\r  > ![i](https://evil.example/x.png)\r  > ```\r  > <img src=y>', ['![i]', 'img src=y']],
  ['a heading and quote in a list item', 'x\n  # ![h](https://evil.example/h.png)\n  > [q](command:y)', ['h', 'q']],
];

describe('glossary Markdown in hovers: hostile input', () => {
  it.each(HOSTILE)('neutralises %s', (_, input, words) => {
    expectSafe(whole(input), words);
  });

  // The same attacks as GFM trees: footnotes, tables and autolink literals take other paths.
  it.each([
    ...HOSTILE,
    ['a footnote with HTML', 'x[^1]\n\n[^1]: <img src=x> ![i](https://evil.example/x.png)', ['x']],
    ['a table of attacks', '| a | b |\n|---|---|\n| ![i](https://e.example/x.png) | [c](command:y) |', ['a', 'i', 'c']],
  ] as [string, string, string[]][])('neutralises %s, parsed as GFM', (_, input, words) => {
    expectSafe(renderSafe(gfm.parse(input) as Root), words);
  });
});

describe('glossary Markdown in hovers: ordinary input', () => {
  it.each([
    ['a sentence', 'What it costs to win one new customer.', 'What it costs to win one new customer.'],
    ['IT identifiers', '`marketing_spend` / `customers.first_order_at` in the warehouse.', '`marketing_spend` / `customers.first_order_at` in the warehouse.'],
    ['emphasis', '**bold**, *italic* and _under_', '**bold**, *italic* and *under*'],
    ['a web link', 'See [the spec](https://example.com/spec?a=1&b=2).', 'See [the spec](https://example.com/spec?a=1&b=2).'],
    ['a link with spaces and parentheses', '[a](<https://example.com/a b(c)>)', '[a](https://example.com/a%20b%28c%29)'],
    ['an e-mail autolink', 'Ask <ops@example.com>', 'Ask [ops@example.com](mailto:ops@example.com)'],
    ['a web autolink', '<https://example.com>', '[https://example.com](https://example.com)'],
    ['code with backticks', 'Run `` a`b `` now', 'Run ``a`b`` now'],
    ['punctuation', 'R&D #1 costs ~5 | x > y', 'R\\&D \\#1 costs \\~5 \\| x \\> y'],
    ['a value that starts like a heading', '# of visits', '\\# of visits'],
    ['continued lines', 'line one\nline two', 'line one line two'],
    ['a hard break', 'one  \n- two', 'one'],
  ])('keeps %s', (_, input, expected) => {
    expect(safeField(input).text).toBe(expected);
  });

  it.each([
    ['a nested list', 'Steps:\n  - one\n  - two', 'Steps:', '- one\n- two'],
    ['a code block', 'Query:\n\n  ```sql\n  select 1\n  ```', 'Query:', '```sql\nselect 1\n```'],
    ['a code block with a fence inside', 'Q:\n\n  ````\n  ```\n  ````', 'Q:', '````\n```\n````'],
    ['a nested ordered list', 'Steps:\n  1. one\n  2. two', 'Steps:', '1. one\n2. two'],
    ['a list that cannot interrupt the paragraph', 'Steps:\n  3. one', 'Steps: 3. one', ''],
    ['a quote and a heading', 'x\n  > quoted\n  # Title', 'x', '> quoted\n\n**Title**'],
  ])('keeps the blocks of %s', (_, input, text, more) => {
    expect(safeField(input)).toEqual({ text, more });
  });

  it('keeps strikethrough and tables of GFM trees, as text rows', () => {
    expect(renderSafe(gfm.parse('~~old~~ name') as Root)).toBe('~~old~~ name');
    expect(renderSafe(gfm.parse('| a | b |\n|---|---|\n| 1 | 2 |') as Root)).toBe('a \\| b  \n1 \\| 2');
  });
});

describe('glossary Markdown in hovers: through the language server', () => {
  const dir = join(FIXTURES, 'glossary-hostile');
  let client: TestClient;
  let root: string;
  const brief = readFileSync(join(dir, 'docs', 'brief.md'), 'utf8');

  beforeAll(async () => {
    root = workspace(
      { 'glossary/hostile.md': readFileSync(join(dir, 'glossary', 'hostile.md'), 'utf8'), 'docs/brief.md': brief },
      false,
    );
    client = await startClient(root);
  });
  afterAll(() => client.stop());

  const hoverOn = async (word: string): Promise<string> => {
    const uri = await client.open('docs/brief.md');
    const offset = brief.indexOf(word) + 1;
    const line = brief.slice(0, offset).split('\n').length - 1;
    const character = offset - brief.lastIndexOf('\n', offset - 1) - 1;
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    return (hover?.contents as MarkupContent).value;
  };
  const glossaryLink = (line: number): string => `${uriOf(join(root, 'glossary', 'hostile.md'))}#L${line}`;

  it('shows the words of hostile fields, and no image, HTML or non-web link', async () => {
    const text = await hoverOn('Tracking Pixel');
    expect(text).toContain('**Tracking Pixel**');
    expect(text).toContain('**Owner:** Web Analytics');
    expect(text).toContain('[spec](https://example.com/spec)');
    expectSafe(text, ['a [b] c', 'a]b', 'ref image', 'terminal', 'secrets', 'script', 'settings', 'command:foo', 'anchor', 'percent'], [glossaryLink(6)]);
  });

  it('shows the nested blocks of a list-item field safely, then the rest of the entry', async () => {
    const text = await hoverOn('Beacon');
    expect(text).toContain('**Business:** A tracker with details:\n\n- nested image\n- nested command\n- \\<img src=x onerror=alert(1)\\>');
    expect(text).toContain('**IT:** The `beacon_events` table, see [docs](https://example.com/beacon).');
    expectSafe(text, ['nested image', 'nested command', 'onerror'], [glossaryLink(19)]);
  });
});
