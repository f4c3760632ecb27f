/// <reference types="mocha" />
// Activation, the server's status, the status bar item made from it (text, tooltip, command) and
// that command.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { METRICS, PLATFORMS, folderStatus, readFile, ready, relOf, revertAll, runAcceptingQuickPick, uriOf, waitUntil } from './helpers';

suite('activation and status', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(revertAll);

  test('activates on Markdown and reports the workspace glossary: terms, no errors, not bundled', async () => {
    const api = await ready();
    const headings = (await readFile(METRICS)).match(/^## /gm)!.length + (await readFile(PLATFORMS)).match(/^## /gm)!.length;
    assert.equal(headings, 7, 'the fixture glossary changed: update this test');
    const status = await waitUntil(() => folderStatus(api), 'the folder status');
    assert.equal(status.terms, headings);
    assert.equal(status.glossaryErrors, 0);
    assert.equal(status.bundled, false);
    assert.deepEqual(status.glossaryFiles.map((f) => relOf(vscode.Uri.parse(f))).sort(), [METRICS, PLATFORMS]);
    assert.ok(vscode.extensions.getExtension('termbridge.termbridge')!.isActive);
  });

  test('the status bar item shows the term count; a click runs Open Glossary File', async () => {
    const api = await ready();
    const item = await waitUntil(() => api.statusBarItem(), 'the status bar item to show', undefined, () => JSON.stringify(api.status()));
    // `$(book)` is the icon the workbench draws; no `$(error)` part: the fixture glossary is clean.
    assert.equal(item.text, '$(book) 7 terms');
    assert.equal(item.tooltip, 'Termbridge\n7 glossary terms in 2 files\nClick to open the glossary.');
    assert.equal(item.command, 'termbridge.openGlossary');
  });

  test('registers every command the manifest contributes', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'termbridge.addTermToGlossary',
      'termbridge.openGlossaryEntry',
      'termbridge.searchGlossary',
      'termbridge.openGlossary',
      'termbridge.restartServer',
      'termbridge.showOutput',
    ]) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test("the status bar item's command (Open Glossary File) opens a glossary file", async () => {
    const api = await ready();
    const first = vscode.Uri.parse(folderStatus(api)!.glossaryFiles[0]);
    await runAcceptingQuickPick(vscode.commands.executeCommand('termbridge.openGlossary'), 'termbridge.openGlossary');
    const editor = await waitUntil(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === first.toString() ? vscode.window.activeTextEditor : undefined),
      `${relOf(first)} to open`,
      undefined,
      () => String(vscode.window.activeTextEditor?.document.uri),
    );
    assert.equal(editor.selection.active.line, 0);
    assert.ok([uriOf(METRICS).toString(), uriOf(PLATFORMS).toString()].includes(editor.document.uri.toString()));
  });
});
