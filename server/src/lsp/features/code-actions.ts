// Code actions: every fix the engine offers for a diagnostic's finding, adding a word to the glossary,
// ignoring it in the workspace or the document, and `source.fixAll.termbridge`.

import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Fix, safeEdits } from '../../engine';
import { rangeOf, type ServerContext, uriToPath } from '../context';
import { findingsOf } from './diagnostics';
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
    const findings = isGlossaryFile(ctx, doc) ? [] : (ctx.analyse(doc)?.analysis.findings ?? []); // glossary checks offer no fixes
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'termbridge') continue;
      const fixes = findingsOf(doc, findings, diagnostic).flatMap((f) => f.fixes);
      for (const fix of fixes) {
        const action = fixAction(ctx, doc, diagnostic, fix, addTermCommand);
        if (action) actions.push(action);
      }
      const word = fixes.find((f) => f.kind === 'ignore-word')?.word;
      if (word) actions.push(...ignoreActions(ctx, doc, diagnostic, word));
    }
  }
  // Source actions only when asked for (editor.codeActionsOnSave, "Fix All"), not in the light bulb.
  if (only && wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(ctx, doc);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function isGlossaryFile(ctx: ServerContext, doc: TextDocument): boolean {
  const path = uriToPath(doc.uri);
  return !!path && !!ctx.folderFor(doc.uri)?.isGlossaryFile(path);
}

function fixAction(ctx: ServerContext, doc: TextDocument, diagnostic: Diagnostic, fix: Fix, addTermCommand: string): CodeAction | undefined {
  const base = { kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (fix.kind === 'add-to-glossary' && fix.word) {
    return {
      ...base,
      title: fix.title,
      command: { title: fix.title, command: addTermCommand, arguments: [{ word: fix.word, documentUri: doc.uri }] },
    };
  }
  if (fix.kind === 'ignore-word') return undefined; // offered twice (workspace, document) by ignoreActions
  const edit: WorkspaceEdit = versionedEdit(ctx, doc, fix.edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText })));
  return { ...base, title: fix.title, edit, isPreferred: fix.safe };
}

function ignoreActions(ctx: ServerContext, doc: TextDocument, diagnostic: Diagnostic, word: string): CodeAction[] {
  const folder = ctx.folderFor(doc.uri);
  const actions: CodeAction[] = [];
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
      kept.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText })),
    ),
  };
}
