// Hover: the glossary entry, readable by a marketer first (Business), then the IT concept, owner,
// status and see-also, and a link to the entry. Ambiguous words show every sense.
//
// Glossary fields are shown as Markdown, but only through safe-markdown (no HTML, images or links
// other than web and e-mail), and the hover is plain MarkupContent: LSP has no way to mark it
// trusted, and the client does not, so VS Code itself also refuses command links.

import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Term } from '../../engine';
import { headingLocation, pathToUri, rangeOf, type ServerContext, termAt } from '../context';
import { safeField } from './safe-markdown';

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

let warmedUp = false;
const WARM_UP_ROUNDS = 20;
/** Every part of a hover, with the Markdown glossary fields commonly hold (a list, code, links). */
const SAMPLE_TERM: Term = {
  id: -1,
  name: 'Sample Term',
  aliases: ['ST'],
  avoid: ['sample word'],
  seeAlso: ['Other Term'],
  description: [],
  extra: [{ label: 'Note', value: 'A *note* with `code` and a [link](https://example.com).' }],
  file: '',
  start: 0,
  end: 0,
  slug: 'sample-term',
  business: 'What the **business** means, with _emphasis_, `code`, <https://example.com> and a [link](https://example.com).\n\n- a list\n- of items',
  it: '`sample_table` in the `crm` schema, fed by the *Sample* event',
  owner: 'Owner',
  status: 'approved',
};

/**
 * Renders a sample entry a few times, once per server, so that the first real hovers do not run the
 * Markdown parser's code for the first time on this thread (the index may have been built on
 * another): those took up to 12 ms, against well under 1 ms once it is optimised. Called when the
 * server is otherwise idle.
 */
export function warmUpHover(): void {
  if (warmedUp) return;
  warmedUp = true;
  try {
    for (let k = 0; k < WARM_UP_ROUNDS; k++) render(SAMPLE_TERM);
  } catch {
    // Only a warm-up: a real hover would meet the same error and report it.
  }
}

/**
 * A term's hover without its link, as blocks. `lines` is the last paragraph, left open so the link
 * joins it; a field with blocks of its own (a list item's nested list, say) closes the paragraph.
 */
interface TermHover {
  blocks: string[];
  lines: string[];
}

// Parsing a field's Markdown costs far more than a hover may take: each term is rendered once. Terms
// are new objects with every glossary build, so an edited entry is rendered afresh and old ones go.
const rendered = new WeakMap<Term, TermHover>();

function describe(term: Term, link: string): string {
  let body = rendered.get(term);
  if (!body) {
    body = render(term);
    rendered.set(term, body);
  }
  // The link is not cached: where the heading is depends on the glossary file's current text.
  return [...body.blocks, [...body.lines, `[Open in the glossary](${link})`].join('  \n')].join('\n\n');
}

function render(term: Term): TermHover {
  const body: TermHover = { blocks: [], lines: [] };
  const field = (label: string, value: string | undefined, missing = ''): void => {
    if (!value) {
      body.lines.push(`**${label}:** ${missing}`);
      return;
    }
    const { text, more } = safeField(value);
    body.lines.push(`**${label}:** ${text}`);
    if (!more) return;
    body.blocks.push(body.lines.join('  \n'), more);
    body.lines = [];
  };
  const context = term.context ? ` · ${escape(term.context)}` : '';
  const status = term.status ? ` · _${escape(term.status)}_` : '';
  body.lines.push(`**${escape(term.name)}**${context}${status}`);
  if (term.aliases.length) body.lines.push(`Also: ${term.aliases.map(escape).join(', ')}`);
  field('Business', term.business, '_not written yet_');
  field('IT', term.it, '_not written yet_');
  if (term.owner) body.lines.push(`**Owner:** ${escape(term.owner)}`);
  if (term.avoid.length) body.lines.push(`**Avoid:** ${term.avoid.map(escape).join(', ')}`);
  if (term.seeAlso.length) body.lines.push(`**See also:** ${term.seeAlso.map(escape).join(', ')}`);
  for (const extra of term.extra) field(escape(extra.label), extra.value);
  return body;
}

/** Plain text for Markdown: punctuation that would format or link is escaped. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!<>|]/g, '\\$&');
}
