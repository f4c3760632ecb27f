// Reading a document for the rules: its prose, its words and the terms they make, block by block.
// Each paragraph or heading is read on its own (a term never spans two blocks), so an editor that
// keeps a `BlockMemo` per document re-reads only the blocks an edit changed: the others are taken
// from the memo, moved by however far the edit shifted them. The result is the same either way.

import type { Glossary } from './glossary/build';
import { type Comment, type InlineBlock, scanBlocks } from './markdown/blocks';
import { type InlineContext, type InlineLink, scanInline } from './markdown/inline';
import type { DocumentKind, ProseScan } from './markdown/prose';
import { type DocumentMatch, matchTerms } from './match';
import { emptyWords, reserveWords, scanWords, type Words } from './tokens';

export interface DocumentReading {
  scan: ProseScan;
  words: Words;
  /** Every glossary term found in the prose, in order; token indexes are those of `words`. */
  matches: DocumentMatch[];
}

export function readDocument(text: string, kind: DocumentKind, glossary: Glossary, memo?: BlockMemo): DocumentReading {
  const words = emptyWords(text.length);
  if (kind === 'plaintext') {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const prose = text.length > start ? [start, text.length] : [];
    scanWords(text, prose, glossary.words, words);
    return { scan: { prose, links: [], comments: [] }, words, matches: matchTerms(text, words, glossary) };
  }
  const blocks = scanBlocks(text);
  const ctx: InlineContext = { definitions: blocks.definitions, footnotes: blocks.footnotes };
  memo?.begin(text, glossary, ctx);
  const prose: number[] = [];
  const links: InlineLink[] = [];
  const comments = blocks.comments.slice();
  const matches: DocumentMatch[] = [];
  if (memo) {
    for (const block of blocks.blocks) {
      const part = memo.read(text, block, ctx, glossary, words);
      append(prose, part.prose);
      append(links, part.links);
      append(comments, part.comments);
      append(matches, part.matches);
    }
    memo.end();
  } else {
    // The CLI reads each document once: straight into the document's arrays, and one matching
    // pass told where the blocks begin (one call per block costs more).
    const blockStarts: number[] = [];
    for (const block of blocks.blocks) {
      const inline = scanInline(text, block, ctx);
      blockStarts.push(words.count);
      scanWords(text, inline.prose, glossary.words, words);
      append(prose, inline.prose);
      append(links, inline.links);
      append(comments, inline.comments);
    }
    matchTerms(text, words, glossary, { blockStarts, into: matches });
  }
  comments.sort((a, b) => a.start - b.start);
  return { scan: { prose, links, comments, frontMatter: blocks.frontMatter }, words, matches };
}

function append<T>(to: T[], items: T[]): void {
  for (let k = 0; k < items.length; k++) to.push(items[k]);
}

/** What one block adds to the reading (its words go straight into the document's `Words`). */
interface BlockPart {
  prose: number[];
  links: InlineLink[];
  comments: Comment[];
  matches: DocumentMatch[];
}

function readBlock(text: string, block: InlineBlock, ctx: InlineContext, glossary: Glossary, words: Words): BlockPart {
  const inline = scanInline(text, block, ctx);
  const from = words.count;
  scanWords(text, inline.prose, glossary.words, words);
  return { ...inline, matches: matchTerms(text, words, glossary, { from, to: words.count }) };
}

interface MemoEntry {
  part: BlockPart;
  /** Where the block's lines started, and its first word's index, when `part` was made. */
  base: number;
  wordBase: number;
  /** How many characters its lines span, their last line break included. */
  span: number;
  /** The block's segments, relative to `base`: the same lines may be split differently. */
  layout: Int32Array;
  /** The block's words, offsets relative to `base`. */
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
}

/**
 * One document's blocks as last read. An edit changes one stretch of the text: a block that lies
 * wholly before it, or wholly after it, has the same lines as before (container prefixes included,
 * as the matcher looks at them), and is taken from here when those lines are split into the same
 * segments, under the same glossary and the same link and footnote definitions. Only the blocks of
 * the last reading are kept.
 */
export class BlockMemo {
  private text = '';
  /** By `base`. */
  private entries = new Map<number, MemoEntry>();
  private next = new Map<number, MemoEntry>();
  private glossary?: Glossary;
  private context = '';
  /** The new text's first `prefix` and last `suffix` characters are the old text's. */
  private prefix = 0;
  private suffix = 0;
  /** New length minus old length. */
  private delta = 0;

