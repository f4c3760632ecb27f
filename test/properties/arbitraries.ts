// Generators for the property tests: glossaries built from generated names, Markdown documents from
// a grammar of the constructs people write in briefs and specs, and hostile text.
//
// A block renders to lines (no line endings); containers (block quotes, list items) prefix them; a
// document joins its blocks with blank lines (or, sometimes, none: a list or a fence right after a
// paragraph) and its lines with LF or CRLF.
//
// Constraints (pathological CommonMark no one writes, on which the fast scanner is allowed to differ
// from remark) are marked `CONSTRAINT:` and listed in test/properties/README.md.

import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// Words

/** Everyday words of briefs and specs. */
export const PLAIN_WORDS = [
  'the', 'campaign', 'launch', 'budget', 'report', 'weekly', 'team', 'owner', 'segment', 'email', 'landing',
  'page', 'event', 'tracking', 'pipeline', 'dashboard', 'revenue', 'spend', 'channel', 'partner', 'review',
  'draft', 'approved', 'Marketing', 'Analytics', 'Q3', 'v2', '2024', 'café', 'naïve', 'Zürich', 'données',
  'don\'t', 'team\'s', 'R&D', 'P&L', 'e-mail', 'sign-up', 'KPI', 'ROI', 'OKRs', 'SLA\'s', 'API', 'B2B', 'CTR',
];

/** Words the generated glossaries are built from; documents use them too, so terms do match. */
export const TERM_WORDS = [
  'cost', 'customer', 'per', 'lead', 'audience', 'target', 'group', 'value', 'lifetime', 'rate', 'click',
  'through', 'data', 'platform', 'company', 'box', 'churn', 'conversion', 'funnel', 'e-commerce', 'opt-in',
  'attribution', 'window', 'sales', 'qualified', 'match', 'index', 'status', 'ROAS', 'CAC', 'CDP', 'SQL', 'MQL',
];

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

/** A glossary name of 1-3 words, mixed case. */
export const termNameArb: fc.Arbitrary<string> = fc
  .array(pick(TERM_WORDS), { minLength: 1, maxLength: 3 })
  .chain((ws) =>
    fc.constantFrom(
      ws.join(' '),
      ws.map((w) => (/^[a-z]/.test(w) ? w[0].toUpperCase() + w.slice(1) : w)).join(' '),
      ws.join('-'),
    ),
  );

export interface GeneratedTerm {
  name: string;
  aliases: string[];
  avoid: string[];
  context?: string;
  business: boolean;
  it: boolean;
  /** Which way the labels are written. */
  style: number;
}

const termArb: fc.Arbitrary<GeneratedTerm> = fc.record({
  name: termNameArb,
  aliases: fc.array(termNameArb, { maxLength: 2 }),
  avoid: fc.array(termNameArb, { maxLength: 3 }),
  context: fc.option(pick(['Sales', 'Engineering', 'Finance']), { nil: undefined }),
  business: fc.boolean(),
  it: fc.boolean(),
  style: fc.nat(3),
});

/** A glossary file's text from generated terms (`## Name`, labelled paragraphs or list items). */
export function glossaryText(terms: GeneratedTerm[], title = 'Generated'): string {
  const out = [`# ${title}`, ''];
  for (const t of terms) {
    const label = (l: string, v: string): string =>
      t.style === 0 ? `**${l}:** ${v}` : t.style === 1 ? `- ${l}: ${v}` : t.style === 2 ? `**${l}**: ${v}` : `${l}: ${v}`;
    out.push(`## ${t.name}`, '');
    const fields: string[] = [];
    if (t.aliases.length) fields.push(label('Aliases', t.aliases.join(', ')));
    if (t.avoid.length) fields.push(label('Avoid', t.avoid.join(', ')));
    if (t.context) fields.push(label('Context', t.context));
    if (t.business) fields.push(label('Business', `What ${t.name} means to marketing.`));
    if (t.it) fields.push(label('IT', `The \`${t.name.replace(/\W+/g, '_')}\` table.`));
    // List items must stay one list; paragraphs need blank lines between them.
    out.push(...(t.style === 1 ? fields : fields.flatMap((f) => [f, ''])), '');
  }
  return out.join('\n');
}

/** One or two glossary files of 1-6 generated terms. */
export const glossarySourcesArb = fc
  .array(termArb, { minLength: 1, maxLength: 6 })
  .chain((terms) =>
    fc.integer({ min: 0, max: terms.length }).map((split) => {
      const files = [{ path: 'glossary/a.md', text: glossaryText(terms.slice(0, split), 'A') }];
      if (split < terms.length) files.push({ path: 'glossary/b.md', text: glossaryText(terms.slice(split), 'B') });
      return { terms, sources: files };
    }),
  );

