/// <reference types="mocha" />
// Every quick fix, applied through VS Code, and the text it leaves; fix-all, as a code action and
// on save. Each test starts from the brief as on disk: the teardown reverts what a fix changed.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  BRIEF,
  BRIEF_DIAGNOSTICS,
  FIX_ALL,
  applyCodeAction,
  codeAction,
  codeActionsFor,
  codeOf,
  deleteIfExists,
  findDiagnostic,
  folderStatus,
  lineOf,
  openDoc,
  readFile,
  ready,
  relOf,
  revertAll,
  runAcceptingQuickPick,
  showDoc,
  uriOf,
  waitForDiagnostics,
  waitForExactDiagnostics,
  waitUntil,
  writeFile,
} from './helpers';

const WITHOUT_ROAS = BRIEF_DIAGNOSTICS.filter((d) => !d.includes('ROAS'));

async function freshBrief(): Promise<vscode.TextDocument> {
  const doc = (await showDoc(BRIEF)).document;
  await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS);
  return doc;
}

suite('quick fixes', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(async () => {
    await revertAll();
    await deleteIfExists('.termbridge.json');
  });

  test("avoided term: \"Replace with 'Customer Acquisition Cost'\" (preferred)", async () => {
    const doc = await freshBrief();
    const line = lineOf(doc, 'cost per customer');
    const action = await codeAction(doc, findDiagnostic(doc, 'avoid-term', 'cost per customer'), "Replace with 'Customer Acquisition Cost'");
    assert.equal(action.isPreferred, true);
    await applyCodeAction(action);
    assert.equal(doc.lineAt(line).text, "Lower the Customer Acquisition Cost by a tenth and keep the CAC below last year's.");
    await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS.filter((d) => d !== 'avoid-term «cost per customer»'), 'the fixed finding gone');
  });

  test("broken reference: \"Change to 'Customer Lifetime Value'\" (did you mean)", async () => {
    const doc = await freshBrief();
    const line = lineOf(doc, '[[Customer Lifetme Value]]');
    await applyCodeAction(await codeAction(doc, findDiagnostic(doc, 'undefined-term', '[[Customer Lifetme Value]]'), "Change to 'Customer Lifetime Value'"));
    assert.equal(doc.lineAt(line).text, 'Compare with [[Customer Lifetime Value]] and the acquisition cost of last spring.');
    await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS.filter((d) => !d.startsWith('undefined-term')), 'the fixed reference accepted');
  });

  test('undefined acronym: the four fixes are offered, in order', async () => {
    const doc = await freshBrief();
    const titles = (await codeActionsFor(doc, findDiagnostic(doc, 'undefined-acronym', 'ROAS'))).map((a) => a.title);
    const ours = titles.filter((t) => t.includes("'ROAS'"));
    assert.deepEqual(ours, [
      "Spell out 'ROAS' at its first use",
      "Add 'ROAS' to the glossary",
      "Ignore 'ROAS' in this workspace",
      "Ignore 'ROAS' in this document",
    ]);
  });

  test("undefined acronym: \"Spell out 'ROAS' at its first use\"", async () => {
    const doc = await freshBrief();
    const line = lineOf(doc, 'ROAS');
    await applyCodeAction(await codeAction(doc, findDiagnostic(doc, 'undefined-acronym', 'ROAS'), "Spell out 'ROAS' at its first use"));
    assert.equal(doc.lineAt(line).text, 'Lift the ROAS (TODO: spell out ROAS) of paid social and watch the CTR of each creative.');
  });

  test("undefined acronym: \"Add 'ROAS' to the glossary\" adds a stub entry, opens it, and the warning goes", async () => {
    const api = await ready();
    const doc = await freshBrief();
    const action = await codeAction(doc, findDiagnostic(doc, 'undefined-acronym', 'ROAS'), "Add 'ROAS' to the glossary");
    // Two glossary files: the command asks which one; the first offered is the first the server lists.
    const target = vscode.Uri.parse(folderStatus(api)!.glossaryFiles[0]);
    await runAcceptingQuickPick(applyCodeAction(action), `'${action.title}'`);
    const editor = await waitUntil(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === target.toString() ? vscode.window.activeTextEditor : undefined),
      `the new entry in ${relOf(target)} to open`,
    );
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## ROAS');
    assert.match(editor.document.getText(), /\n## ROAS\n\n\*\*Business:\*\* \n\n\*\*IT:\*\* \n\n\*\*Owner:\*\* \n\n\*\*Status:\*\* draft\n/);
    // The new (unsaved) entry is the glossary now: the brief's ROAS is no longer undefined...
    await waitForExactDiagnostics(doc, WITHOUT_ROAS, 'ROAS defined');
    // ...and the stub's empty fields are glossary problems.
    await waitForDiagnostics(editor.document, (d) => d.some((x) => x.startsWith('glossary-missing-field')), 'glossary-missing-field on the stub');
  });

  test("undefined acronym: \"Ignore 'ROAS' in this workspace\" writes .termbridge.json", async () => {
    const doc = await freshBrief();
    await applyCodeAction(await codeAction(doc, findDiagnostic(doc, 'undefined-acronym', 'ROAS'), "Ignore 'ROAS' in this workspace"));
    const config = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriOf('.termbridge.json').toString());
    assert.ok(config, '.termbridge.json was not created');
    assert.deepEqual(JSON.parse(config.getText()), { ignore: ['ROAS'] });
    if (config.isDirty) assert.ok(await config.save(), 'could not save .termbridge.json');
    assert.deepEqual(JSON.parse(await readFile('.termbridge.json')), { ignore: ['ROAS'] });
    await waitForExactDiagnostics(doc, WITHOUT_ROAS, 'ROAS ignored');
    // Deleting the configuration brings the warning back.
    await vscode.workspace.fs.delete(uriOf('.termbridge.json'));
    await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS, 'ROAS flagged again');
  });

  test("undefined acronym: \"Ignore 'ROAS' in this document\" adds a comment at the top", async () => {
    const doc = await freshBrief();
    await applyCodeAction(await codeAction(doc, findDiagnostic(doc, 'undefined-acronym', 'ROAS'), "Ignore 'ROAS' in this document"));
    assert.equal(doc.lineAt(0).text, '<!-- termbridge-ignore ROAS -->');
    assert.equal(doc.lineAt(1).text, '# Spring campaign brief');
    await waitForExactDiagnostics(doc, WITHOUT_ROAS, 'ROAS ignored in the document');
  });

  test("ambiguous term: \"Write '…'\" is offered for each sense, none preferred", async () => {
    const doc = await freshBrief();
    const actions = (await codeActionsFor(doc, findDiagnostic(doc, 'ambiguous-term', 'SQL'))).filter((a) => a.title.startsWith('Write '));
    assert.deepEqual(actions.map((a) => a.title).sort(), ["Write 'Sales Qualified Lead'", "Write 'Structured Query Language'"]);
    // Which sense is meant is the writer's call: neither may be applied by "fix all" or a shortcut.
    assert.deepEqual(actions.map((a) => a.isPreferred ?? false), [false, false]);
  });

  test("ambiguous term: \"Write 'Sales Qualified Lead'\" picks that sense and the finding goes", async () => {
    const doc = await freshBrief();
    const line = lineOf(doc, 'SQL');
    await applyCodeAction(await codeAction(doc, findDiagnostic(doc, 'ambiguous-term', 'SQL'), "Write 'Sales Qualified Lead'"));
    assert.equal(doc.lineAt(line).text, 'Report every Sales Qualified Lead to the sales team weekly.');
    const left = await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS.filter((d) => d !== 'ambiguous-term «SQL»'), 'the ambiguity resolved');
    assert.deepEqual(left.filter((d) => d.range.start.line === line).map((d) => codeOf(d)), [], `line ${line + 1} still has findings`);
  });

  test('fix-all (source.fixAll.termbridge) replaces every avoided term at once', async () => {
    const doc = await openDoc(FIX_ALL);
    await waitForDiagnostics(doc, (d) => d.length === 3, 'three findings');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.termbridge', 10)) ?? [];
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.termbridge');
    assert.ok(fixAll, `no source.fixAll.termbridge action; got ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyCodeAction(fixAll);
    assert.equal(doc.getText(), '# Weekly note\n\nA Customer Acquisition Cost, a Click-Through Rate and a Audience.\n');
    await waitForExactDiagnostics(doc, [], 'no findings left');
  });

  test('fix-all runs on save with "editor.codeActionsOnSave"', async () => {
    const editor = await showDoc(FIX_ALL);
    const doc = editor.document;
    const original = doc.getText();
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'markdown', uri: doc.uri });
    await config.update('codeActionsOnSave', { 'source.fixAll.termbridge': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(doc, (d) => d.length === 3, 'three findings');
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), 'Check the click rate.\n'));
      await waitForDiagnostics(doc, (d) => d.length === 4, 'four findings');
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitUntil(() => (!doc.isDirty ? true : undefined), 'the save to finish');
      const expected = '# Weekly note\n\nA Customer Acquisition Cost, a Click-Through Rate and a Audience.\nCheck the Click-Through Rate.\n';
      assert.equal(doc.getText(), expected);
      assert.equal(await readFile(FIX_ALL), expected);
      await waitForExactDiagnostics(doc, [], 'no findings left');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      // Put the file back for the tests after this one.
      await writeFile(FIX_ALL, original);
    }
  });
});
