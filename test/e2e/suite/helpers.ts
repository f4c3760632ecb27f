// What the end-to-end tests share: the extension's API, the fixture workspace, waiting on editor
// events (never fixed sleeps), positions by text, and putting documents back as they were.

import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { TermbridgeApi } from '../../../client/src/extension';
import type { FolderStatus } from '../../../client/src/protocol';

export const EXTENSION_ID = 'termbridge.termbridge';
export const SOURCE = 'termbridge';

/** How long one wait may take. Generous: a loaded CI machine, the first glossary build. */
export const WAIT_MS = 20_000;

export const BRIEF = 'docs/campaign-brief.md';
export const SPEC = 'docs/requirements-spec.md';
export const FIX_ALL = 'docs/fix-all.md';
export const METRICS = 'glossary/metrics.md';
export const PLATFORMS = 'glossary/platforms.md';

/**
 * Where the runner put the extension it means to test: the installed .vsix (test:e2e) or the
 * source tree (test:vscode). ready() fails without it.
 */
const EXPECT_PATH_VARIABLE = 'TERMBRIDGE_E2E_EXPECT_EXTENSION_PATH';

/** The fixture workspace in the repository; the suite must run on a copy of it. */
const FIXTURE = resolve(__dirname, '..', '..', 'fixtures', 'workspace');

let readyPromise: Promise<TermbridgeApi> | undefined;

/** Activates the extension once and waits for the server's first status; checks the workspace. */
export function ready(): Promise<TermbridgeApi> {
  readyPromise ??= (async () => {
    const folder = root();
    const real = (p: string): string => {
      try {
        return realpathSync(p);
      } catch {
        return p;
      }
    };
    assert.notEqual(
      real(folder.uri.fsPath),
      real(FIXTURE),
      'the suite edits files: open a copy of test/e2e/fixtures/workspace (the runners do), not the fixture itself',
    );
    const ext = vscode.extensions.getExtension<TermbridgeApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    console.log(`[e2e] testing ${EXTENSION_ID} ${ext.packageJSON.version} from ${ext.extensionPath}`);
    // Required, not checked when present: a runner whose variable got lost on the way to the
    // extension host would otherwise pass while testing whatever copy VS Code happened to load.
    const expected = process.env[EXPECT_PATH_VARIABLE];
    assert.ok(
      expected,
      `${EXPECT_PATH_VARIABLE} is not set in the extension host, so the suite cannot tell which copy of the extension it tests ` +
        `(loaded from ${ext.extensionPath}); run it with npm run test:e2e or npm run test:vscode, which set it`,
    );
    assert.equal(real(ext.extensionPath), real(expected), `the extension under test is not the one the runner loaded (${EXPECT_PATH_VARIABLE})`);
    const api = ext.isActive ? ext.exports : await ext.activate();
    assert.equal(typeof api?.status, 'function', 'activate() did not return the Termbridge API');
    // The server starts when a Markdown document opens (activation is onLanguage:markdown).
    await openDoc(BRIEF);
    await waitUntil(() => folderStatus(api), 'the first termbridge/status from the language server', 60_000);
    return api;
  })();
  return readyPromise;
}

export function root(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open a copy of the fixture workspace');
  return folder;
}

export function uriOf(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root().uri, rel);
}

export function relOf(uri: vscode.Uri): string {
  return relative(root().uri.fsPath, uri.fsPath).split('\\').join('/');
}

export function folderStatus(api: TermbridgeApi): FolderStatus | undefined {
  const wanted = root().uri.toString();
  return api.status()?.folders.find((f) => vscode.Uri.parse(f.uri).toString() === wanted);
}

export async function openDoc(rel: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uriOf(rel));
}

export async function showDoc(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await openDoc(rel), { preview: false });
}

/** The position of the `nth` occurrence of `needle` in the document, moved by `offset` characters. */
export function at(doc: vscode.TextDocument, needle: string, opts: { nth?: number; offset?: number } = {}): vscode.Position {
  const text = doc.getText();
  let index = -1;
  for (let i = 0; i <= (opts.nth ?? 0); i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `'${needle}' (occurrence ${(opts.nth ?? 0) + 1}) is not in ${relOf(doc.uri)}`);
  }
  return doc.positionAt(index + (opts.offset ?? 0));
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  return at(doc, needle).line;
}

export function termbridgeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `code «text»` per diagnostic, in document order: readable in a failed assertion. */
export function describeDiagnostics(doc: vscode.TextDocument, diagnostics: vscode.Diagnostic[]): string[] {
  return [...diagnostics]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => `${codeOf(d)} «${doc.getText(d.range)}»`);
}

