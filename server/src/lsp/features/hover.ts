// Hover: the glossary entry, readable by a marketer first (Business), then the IT concept, owner,
// status and see-also, and a link to the entry. Ambiguous words show every sense.

import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Term } from '../../engine';
import { headingLocation, pathToUri, rangeOf, type ServerContext, termAt } from '../context';

export function hover(ctx: ServerContext, doc: TextDocument, offset: number): Hover | null {
  const hit = termAt(ctx, doc, offset);
  const folder = ctx.folderFor(doc.uri);
  if (!hit || !folder) return null;
  const written = doc.getText().slice(hit.start, hit.end);
  const parts: string[] = [];
  const avoided = hit.variants?.find((v) => v.kind === 'avoid') && !hit.variants.some((v) => v.kind !== 'avoid');
  if (avoided) parts.push(`⚠️ *${escape(written)}* is a word to avoid: write **${escape(hit.terms[0].name)}**.`);
  if (hit.terms.length > 1) parts.push(`*${escape(written)}* has ${hit.terms.length} meanings:`);
  for (const term of hit.terms) {
    // VS Code opens file links at `#L<line>`; it ignores heading anchors.
    const heading = headingLocation(folder, term);
    const link = `${heading.uri}#L${heading.range.start.line + 1}`;
    parts.push(describe(term, link));
  }
  const contents: MarkupContent = { kind: 'markdown', value: parts.join('\n\n---\n\n') };
  return { contents, range: rangeOf(doc, hit.start, hit.end) };
}

function describe(term: Term, link: string): string {
  const lines: string[] = [];
  const context = term.context ? ` · ${escape(term.context)}` : '';
  const status = term.status ? ` · _${escape(term.status)}_` : '';
  lines.push(`**${escape(term.name)}**${context}${status}`);
  if (term.aliases.length) lines.push(`Also: ${term.aliases.map(escape).join(', ')}`);
  lines.push(`**Business:** ${term.business ? safe(term.business) : '_not written yet_'}`);
  lines.push(`**IT:** ${term.it ? safe(term.it) : '_not written yet_'}`);
  if (term.owner) lines.push(`**Owner:** ${escape(term.owner)}`);
  if (term.avoid.length) lines.push(`**Avoid:** ${term.avoid.map(escape).join(', ')}`);
  if (term.seeAlso.length) lines.push(`**See also:** ${term.seeAlso.map(escape).join(', ')}`);
  for (const extra of term.extra) lines.push(`**${escape(extra.label)}:** ${safe(extra.value)}`);
  lines.push(`[Open in the glossary](${link})`);
  return lines.join('  \n');
}

/** Plain text for Markdown: punctuation that would format or link is escaped. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!<>|]/g, '\\$&');
}

/**
 * Glossary Markdown is shown as Markdown, but it comes from many hands and arrives with every pull:
 * no raw HTML, no images (they would load remote content when the hover opens), and no links other
 * than http(s) (no `command:`, `file:` or other schemes that would run or open something). The hover
 * is also never marked trusted, so VS Code itself refuses command links.
 */
export function safe(markdown: string): string {
  return markdown
    .replace(/</g, '&lt;')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\]\(\s*(?:&lt;)?([a-z][a-z0-9+.-]*):[^)]*\)/gi, (m, scheme: string) => (/^https?$/i.test(scheme) ? m : ']'))
    .replace(/\s*\n\s*/g, ' ');
}
