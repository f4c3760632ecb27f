// Inline content of one paragraph or heading: removes what is not prose (code spans, inline HTML and
// comments, autolinks, bare URLs and e-mail addresses, link destinations and titles, images) and
// records links (for references into the glossary) and comments (for inline control).
//
// A block's lines are joined with "\n" into one string so that code spans and tags may cross line
// breaks, as in CommonMark; offsets are mapped back to the source at the end.

import { type Comment, type InlineBlock, normaliseLabel } from './blocks';

export interface InlineLink {
  /** Source offsets of the link text (between the brackets). */
  textStart: number;
  textEnd: number;
  destination: string;
}

export interface InlineContext {
  definitions: Set<string>;
  footnotes: Set<string>;
}

export interface InlineScan {
  /** Flat list of prose ranges in source offsets: [start0, end0, start1, end1, ...], ascending. */
  prose: number[];
  links: InlineLink[];
  comments: Comment[];
}

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const LT = 0x3c;
const BANG = 0x21;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;

const AUTOLINK = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/;
const EMAIL_AUTOLINK =
  /^<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/;
const OPEN_TAG =
  /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/;
const CLOSE_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*\s*>/;
const COMMENT = /^<!--(?:-?>|[\s\S]*?-->)/;
const PROCESSING = /^(?:<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>)/;
// GFM autolink literals: scheme or www. URLs, and e-mail addresses.
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*/i;
const BARE_EMAIL = /^[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/;

/**
 * Where the loop below has something to do: an escape, code, HTML or an autolink, an image, a link,
 * or the start of a bare URL. Everywhere else it would only step on, so it jumps from one of these
 * to the next: the regular expression engine finds them far faster than a loop over every character.
 */
const NEXT_STARTER = /[\\`<!\[]|https?:\/\/|www\./gi;

/** Shared by the blocks that have none (most): never written to. */
const NO_LINKS: InlineLink[] = [];
const NO_COMMENTS: Comment[] = [];
const ONE_SEGMENT = [0];

export function scanInline(text: string, block: InlineBlock, ctx: InlineContext): InlineScan {
  // Join the block's lines; `starts[i]` is where segment i begins in `s`. Most blocks are one line
  // (headings, table rows, short paragraphs): no arrays to fill and nothing to join.
  const { segments } = block;
  let s: string;
  let starts: number[];
  if (segments.length === 1) {
    s = text.slice(segments[0].start, segments[0].end);
    starts = ONE_SEGMENT;
  } else {
    const parts = new Array<string>(segments.length);
    starts = new Array<number>(segments.length);
    let length = 0;
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k];
      starts[k] = length;
      parts[k] = text.slice(seg.start, seg.end);
      length += seg.end - seg.start + 1;
    }
    s = parts.join('\n');
  }
  const skipped: number[] = []; // [start, end) pairs in `s`, possibly unordered
  let links = NO_LINKS;
  let comments = NO_COMMENTS;
  let linkTextEnd = -1; // inside link text, bare URLs are not autolinked (GFM)
  let linkEnd = -1;

  const n = s.length;
  let i = 0;
  while (i < n) {
    NEXT_STARTER.lastIndex = i;
    const next = NEXT_STARTER.exec(s);
    const at = next ? next.index : n;
    // At the end of a link's text, go on after the link: its destination or reference label is no
    // prose and must not be read as text (`[a](https://x.example)s` is not one URL running into `s`;
    // in `[a][][b][]` the `[]` is not the start of another link). Found by the property tests.
    if (at >= linkTextEnd && i < linkEnd) {
      i = linkEnd;
      continue;
    }
    i = at;
    if (i >= n) break;
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === BACKTICK) {
      let run = 1;
      while (s.charCodeAt(i + run) === BACKTICK) run++;
      const close = findClosingBackticks(s, i + run, run);
      if (close >= 0) {
        skipped.push(i, close + run);
        i = close + run;
      } else {
        i += run;
      }
      continue;
    }
    if (c === LT) {
      const rest = s.slice(i, i + 2048);
      const m = COMMENT.exec(rest) ?? AUTOLINK.exec(rest) ?? EMAIL_AUTOLINK.exec(rest) ?? OPEN_TAG.exec(rest) ??
        CLOSE_TAG.exec(rest) ?? PROCESSING.exec(rest);
      if (m) {
        skipped.push(i, i + m[0].length);
        if (m[0].startsWith('<!--')) {
          if (comments === NO_COMMENTS) comments = [];
          comments.push({
            start: sourceOffset(block, starts, i),
            end: sourceOffset(block, starts, i + m[0].length),
            body: m[0].slice(4, -3).trim(),
          });
        }
        i += m[0].length;
        continue;
      }
      i++;
      continue;
    }
    if (c === BANG && s.charCodeAt(i + 1) === OPEN_BRACKET) {
      const link = parseLinkAt(s, i + 1, ctx);
      if (link) {
        // Image alt text is an attribute, not prose.
        skipped.push(i, link.end);
        i = link.end;
        continue;
      }
      i++;
      continue;
    }
    if (c === OPEN_BRACKET) {
      if (s.charCodeAt(i + 1) === 0x5e) {
        const footnote = /^\[\^([^\]\s]+)\]/.exec(s.slice(i, i + 256));
        if (footnote && ctx.footnotes.has(normaliseLabel(footnote[1]))) {
          skipped.push(i, i + footnote[0].length);
          i += footnote[0].length;
          continue;
        }
      }
      const link = parseLinkAt(s, i, ctx);
      if (link) {
        // The text stays prose and is scanned on; what follows the closing bracket is not prose.
        skipped.push(link.textEnd, link.end);
        if (link.destination !== undefined) {
          if (links === NO_LINKS) links = [];
          links.push({ textStart: sourceOffset(block, starts, i + 1), textEnd: sourceOffset(block, starts, link.textEnd), destination: link.destination });
        }
        linkTextEnd = link.textEnd;
        linkEnd = link.end;
        i++;
        continue;
      }
      i++;
      continue;
    }
    if (i >= linkTextEnd && isUrlBoundary(s, i)) {
      const url = bareUrlLength(s, i);
      if (url > 0) {
        skipped.push(i, i + url);
        i += url;
        continue;
      }
    }
    i++;
  }

  skipEmails(s, skipped);
  return { prose: subtract(block, starts, skipped), links, comments };
}

