// Entry point of the Termbridge VS Code extension: starts the language server (dist/server.js),
// and adds what LSP has no words for — the glossary status bar item, known-term underlines and the
// glossary commands. Linting, hovers, definitions and fixes all come from the server.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { addTermToGlossary, openGlossaryEntry, searchGlossary } from './glossary-commands';
import type { StatusParams } from './protocol';
import { RecordedOutputChannel } from './recorded-output';
import { ServerConnection } from './server-connection';
import { SECTION } from './settings';
import { GlossaryStatusBar, OPEN_GLOSSARY_COMMAND, openGlossary, type StatusBarItemView } from './status-bar';
import { KnownTermDecorations } from './term-decorations';

/** What `vscode.extensions.getExtension('termbridge.termbridge').exports` gives (used by tests). */
export interface TermbridgeApi {
  /** The last `termbridge/status` from the server; undefined until the first one arrives. */
  status(): StatusParams | undefined;
  /**
   * The glossary status bar item's text, tooltip and command as the item holds them (the workbench
   * renders `$(book)` as an icon); undefined until the first status shows it. Lets tests check what
   * a person sees, not only the status it is made from.
   */
  statusBarItem(): StatusBarItemView | undefined;
  /**
   * The current language server's process id, undefined while none runs. A crash restarted by
   * the client gives a new one.
   */
  serverProcessId(): number | undefined;
  /**
   * The known-term underlines drawn in the visible editor of `uri` (what `setDecorations` was last
   * given for it); undefined when no visible editor shows it.
   */
  underlines(uri: vscode.Uri): readonly vscode.Range[] | undefined;
  /** The last lines written to the Termbridge output channel, oldest first, as `level: message`. */
  logLines(): readonly string[];
  /** The current client (a new one after a restart). */
  readonly client: LanguageClient;
}

let connection: ServerConnection | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TermbridgeApi> {
  const output = new RecordedOutputChannel(vscode.window.createOutputChannel('Termbridge', { log: true }));
  const conn = new ServerConnection(context, output);
  connection = conn;
  const statusBar = new GlossaryStatusBar();
  const decorations = new KnownTermDecorations();

  context.subscriptions.push(
    output,
    conn,
    statusBar,
    decorations,
    conn.onStatus((status) => statusBar.update(status)),
    conn.onTermRanges((params) => decorations.update(params)),
    conn.onRestarted(() => decorations.clear()),
    // Restricted Mode lifted: the server may now offer edits (quick fixes, rename).
    vscode.workspace.onDidGrantWorkspaceTrust(() => void conn.restart('the workspace is now trusted')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed per client, so a new language list needs a new client.
      if (e.affectsConfiguration(`${SECTION}.languages`)) void conn.restart('termbridge.languages changed');
    }),
    vscode.commands.registerCommand('termbridge.addTermToGlossary', (arg?: unknown) => addTermToGlossary(conn, arg)),
    vscode.commands.registerCommand('termbridge.openGlossaryEntry', () => openGlossaryEntry()),
    vscode.commands.registerCommand('termbridge.searchGlossary', () => searchGlossary(conn)),
    vscode.commands.registerCommand(OPEN_GLOSSARY_COMMAND, () => openGlossary(conn.status)),
    vscode.commands.registerCommand('termbridge.restartServer', () => conn.restart('requested by the user')),
    vscode.commands.registerCommand('termbridge.showOutput', () => output.show(true)),
  );

  await conn.start();

  return {
    status: () => conn.status,
    statusBarItem: () => statusBar.view(),
    serverProcessId: () => conn.serverProcessId,
    underlines: (uri) => decorations.drawn(uri),
    logLines: () => output.lines(),
    get client() {
      return conn.client;
    },
  };
}

export async function deactivate(): Promise<void> {
  // Returning the promise lets VS Code wait for the server's orderly shutdown.
  await connection?.stop();
  connection = undefined;
}
