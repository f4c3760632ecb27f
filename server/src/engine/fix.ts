// Applying fixes to a text. Edits come only from prose ranges, so code is never touched; overlapping
// edits are dropped rather than merged, so the result is always a well-formed text.

import type { Finding, TextEdit } from './types';

/** The safe fixes of `findings` (one per finding: its first safe fix). */
export function safeEdits(findings: Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe && x.edits.length > 0);
    if (fix) edits.push(...fix.edits);
  }
  return edits;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.start < cursor) continue; // overlaps an edit already taken
    out += text.slice(cursor, e.start) + e.newText;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}
