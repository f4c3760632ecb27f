/// <reference types="mocha" />
// Editing the glossary re-checks the open documents and updates the status (the status bar item's
// numbers), both for an edit in the editor and for a file changed on disk.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  BRIEF,
  BRIEF_DIAGNOSTICS,
  METRICS,
  deleteIfExists,
  folderStatus,
  openDoc,
  ready,
  revertAll,
  showDoc,
  waitForDiagnostics,
  waitForExactDiagnostics,
  waitUntil,
  writeFile,
} from './helpers';

const WITHOUT_ROAS = BRIEF_DIAGNOSTICS.filter((d) => !d.includes('ROAS'));
const ROAS_ENTRY = [
  '',
  '## Return on Ad Spend',
  '',
  '**Aliases:** ROAS',
  '',
  '**Business:** Revenue earned for each unit of currency spent on ads.',
  '',
  '**IT:** `attributed_revenue / ad_spend` per campaign in the warehouse.',
  '',
].join('\n');

suite('glossary changes', () => {
  const TERMS = 7;
  suiteSetup(async () => {
    await ready();
  });
  teardown(async () => {
    await revertAll();
    await deleteIfExists('glossary/advertising.md');
  });

  test('editing an open glossary file re-checks the open brief and updates the status', async () => {
    const api = await ready();
    const brief = await openDoc(BRIEF);
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS);
    await waitUntil(() => (folderStatus(api)?.terms === TERMS ? true : undefined), `${TERMS} terms`);

    const glossary = await showDoc(METRICS);
    const end = glossary.document.lineAt(glossary.document.lineCount - 1).range.end;
    assert.ok(await glossary.edit((b) => b.insert(end, ROAS_ENTRY)));
    await waitForExactDiagnostics(brief, WITHOUT_ROAS, 'ROAS defined by the unsaved glossary edit');
    await waitUntil(() => (folderStatus(api)?.terms === TERMS + 1 ? true : undefined), `${TERMS + 1} terms in the status`, undefined, () =>
      JSON.stringify(folderStatus(api)),
    );

    // Undoing the edit (revert) brings the warning and the count back.
    await revertAll();
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, 'ROAS undefined again');
    await waitUntil(() => (folderStatus(api)?.terms === TERMS ? true : undefined), `${TERMS} terms again`);
  });

  test('a glossary error shows in the glossary file and in the status', async () => {
    const api = await ready();
    const glossary = await showDoc(METRICS);
    const end = glossary.document.lineAt(glossary.document.lineCount - 1).range.end;
    // A second term named like another's alias.
    assert.ok(await glossary.edit((b) => b.insert(end, '\n## CAC\n\n**Business:** b\n\n**IT:** i\n')));
    await waitForDiagnostics(glossary.document, (d) => d.some((x) => x.startsWith('glossary-duplicate')), 'glossary-duplicate');
    const status = await waitUntil(() => {
      const s = folderStatus(api);
      return s && s.glossaryErrors > 0 ? s : undefined;
    }, 'glossary errors in the status', undefined, () => JSON.stringify(folderStatus(api)));
    assert.equal(status.glossaryErrors, vscode.languages.getDiagnostics(glossary.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length);
    await revertAll();
    await waitUntil(() => (folderStatus(api)?.glossaryErrors === 0 ? true : undefined), 'no glossary errors again');
  });

  test('a glossary file added and removed on disk (a git pull) re-checks the open brief', async () => {
    const api = await ready();
    const brief = await openDoc(BRIEF);
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS);

    await writeFile('glossary/advertising.md', `# Advertising\n${ROAS_ENTRY}`);
    await waitForExactDiagnostics(brief, WITHOUT_ROAS, 'ROAS defined by the new glossary file');
    await waitUntil(() => (folderStatus(api)?.glossaryFiles.length === 3 ? true : undefined), 'three glossary files in the status', undefined, () =>
      JSON.stringify(folderStatus(api)),
    );

    await deleteIfExists('glossary/advertising.md');
    await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, 'ROAS undefined again');
    await waitUntil(() => (folderStatus(api)?.glossaryFiles.length === 2 ? true : undefined), 'two glossary files again');
  });
});
