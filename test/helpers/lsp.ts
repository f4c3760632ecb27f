// A real LSP client for tests: starts the built server as a child process over stdio and speaks
// JSON-RPC to it, answering the requests a client must answer (configuration, applyEdit...).

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ApplyWorkspaceEditParams,
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from './fixtures';

export const uriOf = (path: string): string => pathToFileURL(path).href;

export interface TestClient {
  conn: ProtocolConnection;
  /** The server process. */
  pid: number;
  root: string;
  messages: string[];
  /** The same messages with their type (MessageType: 1 error, 2 warning, 3 info, 4 log). */
  shown: { type: number; message: string }[];
  appliedEdits: WorkspaceEdit[];
  /** Edits refused, as an editor refuses them: a document edit for another version than the open document's. */
  rejectedEdits: WorkspaceEdit[];
  /** Runs when an edit arrives, before it is checked (a test types here, as a user could meanwhile). */
  beforeApplyEdit?: (params: ApplyWorkspaceEditParams) => void;
  statuses: { folders: { terms: number; glossaryErrors: number; bundled: boolean }[] }[];
  /** The latest `termbridge/termRanges` per URI: four numbers per known term. */
  termSpans: Map<string, { version: number | null; spans: number[] }>;
  /** Opens a file of the first folder (or any file, by absolute path). */
  open(relPath: string, text?: string, languageId?: string): Promise<string>;
  change(uri: string, text: string): void;
  /** Resolves when the latest diagnostics published for `uri` satisfy `test`. */
  diagnostics(uri: string, test?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  /** How long `diagnostics` waits (default: the start-up timeout). */
  settleTimeoutMs?: number;
  /** How many times diagnostics were published for `uri` so far. */
  publishCount(uri: string): number;
  waitFor<T>(check: () => T | undefined, what: string, limitMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startClient(
  root: string,
  settings: Record<string, unknown> = {},
  options: {
    timeoutMs?: number;
    initializationOptions?: Record<string, unknown>;
    otherFolders?: string[];
    /** Added to the server's environment. */
    env?: Record<string, string>;
  } = {},
): Promise<TestClient> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, Diagnostic[][]>();
  const waiters: (() => void)[] = [];
  const wake = (): void => waiters.splice(0).forEach((w) => w());
  const versions = new Map<string, number>();
  const client: TestClient = {
    conn,
    pid: child.pid!,
    root,
    messages: [],
    shown: [],
    appliedEdits: [],
    rejectedEdits: [],
    statuses: [],
    termSpans: new Map(),
    async open(relPath, text, languageId = 'markdown') {
      const path = isAbsolute(relPath) ? relPath : join(root, relPath);
      const uri = uriOf(path);
      versions.set(uri, 1);
      await conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text: text ?? readFileSync(path, 'utf8') },
      });
      return uri;
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async diagnostics(uri, test = () => true) {
      // The latest publication only: an older one that happened to match says nothing about now.
      const latest = (): Diagnostic[] | undefined => {
        const last = published.get(uri)?.at(-1);
        return last && test(last) ? last : undefined;
      };
      return client.waitFor(latest, `diagnostics for ${uri}`, client.settleTimeoutMs);
    },
    publishCount(uri) {
      return published.get(uri)?.length ?? 0;
    },
    waitFor<T>(check: () => T | undefined, what: string, limitMs = timeoutMs): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), limitMs);
        const attempt = (): void => {
          const value = check();
          if (value !== undefined) {
            clearTimeout(timer);
            resolve(value);
          } else {
            waiters.push(attempt);
          }
        };
        attempt();
      });
    },
    async stop() {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
      conn.dispose();
      child.kill();
    },
  };

  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p.diagnostics]);
    wake();
  });
  conn.onNotification('termbridge/termRanges', (p: { uri: string; version: number | null; spans: number[] }) => {
    client.termSpans.set(p.uri, { version: p.version, spans: p.spans });
    wake();
  });
  conn.onNotification('termbridge/status', (p) => {
    client.statuses.push(p as TestClient['statuses'][number]);
    wake();
  });
  conn.onNotification(ShowMessageNotification.type, (p) => {
    client.messages.push(p.message);
    client.shown.push({ type: p.type, message: p.message });
    wake();
  });
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
  conn.onRequest(RegistrationRequest.type, () => undefined);
  conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
    client.messages.push(p.message);
    wake();
    return null;
  });
  conn.onRequest(ShowDocumentRequest.type, () => ({ success: true }));
  conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
    client.beforeApplyEdit?.(p);
    // As VS Code does: a document edit with a version applies only to that version of the open document.
    const changes = p.edit.documentChanges ?? [];
    const stale = changes.findIndex((c) => 'textDocument' in c && c.textDocument.version !== null && c.textDocument.version !== versions.get(c.textDocument.uri));
    if (stale >= 0) {
      client.rejectedEdits.push(p.edit);
      wake();
      const change = changes[stale] as { textDocument: { uri: string; version: number } };
      const reason = `${change.textDocument.uri} is at version ${versions.get(change.textDocument.uri) ?? '(not open)'}, the edit is for version ${change.textDocument.version}`;
      return { applied: false, failureReason: reason, failedChange: stale };
    }
    client.appliedEdits.push(p.edit);
    wake();
    return { applied: true };
  });
  conn.listen();

  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [root, ...(options.otherFolders ?? [])].map((folder, i) => ({ uri: uriOf(folder), name: `test-${i}` })),
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
      window: { showDocument: { support: true } },
      textDocument: { publishDiagnostics: { relatedInformation: false } },
    },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  await client.waitFor(() => (client.statuses.length ? true : undefined), 'the first status');
  return client;
}

/** The text after applying one document's edits from a workspace edit. */
export function applyEdit(text: string, edit: WorkspaceEdit, uri: string): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...change.edits.filter((e): e is TextEdit => 'range' in e));
  }
  for (const e of edit.changes?.[uri] ?? []) edits.push(e);
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, text), edits);
}
