// Block structure of a Markdown document, found line by line the way CommonMark does it (a stack of
// open containers: block quotes and list items), but keeping only what the linter needs: where the
// inline content of paragraphs and headings lies. Code, HTML blocks, front matter and link reference
// definitions are skipped here; everything inline is left to `inline.ts`.
//
// Why hand-written: remark-parse builds a full syntax tree at ~0.5 MB/s; the linter needs only prose
// ranges, and this scanner runs at tokeniser speed. `test/prose-scanner.test.ts` checks that the two
// agree on which words are prose.

export interface Segment {
  /** Source offsets of one line's inline content (container prefixes removed). */
  start: number;
  end: number;
}

export interface InlineBlock {
  /** The lines of one paragraph or heading, in order. */
  segments: Segment[];
  /** Where the block's first line starts, container prefixes (`> `, `- `) included. */
  lineStart: number;
}

export interface Comment {
  start: number;
  end: number;
  /** Text between `<!--` and `-->`, trimmed. */
  body: string;
}

export interface FrontMatter {
  start: number;
  end: number;
  /** Top-level `key: value` pairs of YAML (or `key = "value"` of TOML), keys lower-cased. */
  fields: Record<string, string>;
}

export interface BlockScan {
  blocks: InlineBlock[];
  comments: Comment[];
  frontMatter?: FrontMatter;
  /** Normalised labels of link reference definitions (`[label]: url`). */
  definitions: Set<string>;
  /** Normalised labels of footnote definitions (`[^label]: text`). */
  footnotes: Set<string>;
  /** Where a later scan of an edited text may take over from this one. */
  trail: Trail;
}

/**
 * The line starts where no container and no paragraph, code or HTML block was open (what follows
 * them is scanned the same whatever came before), with how much of each result came before them.
 */
export interface Trail {
  points: CleanPoint[];
  /** In document order, repeats kept: the sets are made from them. */
  definitionLabels: string[];
  footnoteLabels: string[];
}

interface CleanPoint {
  pos: number;
  /** How many blocks, comments, definition and footnote labels came before `pos`. */
  blocks: number;
  comments: number;
  definitions: number;
  footnotes: number;
}

/**
 * The scan of the text before an edit: the new text's first `prefix` and last `suffix` characters
 * are its. The new scan takes its blocks, comments and clean points over and moves them: it is not
 * valid afterwards.
 */
export interface PreviousScan {
  text: string;
  scan: BlockScan;
  prefix: number;
  suffix: number;
}

interface Container {
  kind: 'quote' | 'item';
  /** For list items: the column where the item's content starts. */
  indent: number;
}

type Leaf =
  | typeof NO_LEAF
  | typeof INDENTED
  | { kind: 'paragraph'; block: InlineBlock }
  | { kind: 'fence'; char: number; length: number; indent: number }
  | { kind: 'html'; end: RegExp | null };

/** The leaves that hold nothing, shared: a scan closes a leaf at nearly every line. */
const NO_LEAF = { kind: 'none' } as const;
const INDENTED = { kind: 'indented' } as const;

const BACKTICK = 0x60;
/** The characters a fence, HTML block, heading, thematic break or definition can start with. */
const STARTS_BLOCK = new Uint8Array(128);
for (const c of '`~<#*-_[') STARTS_BLOCK[c.charCodeAt(0)] = 1;
const TILDE = 0x7e;
const SPACE = 0x20;
const TAB = 0x09;

const HTML_BLOCK_TAGS = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir ' +
    'div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html ' +
    'iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary ' +
    'table tbody td tfoot th thead title tr track ul'
  ).split(' '),
);

export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A cursor over one line: offset in the source and the visual column (tabs stop every 4). The scan
 * moves a few of them from line to line (`reset`, `copy`) rather than making new ones per line.
 */
class LineCursor {
  constructor(
    public text: string,
    public pos: number,
    public end: number,
    public col = 0,
  ) {}

  reset(text: string, pos: number, end: number): this {
    this.text = text;
    this.pos = pos;
    this.end = end;
    this.col = 0;
    return this;
  }

  /** Puts this cursor where `other` is. */
  copy(other: LineCursor): this {
    this.text = other.text;
    this.pos = other.pos;
    this.end = other.end;
    this.col = other.col;
    return this;
  }

