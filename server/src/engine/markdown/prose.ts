// The one entry point for "where are the words to check": Markdown goes through the block and
// inline scanners; plain text is prose throughout.

import { type Comment, type FrontMatter, scanBlocks } from './blocks';
import { type InlineLink, scanInline } from './inline';

export type DocumentKind = 'markdown' | 'plaintext';

export interface ProseScan {
  /** Flat, ascending [start, end) pairs of prose in source offsets. */
  prose: number[];
  links: InlineLink[];
  /** HTML comments, in document order (inline control lives in them). */
  comments: Comment[];
  frontMatter?: FrontMatter;
}

/**
 * `onBlock` sees each block's prose ranges as they are found (plain text is one block), so a
 * caller can read the words block by block in the same pass.
 */
export function scanProse(text: string, kind: DocumentKind = 'markdown', onBlock?: (prose: number[]) => void): ProseScan {
  if (kind === 'plaintext') {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const prose = text.length > start ? [start, text.length] : [];
    onBlock?.(prose);
    return { prose, links: [], comments: [] };
  }
  const blocks = scanBlocks(text);
  const ctx = { definitions: blocks.definitions, footnotes: blocks.footnotes };
  const prose: number[] = [];
  const links: InlineLink[] = [];
  const comments = blocks.comments.slice();
  for (const block of blocks.blocks) {
    const inline = scanInline(text, block, ctx);
    onBlock?.(inline.prose);
    for (const v of inline.prose) prose.push(v);
    for (const l of inline.links) links.push(l);
    for (const c of inline.comments) comments.push(c);
  }
  comments.sort((a, b) => a.start - b.start);
  return { prose, links, comments, frontMatter: blocks.frontMatter };
}
