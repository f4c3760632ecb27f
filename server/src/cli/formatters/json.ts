import type { FileReport } from '../report';

/**
 * `{"files":[{"path","diagnostics":[{"code","severity","message","range"}]}]}` — a stable contract.
 * One line, as ESLint's `json` prints: it is read by programs, and indenting a big report
 * (25,000 findings in the benchmark's corpus) doubled its size and the time to write it. In parts,
 * a file at a time: the whole text (megabytes) is never made at once.
 */
export function* formatJson(reports: FileReport[]): Iterable<string> {
  yield '{"files":[';
  for (let k = 0; k < reports.length; k++) {
    yield (k > 0 ? ',' : '') + JSON.stringify({ path: reports[k].path, diagnostics: reports[k].diagnostics });
  }
  yield ']}\n';
}
