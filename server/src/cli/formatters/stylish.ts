// Human output in the style of ESLint's "stylish": grouped by file, `line:col severity message code`,
// then a summary. Colour only when writing to a terminal.

import { type FileReport, totals } from '../report';

/** In parts, a file at a time. */
export function* formatStylish(reports: FileReport[], color: boolean): Iterable<string> {
  const paint = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const severityColour = { error: '31', warning: '33', info: '36' } as const;
  for (const r of reports) {
    if (r.diagnostics.length === 0) continue;
    let out = `\n${paint('4', r.path)}\n`;
    const rows = r.diagnostics.map((d) => [`${d.range.start.line + 1}:${d.range.start.character + 1}`, d.severity, d.message, d.code]);
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    for (const [pos, sev, msg, code] of rows) {
      const sevText = paint(severityColour[sev as keyof typeof severityColour], sev.padEnd(w1));
      out += `  ${paint('2', pos.padEnd(w0))}  ${sevText}  ${msg}  ${paint('2', code)}\n`;
    }
    yield out;
  }
  const t = totals(reports);
  const problems = t.error + t.warning + t.info;
  const files = reports.length;
  if (problems === 0) {
    yield `${paint('32', '✔')} ${files} file${files === 1 ? '' : 's'} checked, no problems\n`;
    return;
  }
  const summary =
    `✖ ${problems} problem${problems === 1 ? '' : 's'} (${t.error} error${t.error === 1 ? '' : 's'}, ` +
    `${t.warning} warning${t.warning === 1 ? '' : 's'}, ${t.info} info) in ${files} file${files === 1 ? '' : 's'} checked`;
  yield `\n${paint(t.error ? '31;1' : '33;1', summary)}\n`;
}
