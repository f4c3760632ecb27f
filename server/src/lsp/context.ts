// What the features share: folders, open documents, cached analyses, and "which term is here".

import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type DocumentAnalysis, findTerms, sensesOf, type Term } from '../engine';
import type { Folder } from './folder';

export interface Analysed {
  folder: Folder;
  doc: TextDocument;
  path: string;
  analysis: DocumentAnalysis;
}

export interface ServerContext {
  folderFor(uri: string): Folder | undefined;
  folders(): Folder[];
  /** The open document, or the file read from disk (version 0). */
  document(uri: string): TextDocument | undefined;
  openDocument(uri: string): TextDocument | undefined;
  /** Open documents of `folder` that are checked (their unsaved text counts for references and rename). */
  openDocuments(folder: Folder): TextDocument[];
  /** Analysis of a checked document, cached per version and glossary generation. */
  analyse(doc: TextDocument): Analysed | undefined;
}

export function uriToPath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export function readDocument(uri: string, languageId = 'markdown'): TextDocument | undefined {
  const path = uriToPath(uri);
  if (!path) return undefined;
  try {
    return TextDocument.create(uri, languageId, 0, readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function rangeOf(doc: Pick<TextDocument, 'positionAt'>, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/**
 * The spans of `termbridge/termRanges`: per span its start line and character, end line and
 * character. Spans come in document order, so one sweep down the lines places them all (a search
 * per offset costs several times more on a document with thousands of terms).
 */
export function termSpans(doc: TextDocument, spans: { start: number; end: number }[]): number[] {
  const out = new Array<number>(spans.length * 4).fill(0);
  const lastLine = doc.lineCount - 1;
  const lineStartOf = (line: number): number => (line > lastLine ? Number.MAX_SAFE_INTEGER : doc.offsetAt({ line, character: 0 }));
  let line = spans.length ? doc.positionAt(spans[0].start).line : 0;
  let lineStart = lineStartOf(line);
  let nextStart = lineStartOf(line + 1);
  // Locals only (no closure over them): this runs for every term of the document on every edit.
  for (let k = 0; k < out.length; k++) {
    const span = spans[k >> 2];
    const offset = k & 2 ? span.end : span.start;
    while (offset >= nextStart) {
      line++;
      lineStart = nextStart;
      nextStart = lineStartOf(line + 1);
    }
    out[k] = line;
    out[++k] = offset - lineStart;
  }
  return out;
}

export interface TermHit {
  terms: Term[];
  start: number;
  end: number;
  /** Where it was found: a use in a document, a wiki link, or a term heading in a glossary file. */
  kind: 'use' | 'reference' | 'heading';
  /** For uses: which variants the span matched (to tell avoided names apart). */
  variants?: { termId: number; kind: 'name' | 'alias' | 'avoid' }[];
}

/** The term under `offset`, in a document or on a glossary heading. */
export function termAt(ctx: ServerContext, doc: TextDocument, offset: number): TermHit | undefined {
  const folder = ctx.folderFor(doc.uri);
  const path = uriToPath(doc.uri);
  if (!folder) return undefined;
  if (path && folder.isGlossaryFile(path)) {
    const file = folder.relative(path);
    const term = folder.glossary.terms.find((t) => t.file === file && t.start <= offset && offset <= t.end);
    return term ? { terms: [term], start: term.start, end: term.end, kind: 'heading' } : undefined;
  }
  const analysed = ctx.analyse(doc);
  if (!analysed) return undefined;
  const text = doc.getText();
  const wiki = wikiLinkAt(text, offset);
  if (wiki) {
    const terms = findTerms(folder.glossary, wiki.name);
    return terms.length ? { terms, start: wiki.start, end: wiki.end, kind: 'reference' } : undefined;
  }
  const match = matchAt(analysed.analysis.matches, offset);
  if (!match) return undefined;
  const terms = sensesOf({ glossary: folder.glossary, context: analysed.analysis.context }, match.variants.map((v) => v.termId));
  return { terms, start: match.start, end: match.end, kind: 'use', variants: match.variants };
}

/**
 * The match that contains `offset` (its end included, as the cursor may sit just after a word).
 * Matches are in document order and never overlap: a binary search, as a big spec has thousands.
 */
export function matchAt<M extends { start: number; end: number }>(matches: M[], offset: number): M | undefined {
  // The first match not ending before `offset`; a cursor between two adjacent matches picks the first.
  const m = matches[firstIndex(matches, (x) => x.end < offset)];
  return m && m.start <= offset ? m : undefined;
}

/** Binary search: the first index of `items` that `before` rejects (it holds for a prefix of them). */
export function firstIndex<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wikiLinkAt(text: string, offset: number): { name: string; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndAt < 0 ? text.length : lineEndAt);
  for (const m of line.matchAll(/\[\[([^\[\]\n|]+)(?:\|[^\[\]\n]*)?\]\]/g)) {
    const start = lineStart + m.index!;
    const end = start + m[0].length;
    if (start <= offset && offset <= end) return { name: m[1].trim(), start, end };
  }
  return undefined;
}

/** The folder's documents on disk plus those open in the editor, by URI. */
export async function folderDocumentUris(ctx: ServerContext, folder: Folder): Promise<string[]> {
  const uris = new Set((await folder.documents()).map(pathToUri));
  for (const doc of ctx.openDocuments(folder)) uris.add(doc.uri);
  return [...uris].filter((uri) => {
    const path = uriToPath(uri);
    return !(path && folder.isGlossaryFile(path)) && ctx.folderFor(uri) === folder;
  });
}

/** A term's heading as an LSP location. */
export function headingLocation(folder: Folder, term: Term): { uri: string; range: Range } {
  return { uri: pathToUri(folder.absolute(term.file)), range: folder.headingRange(term) };
}
