// The remark oracle of test/helpers/remark-oracle.ts, with one repair for generated documents.
//
// remark-gfm finds some literal URLs and e-mail addresses after parsing (mdast-util-gfm-autolink-literal's
// find-and-replace: a URL inside an unclosed `[`, after punctuation micromark does not accept...).
// It then splits the text node and the pieces have no `position`, so the shared oracle silently drops
// the words around such a URL (it only reads positioned text nodes). Hand-written fixtures rarely hit
// this; generated documents hit it all the time. Here the pieces are found again in the source, in
// order, between their positioned neighbours; when a piece's text is not the source verbatim (an
// entity, an escape, a container prefix inside it), the stretch is reported as `unknown` and the
// words in it are compared on neither side.

import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { wordsIn } from '../helpers/remark-oracle';

interface Node {
  type: string;
  value?: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export interface OracleProse {
  ranges: [number, number][];
  /** Stretches whose prose the oracle cannot place. */
  unknown: [number, number][];
}

export function oracleProse(text: string): OracleProse {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const src = bom ? text.slice(1) : text;
  const tree = processor.parse(src) as Node;
  const ranges: [number, number][] = [];
  const unknown: [number, number][] = [];
  const start = (n: Node): number => n.position!.start.offset!;
  const end = (n: Node): number => n.position!.end.offset!;

  const walk = (node: Node): void => {
    if (node.type === 'text' && node.position) {
      ranges.push([start(node), end(node)]);
      return;
    }
    if (node.type === 'link' && node.position && src[start(node)] !== '[') return;
    const kids = node.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      if (kids[i].position) {
        walk(kids[i]);
        continue;
      }
      // A run of pieces without positions, between positioned neighbours (or the parent's ends).
      let j = i;
      while (j < kids.length && !kids[j].position) j++;
      const lo = i > 0 ? end(kids[i - 1]) : node.position ? start(node) : 0;
      const hi = j < kids.length ? start(kids[j]) : node.position ? end(node) : src.length;
      placeRun(src, kids.slice(i, j), lo, hi, ranges, unknown);
      i = j - 1;
    }
  };
  walk(tree);
  const shift = (r: [number, number]): [number, number] => [r[0] + bom, r[1] + bom];
  return { ranges: ranges.map(shift), unknown: unknown.map(shift) };
}

const WORDY = /[\p{L}\p{N}]/u;

function placeRun(src: string, run: Node[], lo: number, hi: number, ranges: [number, number][], unknown: [number, number][]): void {
  let cursor = lo;
  let firstAt = -1;
  const found: [number, number][] = [];
  for (const piece of run) {
    const isLink = piece.type === 'link';
    const value = isLink ? (piece.children ?? []).map((c) => c.value ?? '').join('') : piece.value;
    if ((piece.type !== 'text' && !isLink) || value === undefined) {
      unknown.push([lo, hi]);
      return;
    }
    if (value === '') continue;
    const at = src.indexOf(value, cursor);
    if (at < 0 || at + value.length > hi) {
      unknown.push([lo, hi]);
      return;
    }
    // The pieces of one split text node follow each other; a gap means a piece is not verbatim.
    if (cursor > lo && at !== cursor) {
      unknown.push([lo, hi]);
      return;
    }
    if (firstAt < 0) firstAt = at;
    if (!isLink) found.push([at, at + value.length]);
    cursor = at + value.length;
  }
  // Nothing wordy may be left over at either end (`" &` is not the source `" &amp;`).
  if (WORDY.test(src.slice(cursor, hi)) || WORDY.test(src.slice(lo, firstAt < 0 ? cursor : firstAt))) {
    unknown.push([lo, hi]);
    return;
  }
  ranges.push(...found);
}

/** Prose words per the oracle and per `scannerRanges`, leaving out the oracle's unknown stretches. */
export function compareWords(text: string, scannerRanges: number[]): { oracle: string[]; scanner: string[] } {
  const { ranges, unknown } = oracleProse(text);
  const known = (w: string): boolean => {
    const [at, word] = [Number(w.slice(0, w.indexOf(':'))), w.slice(w.indexOf(':') + 1)];
    return !unknown.some(([a, b]) => at < b && at + word.length > a);
  };
  return { oracle: wordsIn(text, ranges).filter(known), scanner: wordsIn(text, scannerRanges).filter(known) };
}
