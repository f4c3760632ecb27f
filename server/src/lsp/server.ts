// The language server: adapts open documents and workspace folders to the engine and answers LSP
// requests. It adds no checking logic of its own: every finding comes from `analyseDocument`.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, BlockMemo } from '../engine';
import { defaultCacheDir } from '../workspace/glossary-cache';
import { type Analysed, headingLocation, pathToUri, readDocument, type ServerContext, termSpans, uriToPath } from './context';
import { ADD_TERM_COMMAND, codeActions, FIX_ALL_KIND } from './features/code-actions';
import { completion } from './features/completion';
import { toDiagnostics } from './features/diagnostics';
import { addTermEdit } from './features/glossary-edits';
import { configMessage, glossaryNotes, indexFailedMessage, problemDiagnostics, unlistedMessage, unreadableMessage } from './features/glossary-problems';
import { hover, warmUpHover } from './features/hover';
import { codeLenses, definition, documentSymbols, references, resolveCodeLens, workspaceSymbols } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { Folder } from './folder';
import { messageOf } from './glossary-build';
import { Notices } from './notices';
import { DEFAULT_LANGUAGES, type EditorSettings } from './settings';

/** Re-check this long after typing stops. */
export const DEBOUNCE_MS = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new Map<string, Folder>();
  const cache = new Map<string, { text: string; generation: number; analysed: Analysed }>();
  /** Per open document, its blocks as last read: an edit re-reads only the blocks it touched. */
  const memos = new Map<string, BlockMemo>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** uri -> `version:generation` last published, so nothing is published twice. */
  const published = new Map<string, string>();
  const toldAboutBundled = new Set<string>();
  /** Per folder, the glossary URIs given diagnostics last time: one no longer concerned is cleared. */
  const glossaryUris = new Map<string, Set<string>>();
  let canConfigure = false;
  let canWatch = false;
  let canShowDocument = false;
  let hasFolderEvents = false;
  let addTermCommand = ADD_TERM_COMMAND;
  let cacheDir: string | undefined;

  const openText = (path: string): string | undefined => documents.get(pathToUri(path))?.getText();

  const folderFor = (uri: string): Folder | undefined => {
    const path = uriToPath(uri);
    let best: Folder | undefined;
    for (const f of folders.values()) {
      if (path && (path === f.root || path.startsWith(f.root + '/')) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best ?? [...folders.values()][0];
  };

  const ctx: ServerContext = {
    folderFor,
    folders: () => [...folders.values()],
    openDocument: (uri) => documents.get(uri),
    openDocuments: (folder) => documents.all().filter((d) => folderFor(d.uri) === folder && isChecked(d)),
    document: (uri) => documents.get(uri) ?? readDocument(uri),
    analyse(doc) {
      const folder = folderFor(doc.uri);
      if (!folder) return undefined;
      const text = doc.getText();
      const cached = cache.get(doc.uri);
      if (cached && cached.text === text && cached.generation === folder.generation) {
        return { ...cached.analysed, doc };
      }
      const path = uriToPath(doc.uri);
      let memo = memos.get(doc.uri);
      if (!memo && documents.get(doc.uri)) memos.set(doc.uri, (memo = new BlockMemo()));
      const analysis = analyseDocument(text, folder.glossary, {
        path: path ? folder.relative(path) : undefined,
        kind: doc.languageId === 'plaintext' ? 'plaintext' : 'markdown',
        ignore: folder.config.ignore,
        rules: folder.config.rules,
        memo,
      });
      const analysed: Analysed = { folder, doc, path: path ?? doc.uri, analysis };
      cache.set(doc.uri, { text, generation: folder.generation, analysed });
      return analysed;
    },
  };

  const isChecked = (doc: TextDocument): boolean => {
    const folder = folderFor(doc.uri);
    const languages = folder?.settings.languages ?? DEFAULT_LANGUAGES;
    return languages.includes(doc.languageId);
  };

  const validate = (doc: TextDocument): void => {
    const folder = folderFor(doc.uri);
    const path = uriToPath(doc.uri);
    if (!folder) return;
    if (path && folder.isGlossaryFile(path)) {
      publishGlossary(folder);
      return;
    }
    if (!isChecked(doc)) return;
    // Opening a document fires both "open" and "changed": publish each version once per glossary.
    const stamp = `${doc.version}:${folder.generation}`;
    if (published.get(doc.uri) === stamp) return;
    published.set(doc.uri, stamp);
    const analysed = ctx.analyse(doc);
    if (!analysed) return;
    const sent = connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(doc, analysed.analysis.findings) });
    const underline = folder.settings.underlineKnownTerms ?? true;
    const { version } = doc;
    // After the diagnostics are on their way: the underlines are the less urgent of the two.
    // The document is updated in place: a newer version sends its own underlines.
    void sent.then(() => {
      if (doc.version !== version) return;
      void connection.sendNotification('termbridge/termRanges', {
        uri: doc.uri,
        version,
        spans: underline ? termSpans(doc, analysed.analysis.matches) : [],
      });
    });
  };

  const schedule = (key: string, run: () => void): void => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        run();
      }, DEBOUNCE_MS),
    );
  };

  const publishGlossary = (folder: Folder): void => {
    const problems = problemDiagnostics(folder);
    const notes = glossaryNotes(folder);
    const uris = new Set<string>();
    for (const file of new Set([...(folder.bundled ? [] : folder.glossaryFiles), ...problems.keys()])) {
      const uri = pathToUri(file);
      // A file's own problem replaces its findings: those are from the text last indexed, which
      // is not the text the editor shows. Findings are placed in the text they were found in (no
      // file is read again: a big glossary's twenty files took longer to read than to index).
      let diagnostics: Diagnostic[] | undefined = problems.get(file);
      if (!diagnostics) {
        const path = folder.relative(file);
        const findings = folder.glossary.findings.get(path) ?? [];
        diagnostics = [...(notes.get(file) ?? []), ...(findings.length ? toDiagnostics(folder.lines(path), findings) : [])];
      }
      uris.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of glossaryUris.get(folder.uri) ?? []) {
      if (!uris.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    glossaryUris.set(folder.uri, uris);
  };

  // A notification, not a request: nothing waits for the user to dismiss it.
  const tell = (type: MessageType, message: string): void => {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  };
  const notices = new Notices((type, message) => {
    if (type === MessageType.Error) connection.console.error(message);
    else connection.console.warn(message);
    tell(type, message);
  });

  const sendStatus = (): void => {
    void connection.sendNotification('termbridge/status', {
      folders: [...folders.values()].map((f) => ({ uri: f.uri, ...f.status(), glossaryFiles: f.glossaryFiles.map(pathToUri) })),
    });
  };

  const loadSettings = async (folder: Folder): Promise<void> => {
    if (!canConfigure) return;
    try {
      const settings = (await connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'termbridge' })) as EditorSettings | null;
      folder.settings = settings ?? {};
    } catch {
      folder.settings = {};
    }
  };

  const reloadFolder = async (folder: Folder): Promise<void> => {
    await loadSettings(folder);
    await folder.reload(openText); // a failure keeps the last good index and is told below
    notices.set(`config:${folder.uri}`, MessageType.Error, configMessage(folder));
    notices.set(`index:${folder.uri}`, MessageType.Error, indexFailedMessage(folder));
    notices.set(`unreadable:${folder.uri}`, MessageType.Warning, unreadableMessage(folder));
    notices.set(`unlisted:${folder.uri}`, MessageType.Warning, unlistedMessage(folder));
    if (folder.bundled && !toldAboutBundled.has(folder.uri)) {
      toldAboutBundled.add(folder.uri);
      tell(MessageType.Info, `Termbridge: no glossary in ${folder.root}; using the bundled starter glossary (${folder.glossary.terms.length} terms).`);
    }
    publishGlossary(folder); // files that stopped being glossary files lose their glossary diagnostics
    for (const doc of documents.all()) if (folderFor(doc.uri) === folder) validate(doc);
    sendStatus();
    setImmediate(warmUpHover);
  };

  const addFolder = (uri: string): Folder | undefined => {
    const root = uriToPath(uri);
    if (!root || folders.has(uri)) return folders.get(uri);
    const folder = new Folder(uri, root.replace(/\/$/, ''), cacheDir);
    folders.set(uri, folder);
    return folder;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canConfigure = !!caps.workspace?.configuration;
    canWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canShowDocument = !!caps.window?.showDocument?.support;
    hasFolderEvents = !!caps.workspace?.workspaceFolders;
    const options = params.initializationOptions as { addTermCommand?: unknown; cacheDir?: unknown } | undefined;
    if (typeof options?.addTermCommand === 'string') addTermCommand = options.addTermCommand;
    cacheDir = typeof options?.cacheDir === 'string' ? options.cacheDir : defaultCacheDir();
    for (const f of params.workspaceFolders ?? []) addFolder(f.uri);
    if (folders.size === 0 && params.rootUri) addFolder(params.rootUri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['['] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [ADD_TERM_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'termbridge' },
    };
  });

  connection.onInitialized(async () => {
    if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (canWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/.termbridge.json' }],
      });
    }
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        for (const f of event.removed) folders.delete(f.uri);
        for (const f of event.added) {
          const folder = addFolder(f.uri);
          if (folder) await reloadFolder(folder);
        }
      });
    }
    await Promise.all([...folders.values()].map(reloadFolder));
  });

  /** A document outside every folder (or with no folders open) gets a folder of its own. */
  const ensureFolder = async (doc: TextDocument): Promise<void> => {
    if (folders.size > 0) return;
    const path = uriToPath(doc.uri);
    const folder = addFolder(pathToUri(path ? dirname(path) : process.cwd()));
    if (folder) await reloadFolder(folder);
  };

  documents.onDidOpen(async (e) => {
    await ensureFolder(e.document);
    const folder = folderFor(e.document.uri);
    if (folder?.glossary) validate(e.document);
  });
  documents.onDidChangeContent((e) => {
    const folder = folderFor(e.document.uri);
    const path = uriToPath(e.document.uri);
    if (!folder?.glossary) return;
    if (path && folder.isGlossaryFile(path)) {
      schedule(`glossary:${folder.uri}`, () => void reloadFolder(folder));
      return;
    }
    const doc = e.document;
    schedule(doc.uri, () => {
      const current = documents.get(doc.uri);
      if (current) validate(current);
    });
  });
  documents.onDidSave((e) => validate(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    cache.delete(e.document.uri);
    memos.delete(e.document.uri);
    published.delete(e.document.uri);
    const folder = folderFor(e.document.uri);
    const path = uriToPath(e.document.uri);
    if (folder && path && folder.isGlossaryFile(path)) {
      void reloadFolder(folder); // the text on disk counts again
      return;
    }
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    for (const folder of folders.values()) void reloadFolder(folder);
  });

  connection.onDidChangeWatchedFiles((params) => {
    const touched = new Set<Folder>();
    for (const change of params.changes) {
      const folder = folderFor(change.uri);
      const path = uriToPath(change.uri);
      if (!folder || !path) continue;
      // Configuration, any glossary file, or a Markdown file appearing or going (it may be a glossary file).
      if (path.endsWith('.termbridge.json') || folder.isGlossaryFile(path) || change.type !== 2) touched.add(folder);
    }
    for (const folder of touched) schedule(`glossary:${folder.uri}`, () => void reloadFolder(folder));
  });

  const withDoc = <T>(uri: string, run: (doc: TextDocument) => T, fallback: T): T => {
    const doc = documents.get(uri);
    return doc && folderFor(uri)?.glossary ? run(doc) : fallback;
  };
  /** Features that change files: not in an untrusted workspace, where only read-only features run. */
  const trusted = (uri: string | undefined): boolean => (uri ? folderFor(uri) : [...folders.values()][0])?.settings.trusted !== false;

  connection.onHover((p) => withDoc(p.textDocument.uri, (doc) => hover(ctx, doc, doc.offsetAt(p.position)), null));
  connection.onCompletion((p) => withDoc(p.textDocument.uri, (doc) => completion(ctx, doc, p.position), []));
  connection.onDefinition((p) => withDoc(p.textDocument.uri, (doc) => definition(ctx, doc, doc.offsetAt(p.position)), []));
  // Requests that read the whole workspace take the cancellation token: a newer request wins.
  connection.onReferences((p, token) =>
    withDoc(
      p.textDocument.uri,
      (doc) => references(ctx, doc, doc.offsetAt(p.position), p.context.includeDeclaration, token),
      Promise.resolve([]),
    ),
  );
  connection.onPrepareRename((p) => !trusted(p.textDocument.uri) ? null : withDoc(p.textDocument.uri, (doc) => prepareRename(ctx, doc, doc.offsetAt(p.position)), null));
  connection.onRenameRequest((p) =>
    !trusted(p.textDocument.uri) ? null : withDoc(
      p.textDocument.uri,
      (doc) => rename(ctx, doc, doc.offsetAt(p.position), p.newName, folderFor(doc.uri)?.settings.rename?.keepOldNameAsAvoided ?? true),
      Promise.resolve(null),
    ),
  );
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, (doc) => documentSymbols(ctx, doc), []));
  connection.onWorkspaceSymbol((p) => workspaceSymbols(ctx, p.query));
  connection.onCodeLens((p) => withDoc(p.textDocument.uri, (doc) => codeLenses(ctx, doc), []));
  connection.onCodeLensResolve((lens, token) => resolveCodeLens(ctx, lens, token));
  connection.onCodeAction((p) => !trusted(p.textDocument.uri) ? [] : withDoc(p.textDocument.uri, (doc) => codeActions(ctx, doc, p, addTermCommand), []));

  connection.onExecuteCommand(async (p) => {
    if (p.command !== ADD_TERM_COMMAND) return null;
    const args = (p.arguments?.[0] ?? {}) as { word?: string; glossaryUri?: string; documentUri?: string };
    if (!args.word || !trusted(args.documentUri ?? args.glossaryUri)) return null;
    const folder = folderFor(args.documentUri ?? args.glossaryUri ?? '') ?? [...folders.values()][0];
    if (!folder) return null;
    let glossaryUri = args.glossaryUri ?? (folder.bundled ? undefined : pathToUri(folder.glossaryFiles[0]));
    const edit = (() => {
      if (glossaryUri) return addTermEdit(ctx, glossaryUri, args.word!);
      // The file a new glossary would be may exist (outside the configured globs) or be open
      // unsaved: add to it, versioned, rather than write over it.
      const starter = join(folder.root, 'glossary', 'glossary.md');
      if (existsSync(starter) || ctx.openDocument(pathToUri(starter))) return addTermEdit(ctx, pathToUri(starter), args.word!);
      // No glossary of the workspace's own yet: start one.
      glossaryUri = pathToUri(starter);
      const text = `# Glossary\n\n## ${args.word}\n\n**Business:** \n\n**IT:** \n\n**Owner:** \n\n**Status:** draft\n`;
      return {
        uri: glossaryUri,
        heading: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 + args.word!.length } },
        edit: {
          documentChanges: [
            { kind: 'create' as const, uri: glossaryUri, options: { ignoreIfExists: true } },
            { textDocument: { uri: glossaryUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
          ],
        },
      };
    })();
    if (!edit) return null;
    let failure: string | undefined;
    try {
      const result = await connection.workspace.applyEdit({ label: `Add '${args.word}' to the glossary`, edit: edit.edit });
      if (!result.applied) failure = result.failureReason ?? 'the editor refused the edit';
    } catch (e) {
      failure = messageOf(e);
    }
    if (failure !== undefined) {
      // No second try without the version: the usual cause is a file changed since the edit was
      // made, and an unversioned edit would land in the wrong place or over that change.
      const message = `Termbridge: '${args.word}' was not added to the glossary (${failure}). If the file changed meanwhile, try again.`;
      connection.console.warn(message);
      // A client with its own add-term command (VS Code's) tells the user about a null result itself.
      if (addTermCommand === ADD_TERM_COMMAND) tell(MessageType.Warning, message);
      return null;
    }
    if (canShowDocument) void connection.window.showDocument({ uri: edit.uri, selection: edit.heading, takeFocus: true });
    return { uri: edit.uri, range: edit.heading };
  });

  connection.onRequest('termbridge/terms', () =>
    [...folders.values()].flatMap((folder) =>
      (folder.glossary?.terms ?? []).map((t) => ({
        name: t.name,
        aliases: t.aliases,
        context: t.context,
        business: t.business,
        it: t.it,
        owner: t.owner,
        ...headingLocation(folder, t),
      })),
    ),
  );

  documents.listen(connection);
  connection.listen();
}