/**
 * Terms whose words are all different: no two terms share a word, and no avoided name holds a word of
 * its own term's name. So no replacement can form an avoided name again with the words around it (the
 * --fix properties need a glossary that --fix can satisfy; see `fix.test.ts` for one that it cannot).
 */
export const disjointTermsArb: fc.Arbitrary<GeneratedTerm[]> = fc
  .shuffledSubarray(TERM_WORDS.filter((w) => !/^[A-Z]+$/.test(w)), { minLength: 8, maxLength: 24 })
  .chain((words) => {
    const groups: string[][] = Array.from({ length: Math.floor(words.length / 4) }, (_, i) => words.slice(i * 4, i * 4 + 4));
    return fc.tuple(
      ...groups.map((g) =>
        fc.record({
          // The first one or two words name the term; its avoided names come from the others.
          nameLength: fc.integer({ min: 1, max: 2 }),
          avoidPicks: fc.array(fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
          capital: fc.boolean(),
          style: fc.nat(3),
        }).map((r) => {
          const nameWords = g.slice(0, r.nameLength);
          const others = g.slice(r.nameLength);
          const avoid = [...new Set(r.avoidPicks.map((picks) => [...new Set(picks.map((k) => others[k % others.length]))].join(' ')))];
          const name = nameWords.map((w) => (r.capital ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
          return { name, aliases: [], avoid, business: true, it: true, style: r.style };
        }),
      ),
    );
  });

// ---------------------------------------------------------------------------------------------
// Inline content

export interface WordPools {
  /** Words of prose. */
  words: readonly string[];
  /** Sprinkle in phrases (glossary names, avoided names): placeholders that `fillPhrases` resolves. */
  phrases: boolean;
  /** Sprinkle in whole inline constructs (wiki links, links into the glossary), as placeholders too. */
  atoms?: boolean;
}

/** Plain prose; its phrases are written across line breaks now and then (code spans, links, emphasis over two lines). */
export const PLAIN_POOLS: WordPools = { words: PLAIN_WORDS, phrases: true };
export const PLAIN_PHRASES = ['landing page', 'weekly campaign report', 'sign-up form'];

// Phrases come from the glossary of each case, so documents hold placeholders `\u0001<n>.<form>\u0002`
// for "phrase n mod the number of phrases, in this form" and `fillPhrases` writes them in. (So one
// document generator serves every glossary: building a generator per glossary cost more than the
// checks.) Forms: p plain, s plural, o possessive, u upper case, l lower case, d double spaces,
// n across a line break (after its first word: `a` ⏎ `b`), k an atom.
const placeholder = (n: number, form: string): string => `\u0001${n}.${form}\u0002`;
const PLACEHOLDER = /\u0001(\d+)\.([a-z])\u0002/g;
const ACROSS_LINES = /\u0001(\d+)\.n\u0002/g;

/** No phrase across a line break (a table cell, one-line HTML). */
const oneLine = (s: string): string => s.replace(ACROSS_LINES, '\u0001$1.p\u0002').replace(/\n/g, ' ');

/** Writes the phrases (and atoms) into a generated document. */
export function fillPhrases(text: string, phrases: readonly string[], atoms: readonly string[] = []): string {
  return text.replace(PLACEHOLDER, (_, n: string, form: string) => {
    const i = Number(n);
    if (form === 'k') return atoms.length ? atoms[i % atoms.length] : 'words';
    const ph = phrases.length ? phrases[i % phrases.length] : 'words';
    const [first, ...rest] = ph.split(' ');
    switch (form) {
      case 's': return ph + 's';
      case 'o': return ph + "'s";
      case 'u': return ph.toUpperCase();
      case 'l': return ph.toLowerCase();
      case 'd': return ph.replace(/ /g, '  ');
      case 'a': return first;
      case 'b': return rest.join(' ') || 'words';
      default: return ph;
    }
  });
}

const URLS = ['https://example.com/a/b', 'https://docs.example.org/x?y=1&z=2#frag', 'http://a.example', 'www.example.com/path'];
const EMAILS = ['team@example.com', 'first.last+tag@sub.example.org'];

function wordArb(p: WordPools): fc.Arbitrary<string> {
  const base = pick(p.words);
  if (!p.phrases) return base;
  const phrase = fc.tuple(fc.nat(9999), fc.constantFrom('p', 'p', 's', 'o', 'u', 'l', 'n', 'd')).map(([n, form]) => placeholder(n, form));
  return fc.oneof({ weight: 3, arbitrary: base }, { weight: 2, arbitrary: phrase });
}

/** A few words, joined by spaces. */
function wordsArb(p: WordPools, max = 4): fc.Arbitrary<string> {
  return fc.array(wordArb(p), { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));
}

/** Text that is safe inside brackets, code spans, emphasis (no Markdown punctuation). */
function plainWordsArb(max = 3): fc.Arbitrary<string> {
  return fc.array(pick(PLAIN_WORDS.filter((w) => /^[\p{L}\p{N} -]+$/u.test(w))), { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));
}

export interface InlineOptions {
  /** Reference labels defined in the document. */
  refs: readonly string[];
  /** Allow constructs spanning a line break (code spans, links). */
  multiline: boolean;
}

/** What an atom is, for how it may join its neighbours. */
type AtomKind = 'word' | 'construct' | 'url' | 'open' | 'close';

interface Atom {
  kind: AtomKind;
  text: string;
}

const as = (kind: AtomKind) => (text: string): Atom => ({ kind, text });

/** One inline atom: a word, or a construct around words. */
export function inlineAtomArb(p: WordPools): fc.Arbitrary<Atom> {
  const w = wordsArb(p, 3);
  const simple = plainWordsArb();
  const construct = (arb: fc.Arbitrary<string>): fc.Arbitrary<Atom> => arb.map(as('construct'));
  const extra = p.atoms ? [{ weight: 3, arbitrary: construct(fc.nat(9999).map((n) => placeholder(n, 'k'))) }] : [];
  return fc.oneof(
    ...extra,
    { weight: 14, arbitrary: wordArb(p).map(as('word')) },
    { weight: 2, arbitrary: construct(w.map((s) => `*${s}*`)) },
    { weight: 2, arbitrary: construct(w.map((s) => `**${s}**`)) },
    { weight: 1, arbitrary: construct(w.map((s) => `_${s}_`)) },
    { weight: 1, arbitrary: construct(w.map((s) => `~~${s}~~`)) },
    { weight: 3, arbitrary: construct(w.map((s) => `\`${s}\``)) },
    { weight: 1, arbitrary: construct(w.map((s) => `\`\` ${s} \`\``)) },
    { weight: 1, arbitrary: construct(w.map((s) => '``a ` ' + s + '``')) },
    { weight: 2, arbitrary: construct(fc.tuple(w, pick(URLS)).map(([t, u]) => `[${t}](${u})`)) },
    { weight: 1, arbitrary: construct(fc.tuple(w, pick(URLS), simple).map(([t, u, title]) => `[${t}](${u} "${title}")`)) },
    { weight: 1, arbitrary: construct(fc.tuple(w, simple).map(([t, u]) => `[${t}](<${u}.md>)`)) },
    { weight: 1, arbitrary: construct(fc.tuple(w, simple).map(([t, c]) => `[${t} \`${c}\`](https://x.example/${c.replace(/ /g, '-')})`)) },
    { weight: 1, arbitrary: construct(fc.tuple(w, simple).map(([t, a]) => `[**${t}**](#${a.replace(/ /g, '-')})`)) },
    { weight: 1, arbitrary: construct(fc.tuple(simple, pick(URLS), simple).map(([a, u, t]) => `![${a}](${u} "${t}")`)) },
    { weight: 1, arbitrary: construct(simple.map((a) => `![${a}](img/${a.replace(/ /g, '_')}.png)`)) },
    { weight: 1, arbitrary: construct(pick(URLS).map((u) => `<${u.startsWith('www') ? 'https://' + u : u}>`)) },
    { weight: 1, arbitrary: construct(pick(EMAILS).map((e) => `<${e}>`)) },
    { weight: 2, arbitrary: pick(URLS).map(as('url')) },
    { weight: 1, arbitrary: pick(URLS).map((u) => `(${u})`).map(as('url')) },
    { weight: 1, arbitrary: pick(URLS).map((u) => `"${u}"`).map(as('url')) },
    { weight: 1, arbitrary: pick(EMAILS).map(as('url')) },
    { weight: 1, arbitrary: construct(w.map((s) => `<span class="note">${s}</span>`)) },
    { weight: 1, arbitrary: construct(w.map((s) => `<kbd>${s}</kbd>`)) },
    { weight: 1, arbitrary: construct(fc.constant('<br>')) },
    { weight: 1, arbitrary: construct(fc.constant('<img src="a.png" alt="hidden words">')) },
    { weight: 1, arbitrary: construct(w.map((s) => `<!-- ${s} -->`)) },
    { weight: 1, arbitrary: construct(fc.constantFrom('\\*', '\\_', '\\[', '\\`', '\\#', '\\<', '\\\\')) },
    { weight: 1, arbitrary: construct(fc.constantFrom('&amp;', '&nbsp;', '&copy;', '&#8212;', '&#x2014;', 'AT&amp;T', 'caf&eacute;')) },
    { weight: 1, arbitrary: fc.constantFrom('—', '–', '…', '«', '»', '“', '”', '’', '😀', '🚀', '𝔘𝔫𝔦', '中文', 'ß').map(as('word')) },
    { weight: 2, arbitrary: fc.constantFrom(',', '.', ':', ';', '!', '?', ')', '"', "'", '%').map(as('close')) },
    { weight: 1, arbitrary: fc.constantFrom('(', '"', '“', '/', '-', '—', '$5', '#1', '100%').map(as('open')) },
    { weight: 1, arbitrary: construct(simple.map((s) => `[[${s}]]`)) },
    // Footnote references: `1` and `note` are defined when a footnote block is generated, `x9` never.
    { weight: 1, arbitrary: construct(fc.constantFrom('[^1]', '[^note]', '[^x9]')) },
    { weight: 1, arbitrary: construct(simple.map((s) => `(${s})`)) },
    { weight: 1, arbitrary: construct(simple.map((s) => `"${s}"`)) },
  );
}

/**
 * The separator between two atoms. CONSTRAINT: atoms are glued (no space) only where people glue
 * them: punctuation after a word or construct, a word after an opening bracket or quote, a suffix
 * after a construct (`**CDP**s`, `` `x`s ``, `[CDP](u)s`). Never a URL glued to what follows it or
 * a word glued before it (`x)https://…`, `https://a.b[c](d)`): GFM's autolink literal edges are
 * remark-specific there and no one writes that.
 */
function separator(a: Atom, b: Atom, roll: number): string {
  const spaced = [' ', ' ', ' ', ' ', ' ', '  ', '\t'][roll % 7];
  const glued = (oneIn: number): string => (roll % oneIn === 0 ? ' ' : '');
  if (a.kind === 'url') return b.kind === 'close' && !/[)"]$/.test(a.text) && b.text !== '"' ? glued(2) : spaced;
  if (b.kind === 'url') return spaced;
  if (b.kind === 'close') return glued(3);
  if (a.kind === 'open') return glued(2);
  if (a.kind === 'construct' && b.kind === 'word') return roll % 6 === 0 ? '' : spaced;
  return spaced;
}

/** A line of inline content. */
export function inlineLineArb(p: WordPools, refs: readonly string[], maxAtoms = 8): fc.Arbitrary<string> {
  const atom: fc.Arbitrary<Atom> = refs.length
    ? fc.oneof(
        { weight: 12, arbitrary: inlineAtomArb(p) },
        { weight: 1, arbitrary: fc.tuple(wordsArb(p, 3), pick(refs)).map(([t, r]) => `[${t}][${r}]`).map(as('construct')) },
        { weight: 1, arbitrary: pick(refs).map((r) => `[${r}]`).map(as('construct')) },
        { weight: 1, arbitrary: pick(refs).map((r) => `[${r}][]`).map(as('construct')) },
        { weight: 1, arbitrary: fc.tuple(plainWordsArb(), pick(refs)).map(([a, r]) => `![${a}][${r}]`).map(as('construct')) },
      )
    : inlineAtomArb(p);
  return fc
    .array(fc.tuple(atom, fc.nat(419)), { minLength: 1, maxLength: maxAtoms })
    .map((atoms) => atoms.map(([a, roll], i) => (i === 0 ? a.text : separator(atoms[i - 1][0], a, roll) + a.text)).join('').trim())
    // CONSTRAINT: a paragraph line never starts with what would open a block (those are generated as
    // blocks).
    .map(fixLineStart)
    .filter((l) => l.length > 0);
}

/** A line that would start a block (`1.`, `-`, `#`, `>`, `<div>`, a fence) is made plain. */
function fixLineStart(line: string): string {
  if (/^(?:[-+*>#=|~]|\d+[.)]|`{3}|<|\[\^?[^\]]*\]:|\[[ xX]\]|\\$)/.test(line) || /^\s/.test(line)) return 'and ' + line;
  return line;
}

// ---------------------------------------------------------------------------------------------
// Blocks

export type Lines = string[];

interface Ctx {
  p: WordPools;
  refs: readonly string[];
}

/** Paragraphs are marked, so that only they are followed by a block with no blank line between. */
const PARAGRAPHS = new WeakSet<Lines>();

function paragraphArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc
    .array(fc.tuple(inlineLineArb(c.p, c.refs), fc.constantFrom('', '', '', '', '  ', '\\')), { minLength: 1, maxLength: 3 })
    .map((lines) => {
      const out = lines.map(([l, hard], i) => (i < lines.length - 1 ? l + hard : l));
      PARAGRAPHS.add(out);
      return out;
    });
}

function atxHeadingArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.oneof(
        { weight: 6, arbitrary: inlineLineArb(c.p, c.refs, 6) },
        // Headings with only punctuation.
        { weight: 1, arbitrary: fc.constantFrom('!!!', '...', '—', '?', '***', '(', ':-)', '#', '') },
      ),
      fc.constantFrom('', '', ' #', ' ##', '  ###  '),
    )
    .map(([level, t, close]) => ['#'.repeat(level) + (t ? ' ' + t : '') + (t ? close : '')]);
}

function setextHeadingArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc
    .tuple(inlineLineArb(c.p, c.refs, 6), fc.constantFrom('===', '---', '=========', '-----------'))
    .map(([t, u]) => [t, u]);
}

const CODE_LINES = [
  'const audience = getAudience("cost per customer");',
  'SELECT customer_id, SUM(spend) FROM marketing.spend GROUP BY 1;',
  '# not a heading',
  '- not a list',
  '> not a quote',
  '[not](a link)',
  '',
  '  indented line',
  '<div>not html</div>',
  'POST /v1/track HTTP/1.1',
  '```',
  '~~~',
  'def f(x): return x * 2',
];

/** Content of a code block: code lines plus `extra` (glossary phrases, for the fix properties). */
function codeLinesArb(c: Ctx): fc.Arbitrary<Lines> {
  const line = c.p.phrases
    ? fc.oneof(pick(CODE_LINES), wordsArb(c.p, 4), fc.nat(9999).map((n) => `x = "${placeholder(n, 'p')}" // ${placeholder(n, 's')}`))
    : fc.oneof(pick(CODE_LINES), wordsArb(c.p, 4));
  return fc.array(line, { minLength: 0, maxLength: 5 });
}

function fencedCodeArb(c: Ctx, closed: boolean): fc.Arbitrary<Lines> {
  return fc
    .tuple(
      fc.constantFrom('```', '~~~', '````', '~~~~'),
      fc.constantFrom('', 'js', 'sql', ' json', 'text title="a b"', 'markdown'),
      codeLinesArb(c),
      fc.constantFrom('', '', ' ', '  '),
    )
    .map(([fence, info, body, indent]) => {
      // A fence's content cannot hold its own closing fence.
      const inner = split(body).filter((l) => !(l.trim().startsWith(fence[0].repeat(3)) && l.trim().replace(/^[`~]+/, '').trim() === ''));
      const lines = [indent + fence + info, ...inner.map((l) => (l ? indent + l : l))];
      if (closed) lines.push(indent + fence);
      return lines;
    });
}

/**
 * CONSTRAINT: tabs indent only at the top level. Inside a container a tab's width depends on the
 * column the container's prefix ends at, so a tab that means "one level" at the top means something
 * else under `> ` or `1. `, and what comes out (a table, then `2)` opening a new list) is no
 * document anyone writes.
 */
function indentedCodeArb(c: Ctx, top: boolean): fc.Arbitrary<Lines> {
  return fc.tuple(codeLinesArb(c).map(split), top ? fc.constantFrom('    ', '    ', '\t', '     ') : fc.constantFrom('    ', '     '))
    .filter(([ls]) => ls.some((l) => l.trim() !== ''))
    .map(([ls, indent]) => {
      // CONSTRAINT: an indented code block neither starts nor ends with a blank line (there is
      // nothing to see; CommonMark drops them).
      while (ls[0]?.trim() === '') ls.shift();
      while (ls[ls.length - 1]?.trim() === '') ls.pop();
      return ls.map((l) => (l ? indent + l : ''));
    });
}

function htmlBlockArb(c: Ctx): fc.Arbitrary<Lines> {
  // HTML holds the glossary's phrases too: --fix must leave them alone.
  const w = c.p.phrases ? wordsArb(c.p, 4).map(oneLine) : plainWordsArb(4);
  return fc.oneof(
    w.map((s) => ['<div class="callout">', s, '</div>']),
    w.map((s) => ['<details>', `<summary>${s}</summary>`, '', s, '', '</details>']),
    w.map((s) => [`<!-- ${s}`, s, '-->']),
    w.map((s) => [`<!-- termbridge-ignore ${s.split(' ')[0]} -->`]),
    w.map((s) => ['<table>', `  <tr><td>${s}</td></tr>`, '</table>']),
    w.map((s) => [`<p align="center">${s}</p>`]),
    w.map((s) => ['<script>', `var x = "${s}";`, '', '</script>']),
    w.map((s) => ['<pre>', s, '', s, '</pre>']),
    w.map((s) => [`<a href="https://x.example">`, s, '</a>']),
    fc.constant(['<br/>']),
    fc.constant(['<?xml version="1.0"?>']),
    fc.constant(['<!DOCTYPE html>']),
  ).map((lines): Lines => [...lines]);
}

function tableArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc.integer({ min: 1, max: 4 }).chain((cols) => {
    const cell = fc.oneof(
      { weight: 4, arbitrary: wordsArb(c.p, 3) },
      { weight: 1, arbitrary: plainWordsArb(2).map((s) => `\`${s}\``) },
      { weight: 1, arbitrary: plainWordsArb(2).map((s) => `[${s}](https://x.example)`) },
      { weight: 1, arbitrary: plainWordsArb(2).map((s) => `**${s}**`) },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constant('`a \\| b`') },
    );
    // A cell is one line (a phrase written across a line break would end the row).
    const row = fc.array(cell.map(oneLine), { minLength: cols, maxLength: cols });
    return fc
      .tuple(
        fc.array(plainWordsArb(2), { minLength: cols, maxLength: cols }),
        fc.array(fc.constantFrom('---', ':---', '---:', ':-:'), { minLength: cols, maxLength: cols }),
        fc.array(row, { maxLength: 3 }),
        fc.boolean(),
      )
      .map(([head, delim, rows, pipes]) => {
        const r = (cells: string[]): string => (pipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
        // CONSTRAINT: without outer pipes, a one-column table is a paragraph and setext heading.
        const outer = pipes || cols > 1;
        const fmt = outer ? r : (cells: string[]): string => `| ${cells.join(' | ')} |`;
        return [fmt(head), fmt(delim), ...rows.map(fmt)];
      });
  });
}

function thematicBreakArb(): fc.Arbitrary<Lines> {
  return fc.constantFrom(['---'], ['***'], ['___'], ['- - -'], ['* * *'], ['_____']);
}

/** A tiny glossary-agnostic footnote or reference definition (labels are declared up front). */
function definitionArb(c: Ctx): fc.Arbitrary<Lines> {
  if (c.refs.length === 0) return fc.constant(['[unused]: https://example.com/unused']);
  return fc.tuple(pick(c.refs), pick(URLS), fc.constantFrom('', ' "Title words"', " 'title'", ' (title)')).map(([r, u, t]) => [`[${r}]: ${u}${t}`]);
}

function footnoteArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc
    .tuple(fc.constantFrom('1', '2', 'note', 'a-b'), inlineLineArb(c.p, [], 6), fc.option(inlineLineArb(c.p, [], 6), { nil: undefined }))
    .map(([label, t, more]) => (more ? [`[^${label}]: ${t}`, '', `    ${more}`] : [`[^${label}]: ${t}`]));
}

/**
 * A phrase written across a line break (`cost per⏎customer`) is one element of `Lines` holding a
 * `\n`: containers and code blocks split such elements, so the continuation line gets their prefix
 * too (a term wrapped inside a list item is indented like the rest of the item).
 */
const split = (lines: Lines): Lines => lines.flatMap((l) => l.replace(ACROSS_LINES, '\u0001$1.a\u0002\n\u0001$1.b\u0002').split('\n'));

/** Prefixes a block's lines: the first with `first`, the rest with `rest` (blank lines stay blank). */
function prefix(lines: Lines, first: string, rest: string): Lines {
  return split(lines).map((l, i) => (i === 0 ? first + l : l === '' ? '' : rest + l));
}

function blockQuoteArb(c: Ctx, inner: fc.Arbitrary<Lines[]>): fc.Arbitrary<Lines> {
  return fc.tuple(inner, fc.constantFrom('> ', '>'), fc.boolean()).map(([blocks, m, spaced]) => {
    // CONSTRAINT: `>` without a space only before content with no indented lines (people write
    // `>text`, not `>1. item` with continuation lines indented as if the space were there).
    const mark = blocks.some((b) => b.some((l) => /^\s/.test(l))) ? '> ' : m;
    const lines: Lines = [];
    blocks.forEach((b, i) => {
      if (i > 0) lines.push(spaced ? '>' : '');
      lines.push(...split(b).map((l) => (l === '' ? '>' : mark + l)));
    });
    // Consecutive quotes separated by a blank line are two quotes; both are fine.
    return lines;
  });
}

/** `> quoted\nlazy continuation`. */
function lazyQuoteArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc.tuple(inlineLineArb(c.p, c.refs, 6), inlineLineArb(c.p, c.refs, 6), fc.boolean()).map(([a, b, nested]) => [
    (nested ? '> > ' : '> ') + a,
    b,
  ]);
}

