// Reading a document for the rules: its prose, its words and the terms they make, block by block.
// Each paragraph or heading is read on its own (a term never spans two blocks), so an editor that
// keeps a `BlockMemo` per document re-reads only the blocks an edit changed: the others are taken
// from the memo, moved by however far the edit shifted them. The result is the same either way.

import type { Glossary } from './glossary/build';
import { type BlockScan, type Comment, type InlineBlock, scanBlocks } from './markdown/blocks';
import { type InlineContext, type InlineLink, scanInline } from './markdown/inline';
import { type DocumentKind, type ProseScan, scanProse } from './markdown/prose';
import { type DocumentMatch, matchTerms } from './match';
import { emptyWords, reserveWords, scanWords, wordCapacity, type Words } from './tokens';

export interface DocumentReading {
  scan: ProseScan;
  words: Words;
  /** Every glossary term found in the prose, in order; token indexes are those of `words`. */
  matches: DocumentMatch[];
}

export function readDocument(text: string, kind: DocumentKind, glossary: Glossary, memo?: BlockMemo): DocumentReading {
  if (!memo || kind === 'plaintext') {
    // With a memo (plain text in an editor) an edit changes the word count by little: room for the
    // last reading's words and some. Without one, the arrays the last document used.
    const words = memo ? emptyWords(text.length, memo.wordCount) : spareWords(text.length);
    const matches: DocumentMatch[] = [];
    // Read once (the CLI): the words of each block as the scan finds it, then one matching pass
    // told where the blocks begin (one call per block costs more).
    const blockStarts: number[] = [];
    const scan = scanProse(text, kind, (prose) => {
      blockStarts.push(words.count);
      scanWords(text, prose, glossary.words, words);
    });
    matchTerms(text, words, glossary, { blockStarts, into: matches });
    return { scan, words, matches };
  }
  const blocks = memo.begin(text, glossary);
  const ctx: InlineContext = { definitions: blocks.definitions, footnotes: blocks.footnotes };
  const scan: ProseScan = { prose: memo.spareProse(), links: [], comments: blocks.comments.slice(), frontMatter: blocks.frontMatter };
  const into: DocumentReading = { scan, words: memo.spareWords(text.length), matches: [] };
  for (const block of blocks.blocks) memo.read(text, block, ctx, glossary, into);
  memo.end(into);
  scan.comments.sort((a, b) => a.start - b.start);
  return into;
}

/**
 * A document read without a memo (the CLI reads one after another) is dropped once its rules have
 * run: one set of word arrays serves them all instead of three new ones per document. Arrays past
 * `SPARE_LIMIT` words (a document of megabytes) are not kept.
 */
const SPARE_LIMIT = 1 << 18;
let spare: Words | undefined;

function spareWords(chars: number): Words {
  const words = spare ?? emptyWords(chars);
  words.count = 0;
  reserveWords(words, wordCapacity(chars));
  spare = words.starts.length <= SPARE_LIMIT ? words : undefined;
  return words;
}

function append<T>(to: T[], items: ArrayLike<T>): void {
  for (let k = 0; k < items.length; k++) to.push(items[k]);
}

/** What one block adds to the reading besides its words, as the memo keeps it. */
interface BlockPart {
  links: InlineLink[];
  comments: Comment[];
  matches: DocumentMatch[];
}

interface MemoEntry {
  part: BlockPart;
  /** Where the block's lines started, and where its words and prose ranges were, in the reading it was last part of. */
  base: number;
  wordBase: number;
  wordCount: number;
  proseBase: number;
  proseCount: number;
  /** How many characters its lines span, the character after them included. */
  span: number;
  /** The block's segments, relative to `base`: the same lines may be split differently. */
  layout: Int32Array;
}

/**
 * Reused blocks that follow each other in the last reading, at the same shift: their words and
 * prose ranges are copied from it in one go (one copy per run, not per block).
 */
interface Run {
  wordFrom: number;
  wordTo: number;
  proseFrom: number;
  proseTo: number;
  /** How far the edit moved them. */
  shift: number;
}

