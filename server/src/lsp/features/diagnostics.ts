// Engine findings -> LSP diagnostics. The fixes travel in `Diagnostic.data`, already as LSP edits,
// so code actions need no server-side state.

import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../../engine';
import { rangeOf } from '../context';

export interface FixData {
  title: string;
  edits: { range: Range; newText: string }[];
  safe: boolean;
  kind?: Fix['kind'];
  word?: string;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toDiagnostics(doc: TextDocument, findings: Finding[]): Diagnostic[] {
  return findings.map((f) => ({
    range: rangeOf(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'termbridge',
    message: f.message,
    data: {
      fixes: f.fixes.map(
        (fix): FixData => ({
          title: fix.title,
          edits: fix.edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText })),
          safe: fix.safe,
          kind: fix.kind,
          word: fix.word,
        }),
      ),
    },
  }));
}
