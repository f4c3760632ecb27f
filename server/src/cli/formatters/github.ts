// GitHub Actions workflow commands: one `::warning file=...,line=...,col=...::message` per finding.

import type { FileReport } from '../report';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** In parts, a file at a time. */
export function* formatGithub(reports: FileReport[]): Iterable<string> {
  for (const r of reports) {
    let out = '';
    for (const d of r.diagnostics) {
      const props = [
        `file=${escapeProperty(r.path)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(`Termbridge ${d.code}`)}`,
      ].join(',');
      out += `::${COMMAND[d.severity]} ${props}::${escapeData(d.message)}\n`;
    }
    if (out) yield out;
  }
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