/**
 * One document's blocks as last read. A reading made with a memo is valid until the next one
 * begins: the blocks it takes over are moved where they are, and its words and prose ranges are
 * written over those of the reading before the last (a keystroke would otherwise make them all
 * again, and they live on for as long as the reading does).
 * An edit changes one stretch of the text: a block that lies
 * wholly before it, or wholly after it, has the same lines as before (container prefixes included,
 * as the matcher looks at them), and is taken from here when those lines are split into the same
 * segments, under the same glossary and the same link and footnote definitions. Only the blocks of
 * the last reading are kept.
 */
export class BlockMemo {
  private text = '';
  private scan?: BlockScan;
  /** The last reading's blocks, in document order, and the next entry to look at. */
  private entries: MemoEntry[] = [];
  private cursor = 0;
  private next: MemoEntry[] = [];
  private glossary?: Glossary;
  private context = '';
  /** The new text's first `prefix` and last `suffix` characters are the old text's. */
  private prefix = 0;
  private suffix = 0;
  /** New length minus old length. */
  private delta = 0;
  /** The last reading's words and prose ranges, which reused blocks are copied from. */
  private words?: Words;
  private prose: number[] = [];
  /** The reading's before the last, written over by the next one. */
  private oldWords?: Words;
  private oldProse?: number[];
  /** How many prose range offsets the current reading has written (its array may be longer). */
  private proseCount = 0;
  private run?: Run;
  /** How many words the last reading had (none yet: undefined). */
  wordCount?: number;

  /** Starts reading a new version of the document: its blocks, scanned again only around the edit. */
  begin(text: string, glossary: Glossary): BlockScan {
    this.prefix = commonPrefix(this.text, text);
    this.suffix = commonSuffix(this.text, text, this.prefix);
    this.delta = text.length - this.text.length;
    const blocks = scanBlocks(text, this.scan && { text: this.text, scan: this.scan, prefix: this.prefix, suffix: this.suffix });
    const context = [...blocks.definitions].join('\n') + '\u0000' + [...blocks.footnotes].join('\n');
    if (glossary !== this.glossary || context !== this.context) this.entries = [];
    this.glossary = glossary;
    this.context = context;
    this.text = text;
    this.scan = blocks;
    this.cursor = 0;
    this.proseCount = 0;
    return blocks;
  }

  /** The words of the reading before the last, emptied and with room for as many as the last one had. */
  spareWords(chars: number): Words {
    const words = this.oldWords;
    this.oldWords = undefined;
    if (!words || this.wordCount === undefined) return emptyWords(chars, this.wordCount);
    words.count = 0;
    reserveWords(words, 64 + this.wordCount + (this.wordCount >> 6));
    return words;
  }

  /** The prose ranges' array of the reading before the last, to be written from its start. */
  spareProse(): number[] {
    const prose = this.oldProse ?? [];
    this.oldProse = undefined;
    return prose;
  }

  end(into: DocumentReading): void {
    this.flush(into);
    into.scan.prose.length = this.proseCount;
    this.entries = this.next;
    this.next = [];
    this.oldWords = this.words;
    this.oldProse = this.prose;
    this.words = into.words;
    this.prose = into.scan.prose;
    this.wordCount = into.words.count;
  }

  /** Adds one block's prose, words, links, comments and matches to `into`. Blocks come in order. */
  read(text: string, block: InlineBlock, ctx: InlineContext, glossary: Glossary, into: DocumentReading): void {
    const { segments } = block;
    // The lines the matcher may look at: from the first line's start to the last one's end, and
    // the line break after it (segments end where their lines do).
    const base = block.lineStart;
    const span = Math.min(segments[segments.length - 1].end + 1, text.length) - base;
    // Where these lines were in the old text, if they are unchanged (old positions only grow).
    const oldBase = base + span <= this.prefix ? base : base >= text.length - this.suffix ? base - this.delta : -1;
    let known: MemoEntry | undefined;
    if (oldBase >= 0) {
      while (this.cursor < this.entries.length && this.entries[this.cursor].base < oldBase) this.cursor++;
      const e = this.entries[this.cursor];
      if (e && e.base === oldBase && e.span === span && sameLayout(e.layout, segments, base)) {
        known = e;
        this.cursor++; // `move` may change its base: never look at it again
      }
    }
    if (known) {
      this.reuse(known, base, into);
      return;
    }
    this.flush(into);
    const { words } = into;
    const wordBase = words.count;
    const proseBase = this.proseCount;
    const inline = scanInline(text, block, ctx);
    scanWords(text, inline.prose, glossary.words, words);
    const part: BlockPart = { links: inline.links, comments: inline.comments, matches: matchTerms(text, words, glossary, { from: wordBase, to: words.count }) };
    this.addProse(into.scan.prose, inline.prose, 0, inline.prose.length, 0);
    addPart(into, part);
    const layout = new Int32Array(segments.length * 2);
    segments.forEach((seg, k) => {
      layout[2 * k] = seg.start - base;
      layout[2 * k + 1] = seg.end - base;
    });
    this.next.push({ part, base, wordBase, wordCount: words.count - wordBase, proseBase, proseCount: inline.prose.length, span, layout });
  }

