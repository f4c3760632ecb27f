// Glossary Markdown made safe to show in a hover. Glossary files arrive with every `git pull`, written
// by anyone who can push, and a hover renders as soon as the mouse rests on a word: what it shows must
// not run commands, open files, load remote content or inject HTML.
//
// Filtering the source with patterns cannot be made complete (nested or escaped brackets, entity-
// encoded schemes, reference definitions...), so nothing of the source is passed on as written. It is
// parsed with the same parser as the glossary, and a small, known-safe subset of the tree is written
// out again: text escaped so it cannot form syntax, emphasis, code, lists, quotes, and links only to
// the web or to e-mail. Everything else is shown as the plain text it contains.

import type { Link, List, ListItem, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse);

// No-break space: it is not indentation to the parser, so a value that starts with `#`, `>`, `-` or
// `1.` stays paragraph text, as it was in the glossary (where it followed a `**Label:**`). It also
// counts as whitespace for emphasis, like the start of a line.
const PARAGRAPH_START = '\u00a0';

/** A glossary field's value as safe Markdown, split where the hover lays it out. */
export interface SafeField {
  /** The first paragraph, to follow the field's label on its line (may hold hard breaks). */
  text: string;
  /** Any further blocks (a list item's nested list, code...), separated by blank lines; or ''. */
  more: string;
}

/** A glossary field's value: the paragraph text after its label, and any blocks of its list item. */
export function safeField(value: string): SafeField {
  const tree = processor.parse(PARAGRAPH_START + value.replace(/\r\n?/g, '\n')) as Root;
  const [first, ...rest] = tree.children;
  if (first?.type !== 'paragraph') return { text: '', more: blocks(tree.children) }; // only for an empty value
  const lead = first.children[0];
  if (lead?.type === 'text') {
    lead.value = lead.value.slice(PARAGRAPH_START.length).replace(/^[ \t]+/, '');
    if (!lead.value) first.children.shift();
  }
  // After a label, not at the start of a line: no list or heading markers to escape.
  return { text: phrasing(first.children, false), more: blocks(rest) };
}

/** A parsed Markdown tree as safe Markdown: blocks separated by blank lines. */
export function renderSafe(tree: Root): string {
  return blocks(tree.children);
}

function blocks(nodes: RootContent[]): string {
  return nodes
    .map(block)
    .filter((b) => b !== '')
    .join('\n\n');
}

function block(node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
      return phrasing(node.children, true);
    case 'heading': {
      // A heading inside a field would outweigh the term's own name: bold text instead.
      const inner = phrasing(node.children, false);
      return inner && `**${inner}**`;
    }
    case 'blockquote':
      return prefixLines(blocks(node.children), '> ', '>');
    case 'list':
      return list(node);
    case 'code':
      return codeBlock(node.value, node.lang);
    case 'table':
      // As rows of text: a table needs a header and would be cramped in a hover anyway.
      return node.children.map((row) => row.children.map((cell, i) => phrasing(cell.children, i === 0)).join(' \\| ')).join('  \n');
    case 'thematicBreak':
      return ''; // the hover already uses rules between senses
    case 'html':
      return escapeText(node.value, true);
    case 'definition':
      // Shown, never used: a reference definition could turn text into a link or an image.
      return escapeText(`[${node.label ?? node.identifier}]: ${node.url}`, true);
    default:
      return escapeText(plainText(node), true);
  }
}

function list(node: List): string {
  const start = node.start ?? 1;
  const separator = node.spread ? '\n\n' : '\n';
  return node.children
    .map((item, i) => {
      const marker = node.ordered ? `${start + i}.` : '-';
      const content = listItem(item);
      return content ? prefixLines(content, `${marker} `, '', ' '.repeat(marker.length + 1)) : marker;
    })
    .join(separator);
}

function listItem(item: ListItem): string {
  let out = '';
  for (const child of item.children) {
    const rendered = block(child);
    if (!rendered) continue;
    if (out === '') out = rendered;
    else out += (!item.spread && interrupts(child, rendered) ? '\n' : '\n\n') + rendered;
  }
  return out;
}

/**
 * Whether a block may follow a paragraph line directly (keeping a tight list tight); any other block
 * needs a blank line before it, or it would be read as more of the paragraph.
 */
function interrupts(node: RootContent, rendered: string): boolean {
  if (node.type === 'code' || node.type === 'blockquote') return true;
  // An ordered list must start at 1 to interrupt a paragraph, and no list may start with an empty item.
  return node.type === 'list' && !node.ordered && !/^-(\n|$)/.test(rendered);
}

/** Prefixes the first line with `first` and the others with `rest` (blank lines with `blank`). */
function prefixLines(text: string, first: string, blank: string, rest = first): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first + line : line === '' ? blank : rest + line))
    .join('\n');
}