/**
 * A list. CONSTRAINT: ordered lists start at 1, except in `stepsArb` (after a paragraph and a blank
 * line). remark (micromark) will not start an ordered list at another number anywhere after an
 * indented code block until some other block comes between (`    code\n\n> 3. x` is a paragraph
 * there, a list in CommonMark), nor after a table row (`| a |\n3. x`).
 */
function listArb(
  c: Ctx,
  child: fc.Arbitrary<Lines>,
  first: fc.Arbitrary<Lines>,
  top: boolean,
  markers = ['-', '*', '+', '1.', '1)'],
): fc.Arbitrary<Lines> {
  const item = fc.tuple(first, fc.array(child, { maxLength: 2 }), fc.boolean(), fc.constantFrom('', '[ ] ', '[x] ', '', ''));
  return fc
    .tuple(
      fc.constantFrom(...markers),
      fc.array(item, { minLength: 1, maxLength: 3 }),
      fc.boolean(), // loose: blank lines between items
      // Spaces after the marker, or a tab (content at column 4, continuation lines indented by a tab).
      top ? fc.constantFrom<number | 'tab'>(1, 1, 1, 2, 'tab') : fc.constantFrom<number | 'tab'>(1, 1, 1, 2),
    )
    .map(([marker, items, loose, gap]) => {
      const out: Lines = [];
      items.forEach(([head, children, blankBefore, task], k) => {
        const m = /\d/.test(marker) ? `${Number.parseInt(marker, 10) + k}${marker.slice(-1)}` : marker;
        const pad = gap === 'tab' ? '\t' : ' '.repeat(m.length + gap);
        if (k > 0 && loose) out.push('');
        out.push(...prefix(head, m + (gap === 'tab' ? '\t' : ' '.repeat(gap)) + task, pad));
        children.forEach((ch, n) => {
          // A nested list right under the first paragraph needs no blank line; other blocks do (and
          // so does an ordered list not starting at 1, which cannot interrupt a paragraph).
          if (blankBefore || n > 0 || !/^(?:[-*+]|1[.)]) /.test(ch[0] ?? '')) out.push('');
          out.push(...prefix(ch, pad, pad));
        });
      });
      return out;
    });
}

