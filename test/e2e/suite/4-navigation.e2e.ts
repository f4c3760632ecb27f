/// <reference types="mocha" />
// Completion, go to definition, references and rename, through VS Code's own commands.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BRIEF, BRIEF_DIAGNOSTICS, METRICS, SPEC, at, deleteIfExists, lineOf, openDoc, ready, relOf, revertAll, showDoc, waitForExactDiagnostics, waitUntil, writeFile } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Applies a completion item as accepting it in the suggest widget would. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem, position: vscode.Position): Promise<void> {
  const range = item.range ? ('inserting' in item.range ? item.range.replacing : item.range) : editor.document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position);
  const text = item.insertText === undefined ? labelOf(item) : typeof item.insertText === 'string' ? item.insertText : item.insertText.value;
  assert.ok(await editor.edit((b) => b.replace(range, text)));
}

async function complete(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return list?.items ?? [];
}

/** A new file in the workspace copy (one name per test: VS Code keeps closed documents' models a while). */
async function scratch(rel: string, text: string): Promise<vscode.TextEditor> {
  await writeFile(rel, text);
  const editor = await showDoc(rel);
  assert.equal(editor.document.getText(), text);
  return editor;
}

suite('completion', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(async () => {
    await revertAll();
    await deleteIfExists('docs/scratch-reference.md');
    await deleteIfExists('docs/scratch-word.md');
  });

  test('inside [[ it offers term names and closes the reference', async () => {
    const editor = await scratch('docs/scratch-reference.md', 'See [[Customer L\n');
    const position = new vscode.Position(0, 16);
    const items = (await complete(editor.document, position, '[')).filter((i) => labelOf(i).startsWith('Customer'));
    assert.deepEqual(items.map(labelOf), ['Customer Lifetime Value']);
    await accept(editor, items[0], position);
    assert.equal(editor.document.lineAt(0).text, 'See [[Customer Lifetime Value]]');
    await waitForExactDiagnostics(editor.document, [], 'a valid reference');
  });

  test('in prose it completes the term being typed', async () => {
    const editor = await scratch('docs/scratch-word.md', 'The audi\n');
    const position = new vscode.Position(0, 8);
    const items = (await complete(editor.document, position)).filter((i) => labelOf(i) === 'Audience');
    assert.equal(items.length, 1, 'Audience is not offered');
    await accept(editor, items[0], position);
    assert.equal(editor.document.lineAt(0).text, 'The Audience');
  });
});

suite('go to definition and references', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(revertAll);

  test('go to definition on an acronym lands on the glossary heading', async () => {
    const editor = await showDoc(BRIEF);
    const position = at(editor.document, 'CAC', { offset: 1 });
    const locations = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position)) ?? [];
    assert.equal(locations.length, 1, `expected one definition, got ${locations.length}`);
    const first = locations[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    assert.equal(relOf(uri), METRICS);

    // As F12 does: the editor opens the glossary with the cursor on the heading.
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const landed = await waitUntil(
      () => (vscode.window.activeTextEditor && relOf(vscode.window.activeTextEditor.document.uri) === METRICS ? vscode.window.activeTextEditor : undefined),
      `${METRICS} to open`,
    );
    assert.equal(landed.document.lineAt(landed.selection.active.line).text, '## Customer Acquisition Cost');
    assert.equal(landed.selection.active.line, lineOf(landed.document, '## Customer Acquisition Cost'));
  });

  test('the open-entry command goes to the same heading', async () => {
    const editor = await showDoc(BRIEF);
    const position = at(editor.document, 'CTR', { offset: 1 });
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('termbridge.openGlossaryEntry');
    const landed = await waitUntil(
      () => (vscode.window.activeTextEditor && relOf(vscode.window.activeTextEditor.document.uri) === METRICS ? vscode.window.activeTextEditor : undefined),
      `${METRICS} to open`,
    );
    assert.equal(landed.document.lineAt(landed.selection.active.line).text, '## Click-Through Rate');
  });

  test('references: the heading and every use across the workspace, unopened files included', async () => {
    const brief = await openDoc(BRIEF);
    const specOpen = vscode.workspace.textDocuments.some((d) => relOf(d.uri) === SPEC);
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', brief.uri, at(brief, 'CAC', { offset: 1 }))) ?? [];
    const where = locations.map((l) => `${relOf(l.uri)}:${l.range.start.line + 1}`);
    const spec = await openDoc(SPEC);
    const metrics = await openDoc(METRICS);
    const expected = [
      `${METRICS}:${lineOf(metrics, '## Customer Acquisition Cost') + 1}`,
      `${BRIEF}:${lineOf(brief, 'cost per customer') + 1}`, // the avoided name
      `${BRIEF}:${lineOf(brief, 'CAC') + 1}`, // the acronym
      `${BRIEF}:${lineOf(brief, 'acquisition cost of') + 1}`, // the alias
      `${SPEC}:${lineOf(spec, 'Customer Acquisition Cost per') + 1}`,
      `${SPEC}:${lineOf(spec, '[[Customer Acquisition Cost]]') + 1}`,
    ];
    for (const e of expected) assert.ok(where.includes(e), `references lack ${e}; got ${JSON.stringify(where)}`);
    assert.equal(where.filter((w) => w.startsWith(BRIEF)).length, 3, `brief uses: ${JSON.stringify(where)}`);
    if (!specOpen) console.log(`[e2e] references found ${SPEC} while it was not open`);
  });
});

suite('rename', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(revertAll);

  test('renaming a term from a use renames the heading, every use and reference, and keeps the old name as Avoid:', async () => {
    const brief = (await showDoc(BRIEF)).document;
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS);
    const position = at(brief, 'Customer Lifetime Value above', { offset: 10 });
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', brief.uri, position);
    assert.equal(prepared?.placeholder, 'Customer Lifetime Value');
    assert.equal(brief.getText(prepared.range), 'Customer Lifetime Value');

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', brief.uri, position, 'Lifetime Value');
    assert.ok(edit, 'no rename edit');
    const touched = edit.entries().map(([uri]) => relOf(uri)).sort();
    assert.deepEqual(touched, [BRIEF, METRICS, SPEC].sort());
    assert.ok(await vscode.workspace.applyEdit(edit));

    assert.equal(brief.lineAt(lineOf(brief, 'above the median')).text, 'The target group is returning shoppers with a Lifetime Value above the median.');
    const spec = await openDoc(SPEC);
    assert.match(spec.getText(), /It stores the Lifetime Value next to it/);
    const metrics = await openDoc(METRICS);
    const glossary = metrics.getText();
    assert.match(glossary, /\n## Lifetime Value\n\n\*\*Aliases:\*\* CLV\n\n\*\*Avoid:\*\* lifetime revenue, Customer Lifetime Value\n/);
    assert.match(glossary, /\*\*See also:\*\* Lifetime Value\n/);
    assert.doesNotMatch(glossary, /## Customer Lifetime Value/);
    // Every use was renamed, so the old name (now avoided) is nowhere to be flagged.
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, 'the same findings after the rename');
    await waitForExactDiagnostics(spec, [], 'no findings in the renamed spec');
  });
});
