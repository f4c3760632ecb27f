// Edits the editor makes to the workspace's own files: a stub entry in a glossary file, an ignored
// word in `.termbridge.json` or in the document. All are versioned workspace edits: when the file is
// open, the edit is made against the editor's text and version, so unsaved changes are never lost
// and a newer text makes the edit fail instead of overwriting it.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { scanProse } from '../../engine';
import { CONFIG_FILE } from '../../workspace/config';
import { pathToUri, readDocument, type ServerContext } from '../context';
import type { Folder } from '../folder';

export interface StubInsertion {
  edit: WorkspaceEdit;
  /** Where the new heading will be, once the edit is applied. */
  heading: Range;
  uri: string;
}

/** A stub entry for `word`, placed alphabetically among the file's term headings. */
export function addTermEdit(ctx: ServerContext, glossaryUri: string, word: string): StubInsertion | undefined {
  const doc = ctx.openDocument(glossaryUri) ?? readDocument(glossaryUri);
  if (!doc) return undefined;
  const text = doc.getText();
  const stub = `## ${word}\n\n**Business:** \n\n**IT:** \n\n**Owner:** \n\n**Status:** draft\n\n`;
  let offset = text.length;
  for (const m of text.matchAll(/^## +(.+?)\s*$/gm)) {
    if (m[1].localeCompare(word, undefined, { sensitivity: 'base' }) > 0) {
      offset = m.index!;
      break;
    }
  }
  let insert = stub;
  if (offset === text.length) {
    // At the end: one blank line before the new heading, whatever the file ends with.
    insert = (text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n') + stub.trimEnd() + '\n';
  }
  const at = doc.positionAt(offset);
  const headingLine = at.line + (insert.startsWith('\n\n') ? 2 : insert.startsWith('\n') ? 1 : 0);
  return {
    uri: glossaryUri,
    edit: versionedEdit(ctx, doc, [{ range: { start: at, end: at }, newText: insert }]),
    heading: { start: { line: headingLine, character: 0 }, end: { line: headingLine, character: 3 + word.length } },
  };
}

/** Adds `word` to the folder's `.termbridge.json` `ignore` list (creating the file if needed). */
export function ignoreInWorkspaceEdit(ctx: ServerContext, folder: Folder, word: string): WorkspaceEdit | undefined {
  const path = join(folder.root, CONFIG_FILE);
  const uri = pathToUri(path);
  if (!existsSync(path) && !ctx.openDocument(uri)) {
    const text = JSON.stringify({ ignore: [word] }, null, 2) + '\n';
    return {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: zeroRange(), newText: text }] },
      ],
    };
  }
  const doc = ctx.openDocument(uri) ?? readDocument(uri, 'json');
  if (!doc) return undefined;
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(doc.getText() || '{}');
  } catch {
    return undefined; // never rewrite a file we cannot read back
  }
  const ignore = Array.isArray(config.ignore) ? (config.ignore as unknown[]) : [];
  if (ignore.includes(word)) return undefined;
  config.ignore = [...ignore, word];
  const end = doc.positionAt(doc.getText().length);
  return versionedEdit(ctx, doc, [{ range: { start: { line: 0, character: 0 }, end }, newText: JSON.stringify(config, null, 2) + '\n' }]);
}

/** `<!-- termbridge-ignore WORD -->` at the top of the document (after its front matter). */
export function ignoreInDocumentEdit(ctx: ServerContext, doc: TextDocument, word: string): WorkspaceEdit {
  const text = doc.getText();
  const fm = scanProse(text).frontMatter;
  let offset = 0;
  if (fm) {
    const nl = text.indexOf('\n', fm.end);
    offset = nl < 0 ? text.length : nl + 1;
  }
  const at = doc.positionAt(offset);
  const prefix = offset === text.length && offset > 0 && !text.endsWith('\n') ? '\n' : '';
  return versionedEdit(ctx, doc, [{ range: { start: at, end: at }, newText: `${prefix}<!-- termbridge-ignore ${word} -->\n` }]);
}

export function versionedEdit(ctx: ServerContext, doc: TextDocument, edits: TextDocumentEdit['edits']): WorkspaceEdit {
  const open = ctx.openDocument(doc.uri);
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: open ? open.version : null }, edits }] };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
