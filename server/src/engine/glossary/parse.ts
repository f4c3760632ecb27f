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

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

// `**Label:** value`, `**Label**: value`, `Label: value` (also with __ or * emphasis).
const LABEL = /^\s*(?:(\*\*|__|\*|_)([A-Za-z][A-Za-z /-]{0,30}?)\s*(?::\s*\1|\1\s*:)|([A-Za-z][A-Za-z /-]{0,30}?)\s*:)[ \t]*/;

const LIST_FIELDS = new Set(['aliases', 'avoid', 'see also']);
const KNOWN_FIELDS = new Set(['aliases', 'avoid', 'business', 'it', 'owner', 'status', 'see also', 'context']);

export function parseGlossaryFile(source: GlossarySource, firstId: number): ParsedGlossaryFile {
  const { text, path } = source;
  const tree = processor.parse(text) as Root;
  const result: ParsedGlossaryFile = { path, terms: [], findings: [], fieldRanges: new Map() };
  let current: Term | undefined;
  const slugs = new Map<string, number>();

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
      id: firstId + result.terms.length,
      name,
      aliases: [],
      avoid: [],
      seeAlso: [],
      description: [],
      extra: [],
      file: path,
      start,
      end,
      slug: uniqueSlug(githubSlug(name), slugs),
    };
    result.terms.push(current);
    result.fieldRanges.set(current.id, new Map());
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
    result.fieldRanges.get(current.id)!.set(label, range);
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
        slugs.set(githubSlug(plainText(node)), 1);
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
