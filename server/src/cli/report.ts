// What every output format is made from: per file, its findings as LSP-style ranges (0-based line,
// UTF-16 character). Offsets are converted here, once.

import { type Finding, LineIndex, type Position, type Severity } from '../engine';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
}

export interface FileReport {
  /** Relative to the current folder, forward slashes. */
  path: string;
  diagnostics: Diagnostic[];
}

export function toFileReport(path: string, text: string, findings: Finding[]): FileReport {
  const lines = new LineIndex(text);
  return {
    path,
    diagnostics: findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: { start: lines.positionAt(f.start), end: lines.positionAt(f.end) },
    })),
  };
}

export interface Totals {
  error: number;
  warning: number;
  info: number;
}

export function totals(reports: FileReport[]): Totals {
  const t: Totals = { error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const d of r.diagnostics) t[d.severity]++;
  return t;
}
