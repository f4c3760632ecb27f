// Rename a term from its glossary heading or any use: the heading, every use of the name across the
// folder and every `See also:` naming it change together; the old name can stay as an `Avoid:`
// synonym so it is caught if it comes back.

import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Term } from '../../engine';
import { folderDocumentUris, pathToUri, rangeOf, type ServerContext, termAt } from '../context';
import type { Folder } from '../folder';
import { versionedEdit } from './glossary-edits';

export function prepareRename(ctx: ServerContext, doc: TextDocument, offset: number): { range: Range; placeholder: string } | null {
  const hit = termAt(ctx, doc, offset);
  if (!hit || hit.terms.length !== 1) return null;
  const term = hit.terms[0];
  if (hit.kind === 'heading') {
    const text = doc.getText();
    const nameStart = text.indexOf(term.name, term.start);
    return { range: rangeOf(doc, nameStart, nameStart + term.name.length), placeholder: term.name };
  }
  return { range: rangeOf(doc, hit.start, hit.end), placeholder: term.name };
}

export async function rename(
  ctx: ServerContext,
  doc: TextDocument,
  offset: number,
  newName: string,
  keepOldNameAsAvoided: boolean,
): Promise<WorkspaceEdit | null> {
  const hit = termAt(ctx, doc, offset);
  const folder = ctx.folderFor(doc.uri);
  if (!hit || hit.terms.length !== 1 || !folder || folder.bundled) return null;
  const term = hit.terms[0];
  const edits = new Map<string, TextEdit[]>();
  const add = (uri: string, edit: TextEdit): void => {
    const list = edits.get(uri) ?? [];
    list.push(edit);
    edits.set(uri, list);
  };

  // The glossary: heading, Avoid line, See also lines everywhere.
  for (const file of folder.glossaryFiles) {
    const uri = pathToUri(file);
    const gdoc = ctx.document(uri);
    if (!gdoc) continue;
    for (const edit of glossaryEdits(gdoc, folder, term, newName, keepOldNameAsAvoided, file)) add(uri, edit);
  }

  // Every use of the name (aliases and avoided names stay as they are).
  for (const uri of await folderDocumentUris(ctx, folder)) {
    const udoc = ctx.document(uri);
    const analysed = udoc && ctx.analyse(udoc);
    if (!udoc || !analysed) continue;
    for (const m of analysed.analysis.matches) {
      if (!m.variants.some((v) => v.termId === term.id && v.kind === 'name')) continue;
      add(uri, { range: rangeOf(udoc, m.start, m.end), newText: newName + m.suffix });
    }
    // Wiki links name the term too.
    const text = udoc.getText();
    for (const w of text.matchAll(/\[\[([^\[\]\n|]+)(\|[^\[\]\n]*)?\]\]/g)) {
      if (w[1].trim().toLowerCase() !== term.name.toLowerCase()) continue;
      const start = w.index! + 2 + (w[1].length - w[1].trimStart().length);
      add(uri, { range: rangeOf(udoc, start, start + w[1].trim().length), newText: newName });
    }
  }

  const documentChanges = [];
  for (const [uri, list] of edits) {
    const target = ctx.document(uri)!;
    documentChanges.push(...versionedEdit(ctx, target, dedupe(list)).documentChanges!);
  }
  return { documentChanges };
}

function glossaryEdits(doc: TextDocument, folder: Folder, term: Term, newName: string, keepOld: boolean, file: string): TextEdit[] {
  const text = doc.getText();
  const edits: TextEdit[] = [];
  const isOwnFile = folder.relative(file) === term.file;
  if (isOwnFile) {
    const nameStart = text.indexOf(term.name, term.start);
    edits.push({ range: rangeOf(doc, nameStart, nameStart + term.name.length), newText: newName });
    if (keepOld) {
      const sectionEnd = nextHeading(text, term.end);
      const avoid = /^([ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?Avoid(?:\*\*|__)?:(?:\*\*|__)?)(.*)$/im.exec(text.slice(term.end, sectionEnd));
      if (avoid) {
        const lineEnd = term.end + avoid.index + avoid[0].length;
        edits.push({ range: rangeOf(doc, lineEnd, lineEnd), newText: `${avoid[2].trim() ? ',' : ''} ${term.name}` });
      } else {
        edits.push({ range: rangeOf(doc, term.end, term.end), newText: `\n\n**Avoid:** ${term.name}` });
      }
    }
  }
  const seeAlso = /^([ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?See also(?:\*\*|__)?:(?:\*\*|__)?)(.*)$/gim;
  for (const m of text.matchAll(seeAlso)) {
    const listStart = m.index! + m[1].length;
    for (const item of m[2].matchAll(/[^,]+/g)) {
      if (item[0].trim().toLowerCase() !== term.name.toLowerCase()) continue;
      const start = listStart + item.index! + (item[0].length - item[0].trimStart().length);
      edits.push({ range: rangeOf(doc, start, start + item[0].trim().length), newText: newName });
    }
  }
  return edits;
}

function nextHeading(text: string, from: number): number {
  const m = /^#{1,2} /m.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = JSON.stringify(e.range);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

