// Glossary files -> terms. The glossary is the source of truth that marketers edit on GitHub, so it
// is parsed with the real Markdown parser (remark), never a hand-rolled one.

import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Finding, Term } from '../types';

export interface GlossarySource {
  /** The file's path as the caller names it (forward slashes); findings and terms refer to it. */
  path: string;
  text: string;
}

export interface ParsedGlossaryFile {
  path: string;
  terms: Term[];
  /** Problems found while parsing (bad headings); cross-file checks come later. */
  findings: Finding[];
  /** Where each term's fields sit, for findings that point at a field. */
  fieldRanges: Map<number, Map<string, { start: number; end: number }>>;
}

const fullProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

// The index reads blocks (headings, paragraphs, lists) and slices their source; only a heading's
// text needs inline Markdown. Block structure never depends on inline syntax (CommonMark parses
// blocks first), so remark with its inline constructs switched off gives the same blocks at the
// same offsets, in about two thirds of the time, with fewer nodes to collect.
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
];
const blockProcessor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(function blocksOnly() {
    const data = this.data();
    (data.micromarkExtensions ??= []).push({ disable: { null: INLINE_CONSTRUCTS } });
  });

// The characters that can start an inline construct: a heading without them reads the same with or
// without inline parsing (one text node); a heading with them needs the full parse.
const INLINE_START = /[!&*<[\\\]_`]/;

// `**Label:** value`, `**Label**: value`, `Label: value` (also with __ or * emphasis).
const LABEL = /^\s*(?:(\*\*|__|\*|_)([A-Za-z][A-Za-z /-]{0,30}?)\s*(?::\s*\1|\1\s*:)|([A-Za-z][A-Za-z /-]{0,30}?)\s*:)[ \t]*/;

const LIST_FIELDS = new Set(['aliases', 'avoid', 'see also']);
const KNOWN_FIELDS = new Set(['aliases', 'avoid', 'business', 'it', 'owner', 'status', 'see also', 'context']);

/**
 * One glossary section as remark sees it: from a level-1 or level-2 heading to the next. Offsets
 * are relative to the section; ids are indexes within it; slugs are not yet made unique.
 * Plain data (no Maps), so sections can be cached and stored as JSON.
 */
export interface ParsedSection {
  terms: Term[];
  findings: Finding[];
  /** Per term (same index): label -> range of the field. */
  fieldRanges: Record<string, { start: number; end: number }>[];
  /** Slugs of level-1 headings, which GitHub counts when making anchors unique. */
  titles: string[];
}

// Parsing is by far the costliest part of building an index (remark runs at well under 1 MB/s), and
// a glossary edit or a second run changes few sections: parse each section once per distinct text.
const sectionCache = new Map<string, ParsedSection>();
const SECTION_CACHE_LIMIT = 100_000;
let parsedSinceAsked = 0;

/** How many sections remark had to parse since the last call (0: a stored cache is still complete). */
export function takeParseCount(): number {
  const n = parsedSinceAsked;
  parsedSinceAsked = 0;
  return n;
}

/** Sections parsed so far, for callers that persist them between runs (keyed by section text). */
export function cachedSections(texts: string[]): [string, ParsedSection][] {
  return texts.flatMap((t) => splitSections(t).map(({ text }) => [text, sectionCache.get(text)] as [string, ParsedSection]))
    .filter(([, s]) => s !== undefined);
}

/** Drops every parsed section kept in memory (for a thread that will not build again). */
export function forgetSections(): void {
  sectionCache.clear();
}

export function primeSections(entries: [string, ParsedSection][]): void {
  for (const [text, section] of entries) sectionCache.set(text, section);
}

/** The distinct sections of `texts` (whole files) not parsed yet: what a build would hand to remark. */
export function sectionsToParse(texts: string[]): string[] {
  const todo = new Set<string>();
  for (const t of texts) for (const { text } of splitSections(t)) if (!sectionCache.has(text)) todo.add(text);
  return [...todo];
}

/** Parses sections (on any thread) for `addParsedSections` to keep, here or on another thread. */
export function parseSections(texts: string[]): [string, ParsedSection][] {
  return texts.map((text) => [text, parseSection(text)]);
}

/** Keeps sections parsed elsewhere as if parsed here (they count as parsed for `takeParseCount`). */
export function addParsedSections(entries: [string, ParsedSection][]): void {
  primeSections(entries);
  parsedSinceAsked += entries.length;
}

/**
 * For a thread that builds once (the server's index worker): each section read is handed here, to
 * be stored, and not kept in memory. A 10,000-term glossary's sections are some 15 MB of objects on
 * top of the index, at the build's peak.
 */
export type SectionHandOff = (text: string, section: ParsedSection) => void;

export function parseGlossaryFile(source: GlossarySource, firstId: number, handOff?: SectionHandOff): ParsedGlossaryFile {
  const { path } = source;
  const result: ParsedGlossaryFile = { path, terms: [], findings: [], fieldRanges: new Map() };
  const slugs = new Map<string, number>();
  for (const { start: offset, text } of splitSections(source.text)) {
    let section = sectionCache.get(text);
    if (!section) {
      section = parseSection(text);
      parsedSinceAsked++;
      if (!handOff) {
        if (sectionCache.size >= SECTION_CACHE_LIMIT) sectionCache.clear();
        sectionCache.set(text, section);
      }
    } else if (handOff) {
      sectionCache.delete(text);
    }
    handOff?.(text, section);
    for (const title of section.titles) slugs.set(title, 1);
    section.terms.forEach((t, k) => {
      const id = firstId + result.terms.length;
      result.terms.push({
        ...t,
        id,
        file: path,
        start: t.start + offset,
        end: t.end + offset,
        slug: uniqueSlug(t.slug, slugs),
        aliases: [...t.aliases],
        avoid: [...t.avoid],
        seeAlso: [...t.seeAlso],
        description: [...t.description],
        extra: t.extra.map((e) => ({ ...e })),
      });
      const ranges = new Map<string, { start: number; end: number }>();
      for (const [label, r] of Object.entries(section!.fieldRanges[k])) ranges.set(label, { start: r.start + offset, end: r.end + offset });
      result.fieldRanges.set(id, ranges);
    });
    for (const f of section.findings) result.findings.push({ ...f, start: f.start + offset, end: f.end + offset });
  }
  return result;
}

/**
 * Splits a glossary file before every level-1 or level-2 ATX heading that starts a block at the top
 * level (not inside fenced code or an HTML comment), so each piece parses on its own exactly as it
 * would inside the whole file.
 */
export function splitSections(text: string): { start: number; text: string }[] {
  // remark drops a byte-order mark and counts its offsets without it: the first section starts after
  // it, so offsets stay those of the text as given.
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const starts = [first];
  let fence: string | null = null;
  let inComment = false;
  let pos = first;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?$`).test(line)) fence = null;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) fence = open[1];
      else if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) inComment = true;
      else if (pos > first && /^#{1,2}(?:[ \t]|\r?$)/.test(line)) starts.push(pos);
    }
    pos = end + 1;
  }
  return starts.map((s, i) => ({ start: s, text: text.slice(s, starts[i + 1] ?? text.length) }));
}

