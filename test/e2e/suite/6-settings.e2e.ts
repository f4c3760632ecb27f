/// <reference types="mocha" />
// Settings that reach the server (rule severities, languages) or the client (underlines), and restarting
// the server. Last: these change the workspace's settings and replace the language client.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  at,
  BRIEF,
  BRIEF_DIAGNOSTICS,
  codeOf,
  deleteIfExists,
  folderStatus,
  openDoc,
  ready,
  revertAll,
  showDoc,
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
    for (const key of ['rules', 'languages', 'underlineKnownTerms']) {
      if (config.inspect(key)?.workspaceValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await deleteIfExists('docs/notes.txt');
  });

  test('known terms are underlined; "termbridge.underlineKnownTerms": false takes the underlines away', async () => {
    const api = await ready();
    const doc = (await showDoc(BRIEF)).document;
    await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS);
    const span = (needle: string): vscode.Range => new vscode.Range(at(doc, needle), at(doc, needle, { offset: needle.length }));
    const known = ['cost per customer', 'CAC', 'Customer Lifetime Value'].map(span);
    const onKnown = (ranges: readonly vscode.Range[] | undefined): boolean => !!ranges && known.every((r) => ranges.some((x) => x.isEqual(r)));
    const shown = (): string => JSON.stringify(api.underlines(doc.uri));
    const drawn = await waitUntil(() => (onKnown(api.underlines(doc.uri)) ? api.underlines(doc.uri) : undefined), 'underlines on the known terms', undefined, shown);
    assert.ok(!drawn.some((r) => r.isEqual(span('ROAS'))), 'ROAS is in no glossary entry, so it is not underlined');
    const config = vscode.workspace.getConfiguration('termbridge');
    await config.update('underlineKnownTerms', false, vscode.ConfigurationTarget.Workspace);
    await waitUntil(() => (api.underlines(doc.uri)?.length === 0 ? true : undefined), 'no underlines with the setting off', undefined, shown);
    await config.update('underlineKnownTerms', undefined, vscode.ConfigurationTarget.Workspace);
    await waitUntil(() => (onKnown(api.underlines(doc.uri)) ? true : undefined), 'the underlines back', undefined, shown);
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
