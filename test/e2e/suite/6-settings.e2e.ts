/// <reference types="mocha" />
// Settings that reach the server (rule severities, languages) and restarting the server. Last:
// these change the workspace's settings and replace the language client.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  BRIEF,
  BRIEF_DIAGNOSTICS,
  codeOf,
  deleteIfExists,
  folderStatus,
  openDoc,
  ready,
  revertAll,
  waitForExactDiagnostics,
  waitUntil,
  writeFile,
} from './helpers';

suite('settings and restart', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(async () => {
    await revertAll();
    const config = vscode.workspace.getConfiguration('termbridge');
    for (const key of ['rules', 'languages']) {
      if (config.inspect(key)?.workspaceValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await deleteIfExists('docs/notes.txt');
  });

  test('"termbridge.rules" changes a rule\'s severity, or turns it off, without a reload', async () => {
    const brief = await openDoc(BRIEF);
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS);
    const config = vscode.workspace.getConfiguration('termbridge');
    await config.update('rules', { 'undefined-acronym': 'off', 'ambiguous-term': 'error' }, vscode.ConfigurationTarget.Workspace);
    const after = await waitForExactDiagnostics(
      brief,
      BRIEF_DIAGNOSTICS.filter((d) => !d.startsWith('undefined-acronym')),
      'undefined-acronym off',
    );
    const ambiguous = after.find((d) => codeOf(d) === 'ambiguous-term');
    assert.equal(ambiguous?.severity, vscode.DiagnosticSeverity.Error);

    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, 'the defaults back');
    await waitUntil(
      () => (vscode.languages.getDiagnostics(brief.uri).find((d) => codeOf(d) === 'ambiguous-term')?.severity === vscode.DiagnosticSeverity.Information ? true : undefined),
      'ambiguous-term back to information',
    );
  });

  test('"termbridge.languages" with plaintext checks .txt files too', async () => {
    await writeFile('docs/notes.txt', 'Remember the cost per customer.\n');
    const notes = await openDoc('docs/notes.txt');
    assert.equal(notes.languageId, 'plaintext');
    await vscode.window.showTextDocument(notes);
    await vscode.workspace.getConfiguration('termbridge').update('languages', ['markdown', 'plaintext'], vscode.ConfigurationTarget.Workspace);
    await waitForExactDiagnostics(notes, ['avoid-term «cost per customer»'], 'the .txt file checked');
    // The brief is still checked by the new client.
    await waitForExactDiagnostics(await openDoc(BRIEF), BRIEF_DIAGNOSTICS);
  });

  test('"Restart Language Server" starts a new server that checks and reports again', async () => {
    const api = await ready();
    const brief = await openDoc(BRIEF);
    await vscode.window.showTextDocument(brief);
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS);
    const before = api.client;
    await vscode.commands.executeCommand('termbridge.restartServer');
    assert.notEqual(api.client, before, 'the restart did not create a new client');
    await waitUntil(() => (api.client.isRunning() ? true : undefined), 'the new client to run');
    await waitUntil(() => folderStatus(api), 'a status from the new server');
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, 'diagnostics from the new server');
    // And it answers requests.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', brief.uri, brief.positionAt(brief.getText().indexOf('CTR') + 1));
    assert.ok(hovers?.length, 'no hover from the restarted server');
  });
});