/**
 * Resolves with the first value `check` returns that is not undefined. `check` runs now, on every
 * editor event that can change the answer, and every 100 ms for state without an event of its own
 * (the extension's status). Rejects after `timeoutMs` naming what it waited for and the last state.
 */
export function waitUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = WAIT_MS,
  lastSeen?: () => string,
): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      subscriptions.forEach((s) => s.dispose());
      fn();
    };
    const attempt = async (): Promise<void> => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== undefined) {
            finish(() => resolvePromise(value));
            return;
          }
        } while (again && !done);
      } catch (e) {
        finish(() => reject(e));
      } finally {
        running = false;
      }
    };
    const timer = setTimeout(() => {
      let seen = '';
      try {
        seen = lastSeen ? `; last seen: ${lastSeen()}` : '';
      } catch (e) {
        seen = `; (describing the last state failed: ${String(e)})`;
      }
      finish(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen}`)));
    }, timeoutMs);
    const poll = setInterval(() => void attempt(), 100);
    subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => void attempt()),
      vscode.workspace.onDidChangeTextDocument(() => void attempt()),
      vscode.window.onDidChangeActiveTextEditor(() => void attempt()),
      vscode.window.onDidChangeTextEditorSelection(() => void attempt()),
    );
    void attempt();
  });
}

/** Waits until the document's Termbridge diagnostics, as `code «text»` lines, satisfy `test`. */
export async function waitForDiagnostics(
  doc: vscode.TextDocument,
  test: (described: string[], diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitUntil(
    () => {
      const diagnostics = termbridgeDiagnostics(doc.uri);
      return test(describeDiagnostics(doc, diagnostics), diagnostics) ? diagnostics : undefined;
    },
    `${what} in ${relOf(doc.uri)}`,
    timeoutMs,
    () => JSON.stringify(describeDiagnostics(doc, termbridgeDiagnostics(doc.uri))),
  );
}

/** Waits until the document's diagnostics are exactly `expected` (as `code «text»`, any order). */
export function waitForExactDiagnostics(doc: vscode.TextDocument, expected: string[], what = 'the expected diagnostics'): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify([...expected].sort());
  return waitForDiagnostics(doc, (d) => JSON.stringify([...d].sort()) === want, `${what} ${want}`);
}

export function findDiagnostic(doc: vscode.TextDocument, code: string, text: string): vscode.Diagnostic {
  const found = termbridgeDiagnostics(doc.uri).find((d) => codeOf(d) === code && doc.getText(d.range) === text);
  assert.ok(found, `no ${code} diagnostic on «${text}» in ${relOf(doc.uri)}: ${JSON.stringify(describeDiagnostics(doc, termbridgeDiagnostics(doc.uri)))}`);
  return found;
}

/** The code actions VS Code offers for a diagnostic, as the light bulb would ask for them. */
export async function codeActionsFor(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
      undefined,
      10, // resolve lazily computed edits, as the light bulb does before applying

    )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

export async function codeAction(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const actions = await codeActionsFor(doc, diagnostic);
  const found = actions.find((a) => a.title === title);
  assert.ok(found, `no code action '${title}'; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  return found;
}

/** Applies a code action as VS Code does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of '${action.title}'`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Runs a command that shows a quick pick and accepts its first (selected) item: the pick has no
 * API, so the accept command is sent until the command has finished.
 */
export async function runAcceptingQuickPick<T>(command: Thenable<T>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  let finished = false;
  const result = Promise.resolve(command).finally(() => (finished = true));
  const deadline = Date.now() + timeoutMs;
  while (!finished) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} to finish`);
    await Promise.race([result.then(() => undefined, () => undefined), new Promise((r) => setTimeout(r, 100))]);
    if (!finished) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}

/** The hovers' Markdown, joined, with backslash escapes removed (`Click\\-Through` reads `Click-Through`). */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, '$1');
}

export async function hoverAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
}

/** Puts every changed document of the workspace copy back as it is on disk and closes the editors. */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    // Only the workspace copy: the workbench itself now and then edits the user settings.json (a
    // settings migration) and saves it a moment later, and reverting that raced with its save.
    if (!doc.isDirty || doc.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(doc.uri)) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!doc.isDirty, `could not revert ${doc.uri.fsPath}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Deletes a file the test created in the workspace copy, if it is there. */
export async function deleteIfExists(rel: string): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uriOf(rel));
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
  }
}

export async function writeFile(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uriOf(rel), new TextEncoder().encode(text));
}

export async function readFile(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uriOf(rel)));
}

/** The diagnostics of the untouched brief: what every test that changes things must come back to. */
export const BRIEF_DIAGNOSTICS = [
  'avoid-term «cost per customer»',
  'undefined-acronym «ROAS»',
  'undefined-term «[[Customer Lifetme Value]]»',
  'ambiguous-term «SQL»',
  'avoid-term «target group»',
];
