// The reference answer for "which words are prose": remark-parse + remark-gfm + remark-frontmatter.
// A word is prose when it lies wholly inside a `text` node, except the text of autolinks and GFM
// literal URLs/e-mails (links whose source does not start with `[`).

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

interface Node {
  type: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function remarkProseRanges(text: string): [number, number][] {
  // remark drops a leading byte-order mark and counts offsets after it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const tree = processor.parse(bom ? text.slice(1) : text) as Node;
  const ranges: [number, number][] = [];
  const walk = (node: Node): void => {
    if (node.type === 'text' && node.position) {
      ranges.push([node.position.start.offset! + bom, node.position.end.offset! + bom]);
      return;
    }
    if (node.type === 'link' && node.position && text[node.position.start.offset! + bom] !== '[') return;
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return ranges;
}

/** Words ([\p{L}\p{N}]+) as `offset:word`, those inside the given ranges. */
export function wordsIn(text: string, ranges: [number, number][] | number[]): string[] {
  const pairs: [number, number][] = [];
  if (ranges.length && typeof ranges[0] === 'number') {
    const flat = ranges as number[];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  } else {
    pairs.push(...(ranges as [number, number][]));
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    while (k < pairs.length && pairs[k][1] < end && pairs[k][1] <= start) k++;
    // Ranges may overlap or be unsorted slightly; check a small window.
    let inside = false;
    for (let j = k; j < pairs.length && pairs[j][0] <= start; j++) {
      if (pairs[j][0] <= start && end <= pairs[j][1]) {
        inside = true;
        break;
      }
    }
    if (inside) out.push(`${start}:${m[0]}`);
  }
  return out;
}