  begin(text: string, glossary: Glossary, ctx: InlineContext): void {
    const context = [...ctx.definitions].join('\n') + '\u0000' + [...ctx.footnotes].join('\n');
    if (glossary !== this.glossary || context !== this.context) this.entries.clear();
    this.glossary = glossary;
    this.context = context;
    this.prefix = commonPrefix(this.text, text);
    this.suffix = commonSuffix(this.text, text, this.prefix);
    this.delta = text.length - this.text.length;
    this.text = text;
  }

  end(): void {
    this.entries = this.next;
    this.next = new Map();
  }

  read(text: string, block: InlineBlock, ctx: InlineContext, glossary: Glossary, words: Words): BlockPart {
    const { segments } = block;
    const base = text.lastIndexOf('\n', segments[0].start - 1) + 1;
    const lineEnd = text.indexOf('\n', segments[segments.length - 1].end);
    const span = (lineEnd < 0 ? text.length : lineEnd + 1) - base;
    const wordBase = words.count;
    // Where these lines were in the old text, if they are unchanged.
    const oldBase = base + span <= this.prefix ? base : base >= text.length - this.suffix ? base - this.delta : -1;
    const known = oldBase < 0 ? undefined : this.entries.get(oldBase);
    if (known && known.span === span && sameLayout(known.layout, segments, base)) {
      copyWords(known, base, words);
      const entry = known.base === base && known.wordBase === wordBase ? known : moved(known, base, wordBase);
      this.next.set(base, entry);
      return entry.part;
    }
    const part = readBlock(text, block, ctx, glossary, words);
    const n = words.count - wordBase;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      starts[k] = words.starts[wordBase + k] - base;
      ends[k] = words.ends[wordBase + k] - base;
    }
    const ids = words.ids.slice(wordBase, wordBase + n);
    const layout = new Int32Array(segments.length * 2);
    segments.forEach((seg, k) => {
      layout[2 * k] = seg.start - base;
      layout[2 * k + 1] = seg.end - base;
    });
    this.next.set(base, { part, base, wordBase, span, layout, starts, ends, ids });
    return part;
  }
}

/** Compared a chunk at a time first: comparing two slices runs in native code. */
const CHUNK = 512;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Common trailing characters, not overlapping the common prefix of either text. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let k = 0;
  while (k + CHUNK <= n && a.slice(a.length - k - CHUNK, a.length - k) === b.slice(b.length - k - CHUNK, b.length - k)) k += CHUNK;
  while (k < n && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

function sameLayout(layout: Int32Array, segments: InlineBlock['segments'], base: number): boolean {
  if (layout.length !== segments.length * 2) return false;
  for (let k = 0; k < segments.length; k++) {
    if (layout[2 * k] !== segments[k].start - base || layout[2 * k + 1] !== segments[k].end - base) return false;
  }
  return true;
}

/** The entry's words, moved to `base`, after the document's words so far. */
function copyWords(entry: MemoEntry, base: number, words: Words): void {
  const n = entry.starts.length;
  const at = words.count;
  reserveWords(words, at + n);
  const { starts, ends } = words;
  for (let k = 0; k < n; k++) {
    starts[at + k] = entry.starts[k] + base;
    ends[at + k] = entry.ends[k] + base;
  }
  words.ids.set(entry.ids, at);
  words.count = at + n;
}

/** The entry's part moved to `base` and its words renumbered from `wordBase`. */
function moved(entry: MemoEntry, base: number, wordBase: number): MemoEntry {
  const d = base - entry.base;
  const w = wordBase - entry.wordBase;
  const { part } = entry;
  const prose = new Array<number>(part.prose.length);
  for (let k = 0; k < prose.length; k++) prose[k] = part.prose[k] + d;
  const matches = new Array<DocumentMatch>(part.matches.length);
  for (let k = 0; k < matches.length; k++) {
    const m = part.matches[k];
    matches[k] = { start: m.start + d, end: m.end + d, firstToken: m.firstToken + w, lastToken: m.lastToken + w, suffix: m.suffix, variants: m.variants };
  }
  return {
    ...entry,
    base,
    wordBase,
    part: {
      prose,
      links: part.links.map((l) => ({ ...l, textStart: l.textStart + d, textEnd: l.textEnd + d })),
      comments: part.comments.map((c) => ({ ...c, start: c.start + d, end: c.end + d })),
      matches,
    },
  };
}