  /** Columns of white space ahead of the cursor, without moving. */
  indent(): number {
    let col = this.col;
    for (let p = this.pos; p < this.end; p++) {
      const c = this.text.charCodeAt(p);
      if (c === SPACE) col++;
      else if (c === TAB) col += 4 - (col % 4);
      else break;
    }
    return col - this.col;
  }

  /**
   * Moves over up to `columns` columns of white space. A tab wider than what is left is consumed in
   * part, as CommonMark says: the cursor stays on it and its other columns count as indentation of
   * what follows (`- a⏎⏎⇥  code` is code in the item: the tab gives the item's 2 columns and 2 more).
   * Found by the property tests: the whole tab was consumed, so such lines lost their indentation.
   */
  skipIndent(columns: number): void {
    const target = this.col + columns;
    while (this.pos < this.end && this.col < target) {
      const c = this.text.charCodeAt(this.pos);
      if (c === SPACE) this.col++;
      else if (c === TAB) {
        const next = this.col + 4 - (this.col % 4);
        if (next > target) {
          this.col = target;
          break;
        }
        this.col = next;
      } else break;
      this.pos++;
    }
  }

  peek(ahead = 0): number {
    const p = this.pos + ahead;
    return p < this.end ? this.text.charCodeAt(p) : -1;
  }

  isBlank(): boolean {
    for (let p = this.pos; p < this.end; p++) {
      const c = this.text.charCodeAt(p);
      if (c !== SPACE && c !== TAB) return false;
    }
    return true;
  }

  rest(): string {
    return this.text.slice(this.pos, this.end);
  }
}

/** Scratch cursors of `listMarker` and `interruptsParagraph` (a scan runs to its end without yielding). */
const markerProbe = new LineCursor('', 0, 0);
const interruptProbe = new LineCursor('', 0, 0);

/** Front matter as remark-frontmatter sees it: `---`/`+++` on the very first line, closed by the same. */
function scanFrontMatter(text: string, from: number): FrontMatter | undefined {
  const fence = text.startsWith('---', from) ? '---' : text.startsWith('+++', from) ? '+++' : null;
  if (!fence) return undefined;
  const firstEnd = lineEnd(text, from);
  if (text.slice(from + 3, firstEnd).trim() !== '') return undefined;
  let p = nextLine(text, firstEnd);
  const fields: Record<string, string> = {};
  while (p < text.length) {
    const e = lineEnd(text, p);
    const line = text.slice(p, e);
    if (line.trimEnd() === fence) return { start: from, end: e, fields };
    const m = /^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$/.exec(line);
    if (m) fields[m[1].toLowerCase()] = m[2].trim().replace(/^(["'])(.*)\1$/, '$2');
    p = nextLine(text, e);
  }
  return undefined;
}

/** `\n`, `\r` or `\r\n` end a line. A one-character pattern: `test` leaves `lastIndex` just after it. */
const LINE_BREAK = /[\n\r]/g;

/** Where the line that starts at `from` ends (its line break, or the end of the text). */
function lineEnd(text: string, from: number): number {
  // The regular expression engine finds the break far faster than a loop over the characters.
  LINE_BREAK.lastIndex = from;
  return LINE_BREAK.test(text) ? LINE_BREAK.lastIndex - 1 : text.length;
}

function nextLine(text: string, end: number): number {
  if (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a) return end + 2;
  return end + 1;
}

const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const LINK_DEFINITION =
  /^\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(?:<[^<>\n]*>|[^\s<][^\s]*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*$/;
const FOOTNOTE_DEFINITION = /^\[\^([^\]\s]+)\]:/;

/** HTML block start (CommonMark types 1-7): returns the end condition, `null` for "ends at a blank line". */
function htmlBlockStart(rest: string, inParagraph: boolean): { end: RegExp | null } | undefined {
  if (rest.charCodeAt(0) !== 0x3c) return undefined;
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(rest)) return { end: /<\/(?:script|pre|style|textarea)>/i };
  if (rest.startsWith('<!--')) return { end: /-->/ };
  if (rest.startsWith('<?')) return { end: /\?>/ };
  if (rest.startsWith('<![CDATA[')) return { end: /\]\]>/ };
  if (/^<![A-Za-z]/.test(rest)) return { end: />/ };
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:[\s>]|\/>|$)/.exec(rest);
  if (tag && HTML_BLOCK_TAGS.has(tag[1].toLowerCase())) return { end: null };
  if (
    !inParagraph &&
    /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/.test(
      rest,
    )
  ) {
    return { end: null };
  }
  return undefined;
}