function codeBlock(code: string, lang: string | null | undefined): string {
  // One kind of line ending: a bare CR, which the client also reads as one, would leave a line of
  // the code without the indentation or `>` that keeps it inside its list item or quote.
  const value = code.replace(/\r\n?/g, '\n');
  const fence = '`'.repeat(Math.max(3, longestRun(value, '`') + 1));
  // An info string is only a language name here; anything else is dropped rather than escaped.
  const info = lang && /^[\w.+#-]+$/.test(lang) ? lang : '';
  return value === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${value}\n${fence}`;
}

/** Inline content; `lineStart` says whether it begins a line, where `-`, `+`, `=` and `1.` mean something. */
function phrasing(nodes: PhrasingContent[], lineStart: boolean, inLink = false): string {
  let out = '';
  for (const node of nodes) out += inline(node, out === '' ? lineStart : out.endsWith('\n'), inLink);
  return out;
}

function inline(node: PhrasingContent, lineStart: boolean, inLink: boolean): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.value, lineStart);
    // `*` whichever the glossary used: the same emphasis, and it is the more permissive delimiter,
    // so it cannot fail to close where `_` did.
    case 'emphasis':
      return `*${phrasing(node.children, false, inLink)}*`;
    case 'strong':
      return `**${phrasing(node.children, false, inLink)}**`;
    case 'delete':
      return `~~${phrasing(node.children, false, inLink)}~~`;
    case 'inlineCode':
      return codeSpan(node.value);
    case 'break':
      return '  \n';
    case 'link':
      return link(node, lineStart, inLink);
    case 'linkReference':
      // Its definition is not part of the hover, and need not be safe: its text only.
      return phrasing(node.children, lineStart, inLink);
    case 'image':
    case 'imageReference':
      // An image loads its source when the hover opens: its description only.
      return escapeText(node.alt ?? '', lineStart);
    case 'html':
      return escapeText(node.value, lineStart);
    case 'footnoteReference':
      return escapeText(`[^${node.label ?? node.identifier}]`, lineStart);
    default:
      return escapeText(plainText(node), lineStart);
  }
}

function link(node: Link, lineStart: boolean, inLink: boolean): string {
  const url = inLink ? undefined : webDestination(node.url);
  // Not a link (another scheme, or inside a link's text): its text, or its address as text.
  if (!url) return phrasing(node.children, lineStart, inLink) || escapeText(node.url, lineStart);
  // The title is dropped: it is one more place for text that would need escaping, for a tooltip.
  return `[${phrasing(node.children, false, true) || escapeText(node.url, false)}](${url})`;
}

/**
 * The link destination to write, or undefined when the link must not be a link. `url` is what the
 * parser made of the destination (escapes and character references already decoded), so a scheme
 * spelled `command&#58;` is seen as `command:`; anything not starting exactly with an allowed scheme
 * (leading spaces, `%3A`, control characters) is refused.
 */
function webDestination(url: string): string | undefined {
  const scheme = /^(https?|mailto):/i.exec(url);
  if (!scheme) return undefined;
  return `${scheme[1].toLowerCase()}:${encodeDestination(url.slice(scheme[0].length))}`;
}

// Characters a destination may keep as written: URL characters that mean nothing to Markdown there.
const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/;

/** Percent-encodes what could end, nest or escape a Markdown destination (spaces, `()<>\`, controls...). */
function encodeDestination(rest: string): string {
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '%') out += /^[0-9A-Fa-f]{2}$/.test(rest.slice(i + 1, i + 3)) ? c : '%25';
    // A character reference in the output would be decoded again by the client.
    else if (c === '&') out += /^&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/.test(rest.slice(i)) ? '%26' : c;
    else if (URL_SAFE.test(c)) out += c;
    else {
      const code = rest.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      i += char.length - 1;
      // A lone surrogate cannot be encoded as UTF-8; encodeURIComponent leaves `!'()*` as they are.
      out += code >= 0xd800 && code <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(char).replace(/[!'()*]/g, hex);
    }
  }
  return out;
}

const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** Code, fenced with more backticks than it contains, so it cannot close early. */
function codeSpan(value: string): string {
  const code = value.replace(/\r\n?|\n/g, ' ');
  if (code === '') return '';
  const fence = '`'.repeat(longestRun(code, '`') + 1);
  // The parser strips one space from each side when both are there, and a backtick next to the fence
  // would lengthen it: pad with a space in either case.
  const pad = code.startsWith('`') || code.endsWith('`') || (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '');
  return pad ? `${fence} ${code} ${fence}` : `${fence}${code}${fence}`;
}

/**
 * Text that shows exactly as written: every character that could start emphasis, code, a link, an
 * image, HTML, a character reference, a table or strikethrough is backslash-escaped, and line breaks
 * become spaces. At the start of a line, list, heading and setext markers are escaped too.
 */
function escapeText(text: string, lineStart: boolean): string {
  let out = text.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' ').replace(/[\\`*_[\]<>!&#|~]/g, '\\$&');
  if (lineStart) out = out.replace(/^([ \t]*)([-+=])/, '$1\\$2').replace(/^([ \t]*\d{1,9})([.)])/, '$1\\$2');
  return out;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('alt' in node && typeof node.alt === 'string') return node.alt;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join(' ');
  return '';
}
