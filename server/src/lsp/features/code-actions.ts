// Code actions: every fix the engine offers (from Diagnostic.data), adding a word to the glossary,
// ignoring it in the workspace or the document, and `source.fixAll.termbridge`.

import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { safeEdits } from '../../engine';
import type { ServerContext } from '../context';
import type { FixData } from './diagnostics';
import { ignoreInDocumentEdit, ignoreInWorkspaceEdit, versionedEdit } from './glossary-edits';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.termbridge`;
export const ADD_TERM_COMMAND = 'termbridge.server.addTerm';

/**
 * `addTermCommand`: a client command that adds a term interactively (VS Code's asks which glossary
 * file); other clients get the server's own command, which uses the folder's first glossary file.
 */
export function codeActions(ctx: ServerContext, doc: TextDocument, params: CodeActionParams, addTermCommand = ADD_TERM_COMMAND): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'termbridge') continue;
      for (const fix of (diagnostic.data as { fixes?: FixData[] } | undefined)?.fixes ?? []) {
        const action = fixAction(ctx, doc, diagnostic, fix, addTermCommand);
        if (action) actions.push(action);
      }
      actions.push(...ignoreActions(ctx, doc, [diagnostic]));
    }
  }
  // Source actions only when asked for (editor.codeActionsOnSave, "Fix All"), not in the light bulb.
  if (only && wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(ctx, doc);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function fixAction(ctx: ServerContext, doc: TextDocument, diagnostic: Diagnostic, fix: FixData, addTermCommand: string): CodeAction | undefined {
  const base = { kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (fix.kind === 'add-to-glossary' && fix.word) {
    return {
      ...base,
      title: fix.title,
      command: { title: fix.title, command: addTermCommand, arguments: [{ word: fix.word, documentUri: doc.uri }] },
    };
  }
  if (fix.kind === 'ignore-word') return undefined; // offered twice (workspace, document) by ignoreActions
  const edit: WorkspaceEdit = versionedEdit(ctx, doc, fix.edits);
  return { ...base, title: fix.title, edit, isPreferred: fix.safe };
}

function ignoreActions(ctx: ServerContext, doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const folder = ctx.folderFor(doc.uri);
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const word = ((diagnostic.data as { fixes?: FixData[] } | undefined)?.fixes ?? []).find((f) => f.kind === 'ignore-word')?.word;
    if (!word) continue;
    const workspaceEdit = folder && ignoreInWorkspaceEdit(ctx, folder, word);
    if (workspaceEdit) {
      actions.push({ title: `Ignore '${word}' in this workspace`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit });
    }
    actions.push({
      title: `Ignore '${word}' in this document`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: ignoreInDocumentEdit(ctx, doc, word),
    });
  }
  return actions;
}

function fixAllAction(ctx: ServerContext, doc: TextDocument): CodeAction | undefined {
  const analysed = ctx.analyse(doc);
  if (!analysed) return undefined;
  const edits = safeEdits(analysed.analysis.findings);
  if (edits.length === 0) return undefined;
  // Overlapping edits cannot be applied together; keep the first of any overlap, as the CLI does.
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const kept = sorted.filter((e, i) => i === 0 || e.start >= sorted[i - 1].end);
  return {
    title: 'Fix all Termbridge problems',
    kind: FIX_ALL_KIND,
    edit: versionedEdit(
      ctx,
      doc,
      kept.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
    ),
  };
}
