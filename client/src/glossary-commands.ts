// The commands that work with glossary entries: add a word, jump to a word's entry, search.

import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { folderStatusFor, glossaryFilesOf, pickGlossaryFile } from './glossary-files';
import { openAt, truncate } from './navigation';
import { ADD_TERM_SERVER_COMMAND, TermsRequest, type AddTermArgs, type AddTermResult } from './protocol';
import type { ServerConnection } from './server-connection';

// Terms can contain hyphens, apostrophes and ampersands (`Cost-per-Click`, `P&L`); the editor's
// Markdown word pattern would cut them apart.
const TERM_WORD = /[\p{L}\p{N}&]+(?:['’-][\p{L}\p{N}&]+)*/u;

/**
 * `termbridge.addTermToGlossary`. The argument is a word (from a code action) or
 * `{ word, documentUri }`; from the palette there is none.
 */
export async function addTermToGlossary(connection: ServerConnection, arg?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const fromArg = wordFromArgument(arg);
  const documentUri = fromArg.documentUri ?? editor?.document.uri;

  const word = fromArg.word ?? wordFromEditor(editor) ?? (await askForWord());
  if (!word) return;

  // The glossary of the document's folder; without a folder (an untitled file), any glossary.
  const folder = documentUri ? vscode.workspace.getWorkspaceFolder(documentUri) : undefined;
  const folderStatus = folderStatusFor(connection.status, folder);
  const candidates = glossaryFilesOf(folderStatus ? [folderStatus] : (connection.status?.folders ?? []))
    // The bundled starter glossary is part of the extension; the server creates a workspace
    // glossary file instead when none is given.
    .filter((f) => !f.bundled);
  let glossaryUri: string | undefined;
  if (candidates.length > 0) {
    const file = await pickGlossaryFile(candidates, `Add '${word}' to which glossary file?`);
    if (!file) return; // cancelled
    glossaryUri = file.uri.toString();
  }

  const client = connection.client;
  const args: AddTermArgs = { word, glossaryUri, documentUri: documentUri?.toString() };
  let result: AddTermResult;
  try {
    result = await client.sendRequest(ExecuteCommandRequest.type, { command: ADD_TERM_SERVER_COMMAND, arguments: [args] });
  } catch (e) {
    connection.output.error(`Adding '${word}' to the glossary failed: ${String(e)}`);
    void vscode.window.showErrorMessage(`Termbridge could not add '${word}' to the glossary: ${messageOf(e)}`);
    return;
  }
  if (!result) {
    void vscode.window.showInformationMessage(`Termbridge did not add '${word}' to the glossary. See "Termbridge: Show Output" for why.`);
    return;
  }
  await openAt(client.protocol2CodeConverter.asUri(result.uri), client.protocol2CodeConverter.asRange(result.range));
}

/** `termbridge.openGlossaryEntry`: the server's definition provider knows where each term is defined. */
export async function openGlossaryEntry(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a document and put the cursor on a term first.');
    return;
  }
  const results =
    (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[] | undefined>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      editor.selection.active,
    )) ?? [];
  const first = results[0];
  if (!first) {
    void vscode.window.showInformationMessage('No glossary entry for the word at the cursor.');
    return;
  }
  if ('targetUri' in first) await openAt(first.targetUri, first.targetSelectionRange ?? first.targetRange);
  else await openAt(first.uri, first.range);
}

/** `termbridge.searchGlossary`: every term in a quick pick, searchable by name and alias. */
export async function searchGlossary(connection: ServerConnection): Promise<void> {
  const client = connection.client;
  type Item = vscode.QuickPickItem & { open: () => Promise<void> };
  const pick = vscode.window.createQuickPick<Item>();
  pick.placeholder = 'Search the glossary by name or alias';
  pick.matchOnDescription = true; // aliases
  pick.busy = true;
  // Listen before showing: the user may close the pick while the terms are still loading.
  const chosen = new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
  });
  // Shown at once and filled when the answer arrives: the user can start typing meanwhile.
  pick.show();
  try {
    const terms = await client.sendRequest(TermsRequest, {});
    pick.items = terms.map((t) => ({
      label: t.context ? `${t.name} (${t.context})` : t.name,
      description: t.aliases.join(', ') || undefined,
      detail: `Business: ${truncate(t.business ?? '—', 70)} — IT: ${truncate(t.it ?? '—', 70)}`,
      open: () => openAt(client.protocol2CodeConverter.asUri(t.uri), client.protocol2CodeConverter.asRange(t.range)),
    }));
    pick.busy = false;
  } catch (e) {
    pick.dispose();
    connection.output.error(`Listing the glossary terms failed: ${String(e)}`);
    void vscode.window.showErrorMessage(`Termbridge could not list the glossary terms: ${messageOf(e)}`);
    return;
  }
  const item = await chosen;
  pick.dispose();
  await item?.open();
}

function wordFromArgument(arg: unknown): { word?: string; documentUri?: vscode.Uri } {
  if (typeof arg === 'string') return { word: clean(arg) };
  if (arg && typeof arg === 'object' && 'word' in arg && typeof arg.word === 'string') {
    const documentUri = 'documentUri' in arg && typeof arg.documentUri === 'string' ? vscode.Uri.parse(arg.documentUri) : undefined;
    return { word: clean(arg.word), documentUri };
  }
  // Anything else (e.g. the resource URI VS Code passes from a menu) carries no word.
  return {};
}

function wordFromEditor(editor: vscode.TextEditor | undefined): string | undefined {
  if (!editor) return undefined;
  const selected = clean(editor.document.getText(editor.selection));
  if (selected) return selected;
  const range = editor.document.getWordRangeAtPosition(editor.selection.active, TERM_WORD);
  return range ? clean(editor.document.getText(range)) : undefined;
}

async function askForWord(): Promise<string | undefined> {
  const input = await vscode.window.showInputBox({
    title: 'Add Term to Glossary',
    prompt: 'The term to add',
    validateInput: (v) => (clean(v) ? undefined : 'Enter a word or phrase'),
  });
  return input === undefined ? undefined : clean(input);
}

/** Selections can span lines; a term name is one line of single spaces. */
function clean(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat || undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