interface ListMarker {
  /** Width of the marker itself (`-` is 1, `10.` is 3). */
  width: number;
  empty: boolean;
  ordered: boolean;
  start: number;
}

function listMarker(cur: LineCursor): ListMarker | undefined {
  const c = cur.peek();
  if (c === 0x2d || c === 0x2b || c === 0x2a) {
    const after = cur.peek(1);
    if (after !== -1 && after !== SPACE && after !== TAB) return undefined;
    const probe = markerProbe.copy(cur);
    probe.pos += 1;
    probe.col += 1;
    return { width: 1, empty: probe.isBlank(), ordered: false, start: 0 };
  }
  const m = /^(\d{1,9})[.)]/.exec(cur.text.slice(cur.pos, Math.min(cur.end, cur.pos + 11)));
  if (!m) return undefined;
  const after = cur.peek(m[0].length);
  if (after !== -1 && after !== SPACE && after !== TAB) return undefined;
  const probe = markerProbe.copy(cur);
  probe.pos += m[0].length;
  return { width: m[0].length, empty: probe.isBlank(), ordered: true, start: Number(m[1]) };
}

/**
 * Would this line start a block that interrupts a paragraph? Used for lazy continuation lines.
 * `inList`: the paragraph is in a list item, so any list marker starts a sibling item rather than
 * a new list (CommonMark's "must start with 1" rule is for a list's first item only).
 */
function interruptsParagraph(cur: LineCursor, inList: boolean): boolean {
  if (cur.indent() >= 4) return false;
  const probe = interruptProbe.copy(cur);
  probe.skipIndent(3);
  const rest = probe.rest();
  if (rest.startsWith('>') || ATX_HEADING.test(rest) || THEMATIC_BREAK.test(rest.trimEnd())) return true;
  if (/^(?:`{3,}(?!.*`)|~{3,})/.test(rest)) return true;
  if (htmlBlockStart(rest, true) || FOOTNOTE_DEFINITION.test(rest)) return true;
  const marker = listMarker(probe);
  return !!marker && (inList || (!marker.empty && (!marker.ordered || marker.start === 1)));
}

/**
 * The blocks of `text`. Given the scan of the text before an edit, it scans from the last clean line
 * start before the edit and stops at the first clean line start after it that was also one before:
 * from there on the old scan holds, moved by the edit's change in length. `keepTrail: false` (a
 * text read once) leaves the trail of clean line starts empty: no later scan will resume from it.
 */