/** Finds a backtick run of exactly `run` characters at or after `from`; -1 when there is none. */
function findClosingBackticks(s: string, from: number, run: number): number {
  let i = s.indexOf('`', from);
  while (i >= 0) {
    let len = 1;
    while (s.charCodeAt(i + len) === BACKTICK) len++;
    if (len === run) return i;
    i = s.indexOf('`', i + len);
  }
  return -1;
}

interface ParsedLink {
  /** Offset of the closing bracket of the text. */
  textEnd: number;
  /** Offset after the whole link. */
  end: number;
  /** Inline links only. */
  destination?: string;
}

/** `[text](dest "title")`, `[text][ref]`, `[text][]` or `[ref]` with a known definition. */
function parseLinkAt(s: string, open: number, ctx: InlineContext): ParsedLink | undefined {
  const close = matchingBracket(s, open);
  if (close < 0) return undefined;
  const next = s.charCodeAt(close + 1);
  if (next === OPEN_PAREN) {
    const tail = parseDestination(s, close + 2);
    if (tail) return { textEnd: close, end: tail.end, destination: tail.destination };
  }
  if (next === OPEN_BRACKET) {
    const refClose = s.indexOf(']', close + 2);
    if (refClose >= 0) {
      const label = s.slice(close + 2, refClose);
      const key = normaliseLabel(label === '' ? s.slice(open + 1, close) : label);
      if (ctx.definitions.has(key) && !label.includes('[')) return { textEnd: close, end: refClose + 1 };
    }
  }
  if (ctx.definitions.has(normaliseLabel(s.slice(open + 1, close)))) return { textEnd: close, end: close + 1 };
  return undefined;
}

function matchingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
    } else if (c === BACKTICK) {
      // Brackets inside a code span do not count.
      let run = 1;
      while (s.charCodeAt(i + run) === BACKTICK) run++;
      const close = findClosingBackticks(s, i + run, run);
      i = close >= 0 ? close + run - 1 : i + run - 1;
    } else if (c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** After `](`: destination, optional title, `)`. */
function parseDestination(s: string, from: number): { end: number; destination: string } | undefined {
  let i = skipSpace(s, from);
  let destination: string;
  if (s.charCodeAt(i) === LT) {
    const close = s.indexOf('>', i);
    if (close < 0 || s.slice(i, close).includes('\n')) return undefined;
    destination = s.slice(i + 1, close);
    i = close + 1;
  } else {
    const start = i;
    let depth = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) {
        i++;
        continue;
      }
      if (c <= 0x20) break;
      if (c === OPEN_PAREN) depth++;
      if (c === 0x29) {
        if (depth === 0) break;
        depth--;
      }
    }
    destination = s.slice(start, i);
  }
  i = skipSpace(s, i);
  const q = s.charCodeAt(i);
  if (q === 0x22 || q === 0x27 || q === OPEN_PAREN) {
    const closer = q === OPEN_PAREN ? ')' : String.fromCharCode(q);
    const close = s.indexOf(closer, i + 1);
    if (close < 0) return undefined;
    i = skipSpace(s, close + 1);
  }
  if (s.charCodeAt(i) !== 0x29) return undefined;
  return { end: i + 1, destination };
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09 || s.charCodeAt(i) === 0x0a)) i++;
  return i;
}

/**
 * Where remark-gfm finds an autolink literal. `http(s)://` may follow anything but an ASCII letter
 * (micromark's rule: `"https://…"`, `:https://…`, `)https://…` are links). `www.` needs white space
 * or punctuation/symbol before it (micromark's `( * _ [ ] ~`, plus what mdast-util-gfm-autolink-literal
 * finds afterwards: any Unicode punctuation or symbol, e.g. `"www.…"`, `` `code`www.… ``).
 * (Found by the property tests: the old rule, white space or `* _ ~ (` only, kept such URLs as prose.)
 */
