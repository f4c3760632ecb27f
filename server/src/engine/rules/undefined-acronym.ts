// undefined-acronym (warning): an all-capitals word (ROAS, B2B, P&L) that is neither in the glossary,
// nor ignored, nor spelled out in the same document ("Return on Ad Spend (ROAS)" or
// "ROAS (Return on Ad Spend)"). Jargon nobody defined is what this product exists to catch.

import { isAcronym } from '../tokens';
import type { Finding } from '../types';
import type { DocumentContext } from './document-context';

export function undefinedAcronym(doc: DocumentContext): Finding[] {
  const { starts, ends, count } = doc.words;
  const { matches, text } = doc;

  // Uses as parallel lists: a document may hold thousands.
  const useStarts: number[] = [];
  const useEnds: number[] = [];
  const useAcronyms: string[] = [];
  const defined = new Set<string>();
  // Few words start like an acronym: look at the text first, at the matches (a glossary term
  // covers the word) only then, walking them in step with the words.
  let m = 0;
  for (let i = 0; i < count; i++) {
    if (!startsLikeAcronym(text, starts[i])) continue;
    while (m < matches.length && matches[m].lastToken < i) m++;
    if (m < matches.length && matches[m].firstToken <= i) continue;
    const start = starts[i];
    const end = ends[i];
    const acronym = acronymOf(text.slice(start, end));
    if (!acronym || isFileName(text, end)) continue;
    if (isDefinedAt(text, start, end)) defined.add(acronym);
    useStarts.push(start);
    useEnds.push(end);
    useAcronyms.push(acronym);
  }

  const findings: Finding[] = [];
  // Every use of an acronym gets the same message and fixes (the first use is where it is spelled
  // out): made once per acronym and shared, as findings are read-only.
  const shared = new Map<string, Pick<Finding, 'message' | 'fixes'>>();
  for (let u = 0; u < useAcronyms.length; u++) {
    const acronym = useAcronyms[u];
    if (defined.has(acronym) || doc.ignore.has(acronym.toLowerCase())) continue;
    let same = shared.get(acronym);
    if (!same) shared.set(acronym, (same = messageAndFixes(acronym, useStarts[u])));
    findings.push({ code: 'undefined-acronym', severity: 'warning', message: same.message, start: useStarts[u], end: useEnds[u], fixes: same.fixes });
  }
  return findings;
}

function messageAndFixes(acronym: string, firstUse: number): Pick<Finding, 'message' | 'fixes'> {
  return {
    message: `'${acronym}' is not in the glossary and is not spelled out in this document.`,
    fixes: [
      {
        title: `Spell out '${acronym}' at its first use`,
        edits: [{ start: firstUse, end: firstUse + acronym.length, newText: `${acronym} (TODO: spell out ${acronym})` }],
        safe: false,
      },
      { title: `Add '${acronym}' to the glossary`, edits: [], safe: false, kind: 'add-to-glossary', word: acronym },
      { title: `Ignore '${acronym}'`, edits: [], safe: false, kind: 'ignore-word', word: acronym },
    ],
  };
}

/** Cheap first look at the word at `start` (two capitals, or a capital and a digit or `&`), before any string work. */
function startsLikeAcronym(text: string, start: number): boolean {
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  return ((a >= 0x41 && a <= 0x5a) || (a >= 0x30 && a <= 0x39)) && ((b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x26);
}

/** `KPI`, `KPIs` and `KPI's` all stand for the acronym `KPI`. */
function acronymOf(word: string): string | undefined {
  const base = word.replace(/['\u2019]s$/, '').replace(/(?<=[A-Z0-9])s$/, '');
  return isAcronym(base) ? base : undefined;
}

/** `README.md`, `ROAS.csv`: part of a file name, not jargon (`end`: where the word ends). */
function isFileName(text: string, end: number): boolean {
  return text.charCodeAt(end) === 0x2e && /[A-Za-z0-9]/.test(text.charAt(end + 1));
}

/** `Full Name (ACR)` or `ACR (Full Name)`: the acronym is spelled out here. */
function isDefinedAt(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start - 1) === 0x28 && text.charCodeAt(end) === 0x29) {
    return /[\p{L}][^()]*[ \t]*\($/u.test(text.slice(Math.max(0, start - 120), start));
  }
  // Most uses are not followed by a parenthesis: decided without taking any text.
  let p = end;
  while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09) p++;
  if (text.charCodeAt(p) !== 0x28 || p >= end + 160) return false;
  const following = text.slice(end, end + 160);
  return /^[ \t]*\([ \t]*[\p{L}][^()\n]*?[\p{L}][ \t]+[\p{L}][^()\n]*\)/u.test(following);
}
