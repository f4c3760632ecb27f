// Owns the LanguageClient. The document selector is fixed when a client is created, so changing
// `termbridge.languages` (or the Restart command) replaces the client with a new one; everything
// else talks to whichever client is current through this object.

import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// V8 flags the server is started with, kept in one file that the benchmark reads too. V8 sizes the
// young generation only at start-up, and its default (two 16 MB semi-spaces) is some 30 MB of the
// server's memory held for short-lived objects; with 2 MB ones, a one-character edit's diagnostics
// on a 10,000-line spec come as fast (see docs/performance.md).
import SERVER_EXEC_ARGV from '../../server/src/lsp/exec-argv.json';
import { CrashLoggingErrorHandler, MAX_CRASH_RESTARTS } from './crash-handler';
import { StatusNotification, TermRangesNotification, type StatusParams, type TermRangesParams } from './protocol';
import { configuredLanguages, SECTION, withClientFacts } from './settings';

const STATE_NAMES: Record<State, string> = {
  [State.Stopped]: 'stopped',
  [State.Starting]: 'starting',
  [State.Running]: 'running',
  [State.StartFailed]: 'failed to start',
};

export class ServerConnection implements vscode.Disposable {
  private current: LanguageClient;
  private lastStatus: StatusParams | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly termRangesEmitter = new vscode.EventEmitter<TermRangesParams>();
  private readonly restartedEmitter = new vscode.EventEmitter<void>();
  /** Created once and shared by every client: the library does not dispose watchers it is given. */
  private readonly watchers: vscode.FileSystemWatcher[];

  readonly onStatus = this.statusEmitter.event;
  readonly onTermRanges = this.termRangesEmitter.event;
  /** Fired when a new client replaces the old one (its documents' term ranges are gone). */
  readonly onRestarted = this.restartedEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    // Glossary files are Markdown; .termbridge.json can change which files they are. Edits made on
    // disk (git checkout, another editor) reach the server through these.
    this.watchers = [
      vscode.workspace.createFileSystemWatcher('**/*.md'),
      vscode.workspace.createFileSystemWatcher('**/.termbridge.json'),
    ];
    this.current = this.create();
  }

  get client(): LanguageClient {
    return this.current;
  }

  /** The current server's process id; undefined while no server process runs. */
  get serverProcessId(): number | undefined {
    return this.current.serverProcess?.pid;
  }

  /** The last `termbridge/status` the server sent, if any. */
  get status(): StatusParams | undefined {
    return this.lastStatus;
  }

  async start(): Promise<void> {
    try {
      await this.current.start();
    } catch (e) {
      // The library already reports start failures; activation must still succeed so the commands
      // (Show Output, Restart) stay usable.
      this.output.error(`Termbridge language server failed to start: ${String(e)}`);
    }
  }

  async restart(reason: string): Promise<void> {
    this.output.info(`Restarting the language server: ${reason}`);
    const old = this.current;
    this.current = this.create();
    this.restartedEmitter.fire();
    try {
      await old.dispose(2000);
    } catch (e) {
      this.output.warn(`Stopping the old language server failed: ${String(e)}`);
    }
    await this.start();
  }

  async stop(): Promise<void> {
    if (this.current.needsStop()) await this.current.stop(2000);
  }

  dispose(): void {
    void this.current.dispose(2000);
    for (const w of this.watchers) w.dispose();
    this.statusEmitter.dispose();
    this.termRangesEmitter.dispose();
    this.restartedEmitter.dispose();
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
    };
    const languages = configuredLanguages();
    // One per client: "Restart Language Server" makes a new client, and so starts a fresh count.
    const errorHandler = new CrashLoggingErrorHandler(this.output, Date.now, () => {
      const server = client.serverProcess;
      return !server || server.exitCode !== null || server.signalCode !== null || !server.connected;
    });
    const clientOptions: LanguageClientOptions = {
      // Saved files and new unsaved ones; other schemes (git:, vscode-notebook-cell:, ...) are not
      // documents a user is writing.
      documentSelector: languages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      synchronize: { fileEvents: this.watchers },
      // The "Add to the glossary" quick fix then runs our command, which asks which glossary file.
      // Parsed glossary sections of big glossaries are kept in the extension's storage between sessions.
      initializationOptions: {
        addTermCommand: 'termbridge.addTermToGlossary',
        cacheDir: vscode.Uri.joinPath(this.context.globalStorageUri, 'cache').fsPath,
      },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const values = await next(params, token);
            if (!Array.isArray(values)) return values;
            return values.map((v, i) => (params.items[i]?.section === SECTION ? withClientFacts(v, params.items[i].scopeUri) : v));
          },
        },
      },
      // One channel for the whole session: the client does not dispose a channel it was given, so
      // logs survive restarts.
      outputChannel: this.output,
      errorHandler,
    };
    const client = new LanguageClient('termbridge', 'Termbridge', serverOptions, clientOptions);
    errorHandler.delegateTo(client.createDefaultErrorHandler(MAX_CRASH_RESTARTS));
    this.output.info(`Language server for: ${languages.join(', ') || '(no languages)'}`);

    // Handlers can be registered before start(); the library installs them once connected.
    client.onNotification(StatusNotification, (params) => {
      if (client !== this.current) return;
      this.lastStatus = params;
      this.statusEmitter.fire(params);
    });
    client.onNotification(TermRangesNotification, (params) => {
      if (client !== this.current) return;
      this.termRangesEmitter.fire(params);
    });
    // Crashes are logged by the error handler; the transitions around them (and around deliberate
    // stops and starts) are logged here.
    client.onDidChangeState((e) => {
      this.output.info(`Language server ${STATE_NAMES[e.oldState]} -> ${STATE_NAMES[e.newState]}`);
    });
    return client;
  }
}
