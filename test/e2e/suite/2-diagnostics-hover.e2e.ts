/// <reference types="mocha" />
// Diagnostics (codes, severities, messages, ranges) and hovers (a term's name, an alias, an acronym).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BRIEF, BRIEF_DIAGNOSTICS, SPEC, at, codeOf, findDiagnostic, hoverAt, openDoc, ready, revertAll, showDoc, waitForExactDiagnostics } from './helpers';

suite('diagnostics', () => {
  suiteSetup(async () => {
    await ready();
  });
  teardown(revertAll);

  test('the brief gets one diagnostic per problem, with its code, severity, message and exact range', async () => {
    const doc = await openDoc(BRIEF);
    await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS);

    const avoid = findDiagnostic(doc, 'avoid-term', 'cost per customer');
    assert.equal(avoid.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(avoid.message, "Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.");
    assert.deepEqual(avoid.range, new vscode.Range(at(doc, 'cost per customer'), at(doc, 'cost per customer', { offset: 17 })));

    const acronym = findDiagnostic(doc, 'undefined-acronym', 'ROAS');
    assert.equal(acronym.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(acronym.message, "'ROAS' is not in the glossary and is not spelled out in this document.");

    const reference = findDiagnostic(doc, 'undefined-term', '[[Customer Lifetme Value]]');
    assert.equal(reference.severity, vscode.DiagnosticSeverity.Error);
    assert.match(reference.message, /Did you mean 'Customer Lifetime Value'\?/);

    const ambiguous = findDiagnostic(doc, 'ambiguous-term', 'SQL');
    assert.equal(ambiguous.severity, vscode.DiagnosticSeverity.Information);
    assert.match(ambiguous.message, /'SQL' has 2 meanings: Sales Qualified Lead \(Sales\), Structured Query Language \(Engineering\)/);

    findDiagnostic(doc, 'avoid-term', 'target group');
  });

  test('a document without problems gets none', async () => {
    const doc = await openDoc(SPEC);
    await waitForExactDiagnostics(doc, []);
  });

  test('re-checks as the user types', async () => {
    const editor = await showDoc(BRIEF);
    const doc = editor.document;
    await waitForExactDiagnostics(doc, BRIEF_DIAGNOSTICS);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nTrack the click rate daily.\n'));
    const after = await waitForExactDiagnostics(doc, [...BRIEF_DIAGNOSTICS, 'avoid-term «click rate»'], 'the new avoid-term');
    assert.ok(after.every((d) => d.source === 'termbridge' && codeOf(d)));
  });
});

suite('hover', () => {
  let brief: vscode.TextDocument;
  suiteSetup(async () => {
    await ready();
    brief = await openDoc(BRIEF);
  });

  test("on a term's name: the business meaning, the IT concept and the owner", async () => {
    const text = await hoverAt(brief, at(brief, 'Customer Lifetime Value above', { offset: 10 }));
    assert.match(text, /\*\*Customer Lifetime Value\*\*/);
    assert.match(text, /\*\*Business:\*\* What a customer is worth over the whole relationship\./);
    assert.match(text, /\*\*IT:\*\* The `clv_predicted` column of `analytics\.customers`, refreshed nightly\./);
    assert.match(text, /\*\*Owner:\*\* Analytics/);
  });

  test('on an alias: the term it stands for', async () => {
    const text = await hoverAt(brief, at(brief, 'acquisition cost of last', { offset: 3 }));
    assert.match(text, /\*\*Customer Acquisition Cost\*\*/);
    assert.match(text, /\*\*Business:\*\* What it costs, on average, to win one new paying customer\./);
    assert.match(text, /\*\*IT:\*\* Computed in the warehouse from `marketing_spend` and `customers\.first_order_at`\./);
    assert.match(text, /\*\*Owner:\*\* Marketing Operations/);
  });

  test('on an acronym: the term it abbreviates', async () => {
    const text = await hoverAt(brief, at(brief, 'CTR', { offset: 1 }));
    assert.match(text, /\*\*Click-Through Rate\*\*/);
    assert.match(text, /\*\*Business:\*\* Clicks divided by impressions, per ad or email\./);
    assert.match(text, /\*\*IT:\*\* `ad_clicks \/ ad_impressions` per creative/);
    assert.match(text, /\*\*Owner:\*\* Performance Marketing/);
  });

  test('on an avoided word: which word to use instead', async () => {
    const text = await hoverAt(brief, at(brief, 'cost per customer', { offset: 5 }));
    assert.match(text, /is a word to avoid: write \*\*Customer Acquisition Cost\*\*/);
  });

  test('on an ambiguous word: every sense', async () => {
    const text = await hoverAt(brief, at(brief, 'SQL', { offset: 1 }));
    assert.match(text, /has 2 meanings/);
    assert.match(text, /\*\*Sales Qualified Lead\*\* · Sales/);
    assert.match(text, /\*\*Structured Query Language\*\* · Engineering/);
  });

  test('nothing where there is no term', async () => {
    const text = await hoverAt(brief, at(brief, 'weekly', { offset: 2 }));
    assert.doesNotMatch(text, /\*\*Business:\*\*/);
  });
});
