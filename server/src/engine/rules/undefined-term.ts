// undefined-term (error): an explicit reference to a term that does not exist — a wiki link
// `[[Term]]`, or a Markdown link into a glossary file whose anchor names no term there. The closest
// existing terms are offered as fixes.

import { findTerms, type Glossary } from '../glossary/build';
import { suggestTerms } from '../suggest';
import type { Finding, Fix, Term } from '../types';
import type { DocumentContext } from './document-context';

export function undefinedTerm(doc: DocumentContext): Finding[] {
  return [...wikiLinks(doc), ...glossaryLinks(doc)].sort((a, b) => a.start - b.start);
}

const WIKI_LINK = /\[\[([^\[\]\n|]+)(?:\|[^\[\]\n]*)?\]\]/g;

function wikiLinks(doc: DocumentContext): Finding[] {
  const findings: Finding[] = [];
  const { prose } = doc.scan;
  const { text } = doc;
  // Few prose ranges hold a link: find each `[[` in the text once, not by looking into every range.
  let next = text.indexOf('[[');
  for (let r = 0; r < prose.length && next >= 0; r += 2) {
    while (next >= 0 && next < prose[r]) next = text.indexOf('[[', next + 1);
    if (next < 0 || next + 2 > prose[r + 1]) continue;
    const chunk = text.slice(prose[r], prose[r + 1]);
    for (const m of chunk.matchAll(WIKI_LINK)) {
      const name = m[1].trim();
      if (namesTerm(doc.glossary, name) || doc.ignore.has(name.toLowerCase())) continue;
      const start = prose[r] + m.index!;
      const nameStart = start + 2 + (m[1].length - m[1].trimStart().length);
      const suggestions = suggestTerms(doc.glossary.terms, name);
      findings.push(
        finding(`[[${name}]]`, start, start + m[0].length, suggestions, (t) => ({
          start: nameStart,
          end: nameStart + name.length,
          newText: t.name,
        })),
      );
    }
  }
  return findings;
}

/** Per glossary, whether a link name names a term: a document links the same names again and again. */
const namedByGlossary = new WeakMap<Glossary, Map<string, boolean>>();

function namesTerm(glossary: Glossary, name: string): boolean {
  let named = namedByGlossary.get(glossary);
  if (!named || named.size > 10_000) namedByGlossary.set(glossary, (named = new Map()));
  let known = named.get(name);
  if (known === undefined) named.set(name, (known = findTerms(glossary, name).length > 0));
  return known;
}

function glossaryLinks(doc: DocumentContext): Finding[] {
  if (!doc.path) return [];
  const findings: Finding[] = [];
  for (const link of doc.scan.links) {
    const dest = link.destination;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(dest) || dest.startsWith('#') || dest.startsWith('/')) continue;
    const hash = dest.indexOf('#');
    if (hash < 0) continue;
    const target = resolvePath(dirname(doc.path), safeDecode(dest.slice(0, hash)));
    const slugs = doc.glossary.slugsByFile.get(target);
    const anchor = safeDecode(dest.slice(hash + 1)).toLowerCase();
    if (!slugs || !anchor || slugs.has(anchor)) continue;
    const inFile = termsIn(doc.glossary, target);
    const suggestions = suggestTerms(inFile, anchor.replace(/-/g, ' '));
    // Point the fixes at the anchor as written after the link text.
    const anchorAt = doc.text.indexOf('#' + dest.slice(hash + 1), link.textEnd);
    findings.push(
      finding(`#${anchor}`, link.textStart, link.textEnd, suggestions, (t) =>
        anchorAt < 0 ? undefined : { start: anchorAt + 1, end: anchorAt + dest.length - hash, newText: t.slug },
      ),
    );
  }
  return findings;
}

/** One array per glossary file, kept: "did you mean" remembers its answers per term list. */
const termsByFile = new WeakMap<Glossary, Map<string, Term[]>>();

function termsIn(glossary: Glossary, file: string): Term[] {
  let byFile = termsByFile.get(glossary);
  if (!byFile) {
    byFile = new Map();
    for (const t of glossary.terms) {
      const list = byFile.get(t.file);
      if (list) list.push(t);
      else byFile.set(t.file, [t]);
    }
    termsByFile.set(glossary, byFile);
  }
  return byFile.get(file) ?? [];
}

function finding(
  written: string,
  start: number,
  end: number,
  suggestions: Term[],
  edit: (t: Term) => { start: number; end: number; newText: string } | undefined,
): Finding {
  const fixes: Fix[] = [];
  for (const t of suggestions) {
    const e = edit(t);
    if (e) fixes.push({ title: `Change to '${t.name}'`, edits: [e], safe: false });
  }
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((t) => `'${t.name}'`).join(' or ')}?` : '';
  return {
    code: 'undefined-term',
    severity: 'error',
    message: `'${written}' names no term in the glossary.${hint}`,
    start,
    end,
    fixes,
    termIds: suggestions.map((t) => t.id),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : path.slice(0, i);
}

/** POSIX-style join and normalisation (`a/b` + `../c` -> `a/c`), kept free of Node's `path`. */
export function resolvePath(dir: string, rel: string): string {
  const absolute = dir.startsWith('/');
  const parts = (dir + '/' + rel).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}