/** `- item\nlazy continuation` */
function lazyListArb(c: Ctx): fc.Arbitrary<Lines> {
  return fc.tuple(inlineLineArb(c.p, c.refs, 6), inlineLineArb(c.p, c.refs, 6)).map(([a, b]) => ['- ' + a, b]);
}

export interface DocOptions {
  pools: WordPools;
  /** Front matter, BOM and CRLF. */
  envelope?: boolean;
  /** Allow an unclosed fence at the end. */
  unclosed?: boolean;
  /** Phrases and atoms to write in now; without, the text keeps placeholders for `fillPhrases`. */
  fill?: { phrases: readonly string[]; atoms?: readonly string[] };
}

export interface GeneratedDoc {
  text: string;
}

/** Words of briefs and glossary names, with placeholders for a glossary's phrases and links. */
export const GLOSSARY_POOLS: WordPools = { words: [...PLAIN_WORDS, ...TERM_WORDS], phrases: true, atoms: true };

/** Blocks nested up to `depth` containers deep; `top`: they start at column 0, where tabs may indent. */
export function blocksArb(c: Ctx, depth: number, top = false): fc.Arbitrary<Lines> {
  const leaf = fc.oneof(
    { weight: 10, arbitrary: paragraphArb(c) },
    { weight: 3, arbitrary: atxHeadingArb(c) },
    { weight: 1, arbitrary: setextHeadingArb(c) },
    { weight: 3, arbitrary: fencedCodeArb(c, true) },
    { weight: 2, arbitrary: indentedCodeArb(c, top) },
    { weight: 2, arbitrary: htmlBlockArb(c) },
    { weight: 2, arbitrary: tableArb(c) },
    { weight: 1, arbitrary: thematicBreakArb() },
    { weight: 1, arbitrary: definitionArb(c) },
    { weight: 1, arbitrary: footnoteArb(c) },
    { weight: 1, arbitrary: lazyQuoteArb(c) },
    { weight: 1, arbitrary: lazyListArb(c) },
  );
  if (depth <= 0) return leaf;
  const inner = blocksArb(c, depth - 1);
  // CONSTRAINT: a list item starts with a paragraph or heading (not with code, a table or HTML).
  const first = fc.oneof({ weight: 5, arbitrary: paragraphArb(c) }, { weight: 1, arbitrary: atxHeadingArb(c) });
  // Numbered steps that go on from an earlier list: `3.` after a paragraph.
  const steps = fc.tuple(paragraphArb(c), listArb(c, inner, first, top, ['3.', '7)'])).map(([p, l]) => [...p, '', ...l]);
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: listArb(c, inner, first, top) },
    { weight: 1, arbitrary: steps },
    { weight: 2, arbitrary: blockQuoteArb(c, fc.array(inner, { minLength: 1, maxLength: 3 })) },
  );
}