/**
 * One section's terms, fields and findings. `inline: 'parse'` runs remark in full (the reference the
 * tests compare with); the default skips inline syntax unless a heading that names a term or a
 * title has some.
 */
export function parseSection(text: string, inline: 'skip' | 'parse' = 'skip'): ParsedSection {
  const tree = (inline === 'skip' ? blockProcessor : fullProcessor).parse(text) as Root;
  if (inline === 'skip' && tree.children.some((n) => n.type === 'heading' && n.depth <= 2 && INLINE_START.test(source(text, n)))) {
    return parseSection(text, 'parse');
  }
  const result: ParsedSection = { terms: [], findings: [], fieldRanges: [], titles: [] };
  let current: Term | undefined;

  const startTerm = (heading: Heading): void => {
    const name = plainText(heading).replace(/\s+/g, ' ').trim();
    const { start, end } = offsets(heading);
    if (!/[\p{L}\p{N}]/u.test(name)) {
      current = undefined;
      result.findings.push({
        code: 'glossary-bad-heading',
        severity: 'error',
        message: name
          ? `The heading '${name}' has no letters or digits, so it cannot name a term.`
          : 'This term heading is empty, so it cannot name a term.',
        start,
        end,
        fixes: [],
      });
      return;
    }
    current = {
      id: result.terms.length,
      name,
      aliases: [],
      avoid: [],
      seeAlso: [],
      description: [],
      extra: [],
      file: '',
      start,
      end,
      slug: githubSlug(name),
    };
    result.terms.push(current);
    result.fieldRanges.push({});
  };

  const takeBlock = (node: Paragraph, listItem?: ListItem): boolean => {
    if (!current) return false;
    const range = offsets(listItem ?? node);
    const raw = text.slice(offsets(node).start, offsets(listItem ?? node).end);
    const m = LABEL.exec(raw);
    if (!m) return false;
    const label = (m[2] ?? m[3]).trim().toLowerCase().replace(/\s+/g, ' ');
    const value = raw.slice(m[0].length).trim();
    setField(current, label, (m[2] ?? m[3]).trim(), value);
    result.fieldRanges[current.id][label] = range;
    return true;
  };

  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      if (node.depth === 2) {
        startTerm(node);
        continue;
      }
      if (node.depth === 1) {
        current = undefined;
        result.titles.push(githubSlug(plainText(node)));
        continue;
      }
    }
    if (!current) continue;
    if (node.type === 'paragraph' && takeBlock(node)) continue;
    if (node.type === 'list' && takeList(node, takeBlock)) continue;
    if (node.type === 'yaml' || (node.type as string) === 'toml' || node.type === 'html') continue;
    const { start, end } = offsets(node);
    current.description.push(text.slice(start, end));
  }
  return result;
}