  /** Takes a block from the last reading, moved to `base`; its words and prose join the current run. */
  private reuse(entry: MemoEntry, base: number, into: DocumentReading): void {
    const shift = base - entry.base;
    let run = this.run;
    if (run && (run.wordTo !== entry.wordBase || run.proseTo !== entry.proseBase || run.shift !== shift)) {
      this.flush(into);
      run = undefined;
    }
    // Where the block's words and prose go in this reading: after what is written and what the run holds.
    const wordBase = into.words.count + (run ? run.wordTo - run.wordFrom : 0);
    const proseBase = this.proseCount + (run ? run.proseTo - run.proseFrom : 0);
    if (run) {
      run.wordTo += entry.wordCount;
      run.proseTo += entry.proseCount;
    } else {
      this.run = { wordFrom: entry.wordBase, wordTo: entry.wordBase + entry.wordCount, proseFrom: entry.proseBase, proseTo: entry.proseBase + entry.proseCount, shift };
    }
    if (shift !== 0 || entry.wordBase !== wordBase) move(entry, base, wordBase);
    entry.proseBase = proseBase;
    addPart(into, entry.part);
    this.next.push(entry);
  }

  /** Copies the run's words and prose ranges from the last reading, moved by its shift. */
  private flush(into: DocumentReading): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    const { words } = into;
    const from = this.words!;
    const at = words.count;
    const n = run.wordTo - run.wordFrom;
    reserveWords(words, at + n);
    words.starts.set(from.starts.subarray(run.wordFrom, run.wordTo), at);
    words.ends.set(from.ends.subarray(run.wordFrom, run.wordTo), at);
    words.ids.set(from.ids.subarray(run.wordFrom, run.wordTo), at);
    words.count = at + n;
    const { shift } = run;
    if (shift !== 0) {
      for (let k = at; k < at + n; k++) {
        words.starts[k] += shift;
        words.ends[k] += shift;
      }
    }
    this.addProse(into.scan.prose, this.prose, run.proseFrom, run.proseTo, shift);
  }

  /** Writes `from[start..end)`, moved by `shift`, after the prose ranges written so far. */
  private addProse(prose: number[], from: number[], start: number, end: number, shift: number): void {
    let n = this.proseCount;
    for (let k = start; k < end; k++) prose[n++] = from[k] + shift;
    this.proseCount = n;
  }
}

function addPart(into: DocumentReading, part: BlockPart): void {
  append(into.scan.links, part.links);
  append(into.scan.comments, part.comments);
  append(into.matches, part.matches);
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

/**
 * Moves the entry to `base` and renumbers its words from `wordBase`, in place: the last reading,
 * which handed these matches, links and comments out, is over.
 */
function move(entry: MemoEntry, base: number, wordBase: number): void {
  const d = base - entry.base;
  const w = wordBase - entry.wordBase;
  const { part } = entry;
  for (const m of part.matches) {
    m.start += d;
    m.end += d;
    m.firstToken += w;
    m.lastToken += w;
  }
  for (const l of part.links) {
    l.textStart += d;
    l.textEnd += d;
  }
  for (const c of part.comments) {
    c.start += d;
    c.end += d;
  }
  entry.base = base;
  entry.wordBase = wordBase;
}