const FRONT_MATTER = [
  ['---', 'title: Spring campaign brief', 'context: Sales', 'tags: [a, b]', '---'],
  ['---', 'context: Engineering', '---'],
  ['+++', 'title = "Spec"', 'context = "Finance"', '+++'],
  ['---', 'description: |', '  hidden words in front matter', '---'],
];

/** Reference labels: the document uses them all, and defines some (an undefined one is plain text). */
const REFS = ['ref', 'Vendor Docs', 'spec-v2', '1', 'the guide'];

export function documentArb(opts: DocOptions): fc.Arbitrary<GeneratedDoc> {
  const c: Ctx = { p: opts.pools, refs: REFS };
  return fc
    .tuple(
      fc.array(fc.tuple(blocksArb(c, 2, true), fc.constantFrom('\n', '\n', '\n', '\n', '', '\n\n')), { minLength: 1, maxLength: 6 }),
      opts.envelope ? fc.option(pick(FRONT_MATTER), { nil: undefined, freq: 4 }) : fc.constant(undefined),
      opts.envelope ? fc.constantFrom('\n', '\n', '\r\n') : fc.constant('\n'),
      opts.envelope ? fc.boolean() : fc.constant(false),
      opts.unclosed ? fc.option(fencedCodeArb(c, false), { nil: undefined, freq: 5 }) : fc.constant(undefined),
      fc.subarray(REFS),
      fc.boolean(),
    )
    .map(([blocks, front, eol, bom, unclosed, refs, trailing]) => {
      const lines: Lines = [];
      if (front) lines.push(...front);
      // CONSTRAINT: without front matter, a document does not start with a thematic break `---`:
      // remark-frontmatter then mis-parses what follows (`---\n\n- a` is a paragraph, not a list).
      else if (/^(?:---|- - -)$/.test(blocks[0][0][0] ?? '')) blocks[0][0] = ['Intro words.', '', ...blocks[0][0]];
      blocks.forEach(([b, sep], i) => {
        if (i > 0 || front) {
          // CONSTRAINT: no blank line only where a block interrupts a paragraph (a heading, fence,
          // list or quote right under a paragraph line). Not after other blocks: after an HTML block
          // the next block is swallowed, after a quote the next quote merges with it, and the
          // combinations that make (a table then indented code, a link definition then an HTML
          // block) are not written by people.
          const prev = i > 0 ? blocks[i - 1][0] : [];
          if (sep === '' && startsBlockInterrupt(b[0] ?? '') && PARAGRAPHS.has(prev)) {
            /* directly after */
          } else lines.push(...(sep === '\n\n' ? ['', ''] : ['']));
        }
        lines.push(...b);
      });
      // Definitions for the labels used, at the end (as people write them).
      if (refs.length) lines.push('', ...refs.map((r) => `[${r}]: https://example.com/${encodeURIComponent(r)}`));
      if (unclosed) {
        lines.push('', ...unclosed);
      }
      const text = (bom ? '\ufeff' : '') + split(lines).join(eol) + (trailing ? eol : '');
      return { text: opts.fill ? fillPhrases(text, opts.fill.phrases, opts.fill.atoms) : text };
    });
}

