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
  const blocks = scanBlocks(text, undefined, false);
  const ctx = { definitions: blocks.definitions, footnotes: blocks.footnotes };
  const prose: number[] = [];
  const links: InlineLink[] = [];
  const comments = blocks.comments.slice();
  // Indexed loops: this runs once per block, before V8 has optimised it into plain loops.
  for (let b = 0; b < blocks.blocks.length; b++) {
    const inline = scanInline(text, blocks.blocks[b], ctx);
    onBlock?.(inline.prose);
    for (let k = 0; k < inline.prose.length; k++) prose.push(inline.prose[k]);
    for (let k = 0; k < inline.links.length; k++) links.push(inline.links[k]);
    for (let k = 0; k < inline.comments.length; k++) comments.push(inline.comments[k]);
  }
  comments.sort((a, b) => a.start - b.start);
  return { prose, links, comments, frontMatter: blocks.frontMatter };
}
