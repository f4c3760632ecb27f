import type { FileReport } from '../report';

/** `{"files":[{"path","diagnostics":[{"code","severity","message","range"}]}]}` — a stable contract. */
export function formatJson(reports: FileReport[]): string {
  return JSON.stringify({ files: reports.map((r) => ({ path: r.path, diagnostics: r.diagnostics })) }, null, 2) + '\n';
}