/** Blocks that people write straight under a paragraph line. */
function startsBlockInterrupt(line: string): boolean {
  return /^(?:#{1,6} |```|~~~|[-*+] |1[.)] |> )/.test(line);
}

// ---------------------------------------------------------------------------------------------
// Hostile text

const HOSTILE_PIECES = [
  '\r\n', '\r', '\n', '\t', '\0', '\ufeff', '\ud800', '\udfff', '\udc00x', 'a\ud83d', '😀', '👩‍👩‍👧', '🇩🇪', '\u0301', '\u200b',
  '\u2028', '\u00a0', '```', '~~~', '\n```\n', '    ', '> ', '- ', '1. ', '# ', '#', '[', ']', '(', ')', '<', '>', '<!--',
  '-->', '[[', ']]', '`', '*', '_', '\\', '&', '&amp;', '|', '---\n', '+++\n', '[^1]', '[^1]: ', '[a]: ', 'https://',
  'www.', '@', '<div>', '</div>', '<script>', 'KPI', 'KPIs', "KPI's", 'cost per customer', 'ROAS', 'e-commerce', '[[',
  'x'.repeat(5000), ' '.repeat(300), '-'.repeat(200), '`'.repeat(40), '['.repeat(200), '>'.repeat(100), '*'.repeat(300),
];

/** Arbitrary text with the pieces that break parsers mixed in. */
export const hostileTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: pick(HOSTILE_PIECES) },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }) },
      { weight: 3, arbitrary: pick([...PLAIN_WORDS, ...TERM_WORDS]) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', 'a', ' '), maxLength: 8 }) },
    ),
    { maxLength: 40 },
  )
  .map((ps) => ps.join(''));

/** Markdown-shaped text with hostile pieces spliced in at random places. */
export function mangledDocumentArb(fill: DocOptions['fill']): fc.Arbitrary<string> {
  return fc
    .tuple(documentArb({ pools: GLOSSARY_POOLS, envelope: true, unclosed: true, fill }), fc.array(fc.tuple(fc.nat(), hostileTextArb), { maxLength: 3 }))
    .map(([doc, cuts]) => {
      let text = doc.text;
      for (const [at, piece] of cuts) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + piece + text.slice(i);
      }
      return text;
    });
}
