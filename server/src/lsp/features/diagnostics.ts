// Engine findings -> LSP diagnostics. A diagnostic carries no fixes: code actions look its finding up
// in the document's current analysis (as ESLint's server does), so a big document's diagnostics stay
// small to send on every edit, and a fix is always made for the text as it is now.

import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../engine';
import { firstIndex, rangeOf } from '../context';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** `doc`: the text the findings were found in (an open document, or a glossary file as indexed). */
export function toDiagnostics(doc: Pick<TextDocument, 'positionAt'>, findings: Finding[]): Diagnostic[] {
  return findings.map((f) => ({
    range: rangeOf(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'termbridge',
    message: f.message,
  }));
}

/** The findings a diagnostic stands for: same code, same span of the document's current text. */
export function findingsOf(doc: TextDocument, findings: Finding[], diagnostic: Diagnostic): Finding[] {
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  // Findings are in document order: skip to the first that starts here.
  const out: Finding[] = [];
  for (let k = firstIndex(findings, (f) => f.start < start); k < findings.length && findings[k].start === start; k++) {
    if (findings[k].end === end && findings[k].code === diagnostic.code) out.push(findings[k]);
  }
  return out;
}
