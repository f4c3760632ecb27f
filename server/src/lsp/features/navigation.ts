// Go to definition, find references, document and workspace symbols, and the "N uses" code lens.

import {
  type CancellationToken,
  type CodeLens,
  type DocumentSymbol,
  type Location,
  SymbolKind,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Term } from '../../engine';
import { folderDocumentUris, headingLocation, rangeOf, type ServerContext, termAt, uriToPath } from '../context';
import type { Folder } from '../folder';

export function definition(ctx: ServerContext, doc: TextDocument, offset: number): Location[] {
  const hit = termAt(ctx, doc, offset);
  const folder = ctx.folderFor(doc.uri);
  if (!hit || !folder) return [];
  return hit.terms.map((t) => headingLocation(folder, t));
}

/** Every use of `term` across the folder's documents, open or not; stops early when cancelled. */
export async function usesOf(ctx: ServerContext, folder: Folder, term: Term, token?: CancellationToken): Promise<Location[]> {
  const locations: Location[] = [];
  for (const uri of await folderDocumentUris(ctx, folder)) {
    if (token?.isCancellationRequested) return [];
    const doc = ctx.document(uri);
    const analysed = doc && ctx.analyse(doc);
    if (!doc || !analysed) continue;
    for (const m of analysed.analysis.matches) {
      if (m.variants.some((v) => v.termId === term.id)) locations.push({ uri, range: rangeOf(doc, m.start, m.end) });
    }
  }
  return locations;
}

export async function references(
  ctx: ServerContext,
  doc: TextDocument,
  offset: number,
  includeDeclaration: boolean,
  token?: CancellationToken,
): Promise<Location[]> {
  const hit = termAt(ctx, doc, offset);
  const folder = ctx.folderFor(doc.uri);
  if (!hit || !folder) return [];
  const out: Location[] = [];
  for (const term of hit.terms) {
    if (includeDeclaration) {
      out.push(headingLocation(folder, term));
    }
    out.push(...(await usesOf(ctx, folder, term, token)));
  }
  return out;
}

function termsOfFile(ctx: ServerContext, doc: TextDocument): { folder: Folder; terms: Term[] } | undefined {
  const folder = ctx.folderFor(doc.uri);
  const path = uriToPath(doc.uri);
  if (!folder || !path || !folder.isGlossaryFile(path)) return undefined;
  const file = folder.relative(path);
  return { folder, terms: folder.glossary.terms.filter((t) => t.file === file) };
}

export function documentSymbols(ctx: ServerContext, doc: TextDocument): DocumentSymbol[] {
  const found = termsOfFile(ctx, doc);
  if (!found) return [];
  const text = doc.getText();
  return found.terms.map((term, i) => {
    const next = found.terms[i + 1]?.start ?? text.length;
    return {
      name: term.name,
      detail: term.context ?? term.aliases.join(', '),
      kind: SymbolKind.Key,
      range: rangeOf(doc, term.start, Math.max(term.end, trimEnd(text, next))),
      selectionRange: rangeOf(doc, term.start, term.end),
    };
  });
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

export function workspaceSymbols(ctx: ServerContext, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const folder of ctx.folders()) {
    for (const term of folder.glossary.terms) {
      if (q && ![term.name, ...term.aliases].some((n) => n.toLowerCase().includes(q))) continue;
      out.push({ name: term.name, kind: SymbolKind.Key, containerName: term.context, location: headingLocation(folder, term) });
      if (out.length >= 500) return out;
    }
  }
  return out;
}

export function codeLenses(ctx: ServerContext, doc: TextDocument): CodeLens[] {
  const found = termsOfFile(ctx, doc);
  if (!found) return [];
  return found.terms.map((term) => ({ range: rangeOf(doc, term.start, term.end), data: { uri: doc.uri, termId: term.id } }));
}

export async function resolveCodeLens(ctx: ServerContext, lens: CodeLens, token?: CancellationToken): Promise<CodeLens> {
  const { uri, termId } = lens.data as { uri: string; termId: number };
  const folder = ctx.folderFor(uri);
  const term = folder?.glossary.terms[termId];
  const count = folder && term ? (await usesOf(ctx, folder, term, token)).length : 0;
  return { ...lens, command: { title: `${count} use${count === 1 ? '' : 's'}`, command: '' } };
}