function isUrlBoundary(s: string, i: number): boolean {
  const c = s.charCodeAt(i) | 0x20;
  if (c !== 0x68 && c !== 0x77) return false; // h or w
  if (i === 0) return true;
  const p = s.charCodeAt(i - 1);
  if (c === 0x68) return !((p >= 0x41 && p <= 0x5a) || (p >= 0x61 && p <= 0x7a));
  if (p === 0x20 || p === 0x09 || p === 0x0a) return true;
  if (p < 0x80) return (p >= 0x21 && p <= 0x2f) || (p >= 0x3a && p <= 0x40) || (p >= 0x5b && p <= 0x60) || (p >= 0x7b && p <= 0x7e);
  return PUNCTUATION_OR_SPACE.test(s[i - 1]); // one code unit, as remark tests it: never an astral symbol
}

const PUNCTUATION_OR_SPACE = /^(?:\p{P}|\p{S}|\s)$/u;

function bareUrlLength(s: string, i: number): number {
  const url = BARE_URL.exec(s.slice(i, i + 4096));
  return url ? trimUrl(url[0]) : 0;
}

function isEmailChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e ||
    c === 0x2b || c === 0x5f || c === 0x2d;
}

/** Bare e-mail addresses, found from their `@` (cheaper than trying every word start). */
function skipEmails(s: string, skipped: number[]): void {
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isEmailChar(s.charCodeAt(start - 1))) start--;
    if (start === at || s.charCodeAt(start - 1) === 0x2f) continue;
    const domain = BARE_EMAIL.exec(s.slice(start, at + 256));
    if (!domain) continue;
    let value = domain[0];
    while (/[.\-_]$/.test(value)) value = value.slice(0, -1);
    if (value.indexOf('.', at - start) < 0) continue;
    skipped.push(start, start + value.length);
  }
}

/** GFM's trailing punctuation rules: drop `?!.,:*_~'"` and unbalanced `)` from the end, and `&x;`. */
function trimUrl(url: string): number {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (end > 0 && '?!.,:*_~\'"'.includes(last)) {
      end--;
      continue;
    }
    if (last === ')') {
      const body = url.slice(0, end);
      const opens = body.split('(').length - 1;
      const closes = body.split(')').length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    if (last === ';') {
      const entity = /&[A-Za-z0-9]+;$/.exec(url.slice(0, end));
      if (entity) {
        end -= entity[0].length;
        continue;
      }
    }
    break;
  }
  const domainEnd = url.slice(0, end).search(/[/?#]|$/);
  // A www. or scheme URL needs at least one character of domain.
  if (/^(?:https?:\/\/|www\.)$/i.test(url.slice(0, domainEnd))) return 0;
  return end;
}

/** Where offset `v` of the joined lines lies in the source. */
function sourceOffset(block: InlineBlock, starts: number[], v: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  const seg = block.segments[lo];
  return Math.min(seg.start + (v - starts[lo]), seg.end);
}

/** Prose = each segment minus the skipped intervals, in source offsets. */
function subtract(block: InlineBlock, starts: number[], skipped: number[]): number[] {
  const { segments } = block;
  // Most blocks skip nothing: their prose is their lines.
  if (skipped.length === 0) {
    if (segments.length === 1) return segments[0].end > segments[0].start ? [segments[0].start, segments[0].end] : [];
    const prose: number[] = [];
    for (let k = 0; k < segments.length; k++) emit(prose, segments[k].start, segments[k].end);
    return prose;
  }
  const intervals = inOrder(skipped);
  const prose: number[] = [];
  let k = 0;
  for (let segIndex = 0; segIndex < segments.length; segIndex++) {
    const seg = segments[segIndex];
    const vStart = starts[segIndex];
    const vEnd = vStart + (seg.end - seg.start);
    let cursor = vStart;
    while (k < intervals.length && intervals[k + 1] <= vStart) k += 2;
    let j = k;
    while (j < intervals.length && intervals[j] < vEnd) {
      const a = intervals[j];
      if (a > cursor) emit(prose, seg.start + (cursor - vStart), seg.start + (a - vStart));
      cursor = Math.max(cursor, intervals[j + 1]);
      j += 2;
    }
    if (cursor < vEnd) emit(prose, seg.start + (cursor - vStart), seg.end);
  }
  return prose;
}

/**
 * The [start, end) pairs sorted by start. The scan finds them in order except inside link text
 * (found after the link's tail) and for e-mail addresses (found last): only then are they sorted.
 */
function inOrder(pairs: number[]): number[] {
  let sorted = true;
  for (let k = 2; k < pairs.length && sorted; k += 2) sorted = pairs[k] >= pairs[k - 2];
  if (sorted) return pairs;
  const tuples: [number, number][] = [];
  for (let k = 0; k < pairs.length; k += 2) tuples.push([pairs[k], pairs[k + 1]]);
  tuples.sort((a, b) => a[0] - b[0]);
  return tuples.flat();
}

function emit(prose: number[], start: number, end: number): void {
  if (end > start) prose.push(start, end);
}