export function scanBlocks(text: string, previous?: PreviousScan, keepTrail = true): BlockScan {
  const trail: Trail = { points: [], definitionLabels: [], footnoteLabels: [] };
  const result: BlockScan = { blocks: [], comments: [], definitions: new Set(), footnotes: new Set(), trail };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const frontMatter = scanFrontMatter(text, pos);
  if (frontMatter) {
    result.frontMatter = frontMatter;
    pos = nextLine(text, frontMatter.end);
  }
  const resume = previous ? resumePoint(previous, pos) : -1;
  if (resume >= 0) pos = takeBefore(previous!.scan, resume, result);

  const open: Container[] = [];
  const line = new LineCursor(text, 0, 0);
  /** For looking ahead on the line without moving `line`. */
  const ahead = new LineCursor(text, 0, 0);
  let leaf: Leaf = NO_LEAF;
  /** Start of the HTML comment an HTML block is in, so the block's comment can be recorded. */
  let htmlStart = -1;

  const closeLeaf = (): void => {
    leaf = NO_LEAF;
  };

  const delta = previous ? text.length - previous.text.length : 0;
  const unchangedFrom = previous ? text.length - previous.suffix : Infinity;
  let oldIndex = Math.max(resume, 0);

  while (pos <= text.length) {
    if (keepTrail && open.length === 0 && (leaf.kind === 'none' || leaf.kind === 'indented')) {
      record(trail, pos, result);
      if (resume >= 0 && pos >= unchangedFrom) {
        const old = previous!.scan.trail.points;
        while (oldIndex < old.length && old[oldIndex].pos < pos - delta) oldIndex++;
        if (old[oldIndex]?.pos === pos - delta) return finish(takeAfter(previous!.scan, oldIndex, delta, result));
      }
    }
    const end = lineEnd(text, pos);
    const cur = line.reset(text, pos, end);

    // 1. Which open containers does this line continue?
    let matched = 0;
    for (; matched < open.length; matched++) {
      const c = open[matched];
      if (c.kind === 'quote') {
        if (cur.indent() >= 4) break;
        const probe = ahead.copy(cur);
        probe.skipIndent(3);
        if (probe.peek() !== 0x3e) break;
        cur.pos = probe.pos + 1;
        cur.col = probe.col + 1;
        if (cur.peek() === SPACE || cur.peek() === TAB) cur.skipIndent(1);
      } else {
        if (cur.isBlank()) continue;
        if (cur.indent() < c.indent) break;
        cur.skipIndent(c.indent);
      }
    }
    const allMatched = matched === open.length;

    // 2. Inside fenced code or an HTML block, the line belongs to it while the containers hold.
    if (leaf.kind === 'fence') {
      if (allMatched) {
        const probe = ahead.copy(cur);
        if (probe.indent() < 4) {
          probe.skipIndent(3);
          const rest = probe.rest();
          const run = rest.length - rest.replace(/^[`~]+/, '').length;
          if (rest.charCodeAt(0) === leaf.char && run >= leaf.length && rest.slice(run).trim() === '') {
            closeLeaf();
          }
        }
        pos = nextLine(text, end);
        continue;
      }
      closeLeaf();
    } else if (leaf.kind === 'html') {
      if (allMatched) {
        const line = text.slice(cur.pos, end);
        if (leaf.end === null ? cur.isBlank() : leaf.end.test(line)) {
          recordBlockComment(result, text, htmlStart, end);
          closeLeaf();
        }
        pos = nextLine(text, end);
        continue;
      }
      recordBlockComment(result, text, htmlStart, pos);
      closeLeaf();
    }

    // 3. Lazy continuation: a paragraph goes on through a line that drops the containers' prefixes.
    if (!allMatched && leaf.kind === 'paragraph' && !cur.isBlank() &&
      !interruptsParagraph(cur, open.slice(matched).some((c) => c.kind === 'item'))) {
      const start = cur.pos + (cur.rest().length - cur.rest().trimStart().length);
      leaf.block.segments.push({ start, end });
      pos = nextLine(text, end);
      continue;
    }
    if (!allMatched) {
      open.length = matched;
      closeLeaf();
    }

    // 4. New containers opened on this line.
    let taskLine = false;
    for (;;) {
      if (cur.indent() >= 4) break;
      // Item widths are measured from where the enclosing containers' prefixes end.
      const baseCol = cur.col;
      const probe = ahead.copy(cur);
      probe.skipIndent(3);
      if (probe.peek() === 0x3e) {
        cur.pos = probe.pos + 1;
        cur.col = probe.col + 1;
        if (cur.peek() === SPACE || cur.peek() === TAB) cur.skipIndent(1);
        open.push({ kind: 'quote', indent: 0 });
        closeLeaf();
        continue;
      }
      const first = probe.peek();
      // Most lines start with a letter: no container to open, and no pattern to try.
      if (!(first === 0x2d || first === 0x2b || first === 0x2a || first === 0x5f || (first >= 0x30 && first <= 0x39))) break;
      if (THEMATIC_BREAK.test(probe.rest().trimEnd())) break;
      const marker = listMarker(probe);
      if (!marker) break;
      if (leaf.kind === 'paragraph' && (marker.empty || (marker.ordered && marker.start !== 1))) break;
      const markerCol = probe.col;
      probe.pos += marker.width;
      probe.col += marker.width;
      const spaces = probe.indent();
      let contentCol: number;
      if (marker.empty || spaces >= 5) {
        contentCol = markerCol + marker.width + 1;
        probe.skipIndent(1);
      } else {
        contentCol = markerCol + marker.width + spaces;
        probe.skipIndent(spaces);
      }
      // A GFM task list checkbox (`- [x] ...`) is not prose.
      const task = /^\[[ xX]\](?=[ \t]|$)/.exec(probe.rest());
      if (task) probe.pos += task[0].length;
      cur.pos = probe.pos;
      cur.col = probe.col;
      open.push({ kind: 'item', indent: contentCol - baseCol });
      closeLeaf();
      // After a task checkbox the rest of the line is paragraph text: `- [x] # a` holds no heading,
      // `- [ ] - a` no list, `- [ ] ``` ` no fence (GFM reads the checkbox from the paragraph).
      // Found by the property tests.
      if (task) {
        taskLine = true;
        break;
      }
    }

    // 5. The leaf block of this line.
    if (cur.isBlank()) {
      if (leaf.kind === 'paragraph') closeLeaf();
      pos = nextLine(text, end);
      continue;
    }
    if (taskLine) {
      const block: InlineBlock = { segments: [{ start: cur.pos, end }], lineStart: pos };
      result.blocks.push(block);
      leaf = { kind: 'paragraph', block };
      pos = nextLine(text, end);
      continue;
    }
    const indent = cur.indent();
    if (indent >= 4) {
      if (leaf.kind === 'paragraph') {
        const start = cur.pos + (cur.rest().length - cur.rest().trimStart().length);
        leaf.block.segments.push({ start, end });
      } else {
        leaf = INDENTED;
      }
      pos = nextLine(text, end);
      continue;
    }
    cur.skipIndent(3);
    // The block patterns below each start with one of a few characters: skip those that cannot
    // match, and on the lines that start otherwise (most) do not even take the line's text.
    const first = cur.peek();
    const rest = first >= 0 && first < 128 && STARTS_BLOCK[first] === 1 ? cur.rest() : '';

    const fence = first === BACKTICK || first === TILDE ? FENCE_OPEN.exec(rest) : null;
    if (fence && !(fence[1].charCodeAt(0) === BACKTICK && fence[2].includes('`'))) {
      leaf = { kind: 'fence', char: fence[1].charCodeAt(0), length: fence[1].length, indent };
      pos = nextLine(text, end);
      continue;
    }
    const html = htmlBlockStart(rest, leaf.kind === 'paragraph');
    if (html) {
      htmlStart = cur.pos;
      if (html.end !== null && html.end.test(rest.slice(2))) {
        recordBlockComment(result, text, htmlStart, end);
        closeLeaf();
      } else {
        leaf = { kind: 'html', end: html.end };
      }
      pos = nextLine(text, end);
      continue;
    }
    if (first === 0x23 && ATX_HEADING.test(rest)) {
      const hashes = /^#+/.exec(rest)![0].length;
      result.blocks.push({ segments: [{ start: cur.pos + hashes, end }], lineStart: pos });
      closeLeaf();
      pos = nextLine(text, end);
      continue;
    }
    if ((first === 0x2a || first === 0x2d || first === 0x5f) && THEMATIC_BREAK.test(rest.trimEnd())) {
      closeLeaf();
      pos = nextLine(text, end);
      continue;
    }
    // A footnote definition is a container in GFM: it also interrupts a paragraph, so footnotes
    // written one per line (`[^1]: a` / `[^2]: b`) are each a definition. It goes before link
    // reference definitions: `[^1]: Source.` would also read as one (label `^1`, destination
    // `Source.`). Both found by the property tests.
    const footnote = first === 0x5b ? FOOTNOTE_DEFINITION.exec(rest) : null;
    if (footnote) {
      trail.footnoteLabels.push(normaliseLabel(footnote[1]));
      // The label is not prose; the footnote's text after it is. Later lines indented under it
      // continue the paragraph like a list item's.
      const block: InlineBlock = { segments: [{ start: cur.pos + footnote[0].length, end }], lineStart: pos };
      open.push({ kind: 'item', indent: 4 });
      result.blocks.push(block);
      leaf = { kind: 'paragraph', block };
      pos = nextLine(text, end);
      continue;
    }
    if (leaf.kind !== 'paragraph') {
      const definition = first === 0x5b ? LINK_DEFINITION.exec(rest) : null;
      if (definition) {
        trail.definitionLabels.push(normaliseLabel(definition[1]));
        pos = nextLine(text, end);
        continue;
      }
      const block: InlineBlock = { segments: [{ start: cur.pos, end }], lineStart: pos };
      result.blocks.push(block);
      leaf = { kind: 'paragraph', block };
      pos = nextLine(text, end);
      continue;
    }
    leaf.block.segments.push({ start: cur.pos, end });
    pos = nextLine(text, end);
  }
  // An HTML block still open (e.g. an unclosed comment) runs to the end of the document.
  if (leaf.kind === 'html') recordBlockComment(result, text, htmlStart, text.length);
  return finish(result);
}

function finish(result: BlockScan): BlockScan {
  result.definitions = new Set(result.trail.definitionLabels);
  result.footnotes = new Set(result.trail.footnoteLabels);
  return result;
}

function record(trail: Trail, pos: number, result: BlockScan): void {
  trail.points.push({
    pos,
    blocks: result.blocks.length,
    comments: result.comments.length,
    definitions: trail.definitionLabels.length,
    footnotes: trail.footnoteLabels.length,
  });
}

/** The index of the old scan's last clean point at or before the edit, after the front matter; -1 for none. */
function resumePoint(previous: PreviousScan, bodyStart: number): number {
  const { points } = previous.scan.trail;
  // The front matter is scanned afresh each time; the old body must have started where this one does.
  if (points.length === 0 || points[0].pos !== bodyStart || previous.prefix < bodyStart) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid].pos <= previous.prefix) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The old scan's results before its clean point `index`; returns where to go on scanning. */
function takeBefore(old: BlockScan, index: number, result: BlockScan): number {
  const t = old.trail;
  const at = t.points[index];
  // `result` is empty so far: its lists start as the old ones' first parts.
  result.blocks = old.blocks.slice(0, at.blocks);
  result.comments = old.comments.slice(0, at.comments);
  result.trail.definitionLabels = t.definitionLabels.slice(0, at.definitions);
  result.trail.footnoteLabels = t.footnoteLabels.slice(0, at.footnotes);
  result.trail.points = t.points.slice(0, index);
  return at.pos;
}

/**
 * The old scan's results from its clean point `index` on, moved by `delta`, after `result`'s (which
 * ends there). They are moved where they are, not copied: an edit would otherwise make again every
 * block after it, and each of those objects lives on for as long as the reading does.
 */
function takeAfter(old: BlockScan, index: number, delta: number, result: BlockScan): BlockScan {
  const t = old.trail;
  const from = t.points[index];
  // `result` recorded this clean point already; its counts replace the old ones from here on.
  const here = result.trail.points[result.trail.points.length - 1];
  for (let k = from.blocks; k < old.blocks.length; k++) {
    const block = old.blocks[k];
    if (delta !== 0) {
      for (const g of block.segments) {
        g.start += delta;
        g.end += delta;
      }
      block.lineStart += delta;
    }
    result.blocks.push(block);
  }
  for (let k = from.comments; k < old.comments.length; k++) {
    const c = old.comments[k];
    c.start += delta;
    c.end += delta;
    result.comments.push(c);
  }
  for (let k = from.definitions; k < t.definitionLabels.length; k++) result.trail.definitionLabels.push(t.definitionLabels[k]);
  for (let k = from.footnotes; k < t.footnoteLabels.length; k++) result.trail.footnoteLabels.push(t.footnoteLabels[k]);
  const blocks = here.blocks - from.blocks;
  const comments = here.comments - from.comments;
  const definitions = here.definitions - from.definitions;
  const footnotes = here.footnotes - from.footnotes;
  for (let k = index + 1; k < t.points.length; k++) {
    const p = t.points[k];
    p.pos += delta;
    p.blocks += blocks;
    p.comments += comments;
    p.definitions += definitions;
    p.footnotes += footnotes;
    result.trail.points.push(p);
  }
  return result;
}

function recordBlockComment(result: BlockScan, text: string, start: number, end: number): void {
  const chunk = text.slice(start, end);
  const re = /<!--([\s\S]*?)(?:-->|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(chunk))) {
    result.comments.push({ start: start + m.index, end: start + m.index + m[0].length, body: m[1].trim() });
    if (m[0].length === 0) break;
  }
}