/** A list whose every item starts with a label sets fields; otherwise it is description. */
function takeList(list: List, takeBlock: (p: Paragraph, item: ListItem) => boolean): boolean {
  const labelled = list.children.filter((item) => item.children[0]?.type === 'paragraph');
  if (labelled.length !== list.children.length) return false;
  let took = false;
  for (const item of list.children) {
    if (takeBlock(item.children[0] as Paragraph, item)) took = true;
  }
  return took;
}

function setField(term: Term, label: string, rawLabel: string, value: string): void {
  if (!KNOWN_FIELDS.has(label)) {
    term.extra.push({ label: rawLabel, value });
    return;
  }
  if (LIST_FIELDS.has(label)) {
    const items = splitList(value);
    if (label === 'aliases') term.aliases.push(...items);
    else if (label === 'avoid') term.avoid.push(...items);
    else term.seeAlso.push(...items);
    return;
  }
  const single = label === 'owner' || label === 'status' || label === 'context' ? stripMarkup(value) : value;
  if (label === 'business') term.business = single;
  else if (label === 'it') term.it = single;
  else if (label === 'owner') term.owner = single;
  else if (label === 'status') term.status = single.toLowerCase();
  else term.context = single;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map(stripMarkup)
    .filter((item) => item.length > 0);
}

/** `**x**`, `` `x` ``, `[x](url)`, `[[x]]` -> `x`: list items are names, not Markdown. */
function stripMarkup(value: string): string {
  return value
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('alt' in node && typeof node.alt === 'string') return node.alt;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

function source(text: string, node: Nodes): string {
  const { start, end } = offsets(node);
  return text.slice(start, end);
}

function offsets(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function uniqueSlug(slug: string, seen: Map<string, number>): string {
  const count = seen.get(slug);
  seen.set(slug, (count ?? 0) + 1);
  return count === undefined ? slug : `${slug}-${count}`;
}
