// What must hold of every analysis, whatever the document: written independently of the rules (from
// the glossary's terms and the prose ranges), so a rule that drifts is caught.

import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { type DocumentAnalysis, type Finding, type Glossary } from '../../server/src/engine';
import { isAcronym, singularForms, tokenizeAll } from '../../server/src/engine/tokens';

interface Node {
  type: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Source ranges of the blocks that hold inline content (paragraphs, headings, table cells), per remark. */
export function inlineBlocks(text: string): [number, number][] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const out: [number, number][] = [];
  const walk = (n: Node): void => {
    if ((n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') && n.position) {
      out.push([n.position.start.offset! + bom, n.position.end.offset! + bom]);
      return;
    }
    n.children?.forEach(walk);
  };
  walk(processor.parse(bom ? text.slice(1) : text) as Node);
  return out;
}

/** What may stand between two words of one term: white space, hyphens, slashes, emphasis marks, `>`. */
const JOINING_GAP = /^[ \t\r\n\u00a0\-/*_>]*$/;

const keys = (s: string): string[] => tokenizeAll(s).map((t) => t.key);

/** Does `written` name `variant` (case-insensitively, plural/possessive last word, hyphens joined)? */
export function writes(written: string, variant: string): boolean {
  const w = keys(written);
  const v = keys(variant);
  if (w.length === 0 || v.length === 0) return false;
  const tokens = tokenizeAll(written);
  for (let i = 1; i < tokens.length; i++) {
    if (!JOINING_GAP.test(written.slice(tokens[i - 1].end, tokens[i].start))) return false;
  }
  if (tokens[0].start !== 0 || tokens[tokens.length - 1].end !== written.length) return false;
  const lastMatches = (a: string, b: string): boolean => a === b || singularForms(a).includes(b);
  if (w.length === v.length && w.slice(0, -1).every((k, i) => k === v[i]) && lastMatches(w[w.length - 1], v[v.length - 1])) {
    return true;
  }
  // `e-commerce` written `ecommerce`.
  return w.length === 1 && v.length > 1 && lastMatches(w[0], v.join(''));
}

/** Is offset `at` inside a prose range? */
function inProse(prose: number[], at: number): boolean {
  for (let r = 0; r < prose.length; r += 2) if (prose[r] <= at && at < prose[r + 1]) return true;
  return false;
}

/** Every word character of [start, end) lies in prose (the gaps between words may not: `>`, a newline). */
function wordsInProse(text: string, prose: number[], start: number, end: number): boolean {
  for (const t of tokenizeAll(text.slice(start, end))) {
    if (!inProse(prose, start + t.start) || !inProse(prose, start + t.end - 1)) return false;
  }
  return true;
}

/**
 * The broken invariants of one analysis, as readable lines (empty when all hold). `sameBlock`: also
 * check (with remark) that a finding or match spanning a line break stays in one paragraph, heading
 * or table cell — for Markdown where the scanner and remark agree on the blocks.
 */
export function violations(
  text: string,
  glossary: Glossary,
  analysis: DocumentAnalysis,
  sameBlock: boolean | (() => boolean) = false,
): string[] {
  const out: string[] = [];
  let blocks: [number, number][] | undefined;
  let checkBlocks: boolean | undefined;
  const oneBlock = (start: number, end: number): boolean => {
    if (!sameBlock || !/[\r\n]/.test(text.slice(start, end))) return true;
    checkBlocks ??= typeof sameBlock === 'function' ? sameBlock() : sameBlock;
    if (!checkBlocks) return true;
    blocks ??= inlineBlocks(text);
    return blocks.some(([a, b]) => a <= start && end <= b);
  };
  const { prose, links } = analysis.scan;
  const say = (f: Finding, why: string): void => {
    out.push(`${f.code} [${f.start}, ${f.end}) ${JSON.stringify(text.slice(f.start, f.end))}: ${why}`);
  };

  for (let r = 0; r < prose.length; r += 2) {
    if (!(0 <= prose[r] && prose[r] < prose[r + 1] && prose[r + 1] <= text.length) || (r > 0 && prose[r] < prose[r - 1])) {
      out.push(`prose range ${r / 2} [${prose[r]}, ${prose[r + 1]}) is empty, out of order or outside the text`);
    }
  }

  for (const f of analysis.findings) {
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && 0 <= f.start && f.start <= f.end && f.end <= text.length)) {
      say(f, 'range outside the document');
      continue;
    }
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        if (!(0 <= e.start && e.start <= e.end && e.end <= text.length)) say(f, `fix '${fix.title}' edits outside the document`);
        if (fix.safe && (e.start < f.start || e.end > f.end)) say(f, `safe fix '${fix.title}' edits outside the finding`);
      }
    }
    const written = text.slice(f.start, f.end);
    const link = links.find((l) => l.textStart === f.start && l.textEnd === f.end);
    if (f.code === 'undefined-term' && link) {
      // A link into a glossary file: the finding is on the link text, which may be empty or hold code.
      continue;
    }
    if (!wordsInProse(text, prose, f.start, f.end) || (written.length > 0 && !inProse(prose, f.start))) {
      say(f, 'not in prose');
    }
    if (!oneBlock(f.start, f.end)) say(f, 'spans two blocks');
    switch (f.code) {
      case 'avoid-term': {
        const term = glossary.terms[f.termIds?.[0] ?? -1];
        if (!term) say(f, 'names no term');
        else if (!term.avoid.some((a) => writes(written, a))) say(f, `is none of ${JSON.stringify(term.avoid)} (avoided by '${term.name}')`);
        break;
      }
      case 'ambiguous-term': {
        for (const id of f.termIds ?? []) {
          const t = glossary.terms[id];
          if (![t.name, ...t.aliases, ...t.avoid].some((n) => writes(written, n))) say(f, `does not name '${t.name}'`);
        }
        break;
      }
      case 'undefined-acronym': {
        const m = /^(.*?)(?:['\u2019]s|s)?$/s.exec(written)!;
        const base = isAcronym(written) ? written : m[1];
        if (!isAcronym(base) || !f.message.includes(`'${base}'`)) say(f, 'is not an acronym (+ s / \'s)');
        break;
      }
      case 'undefined-term':
        if (!written.startsWith('[[') || !written.endsWith(']]')) say(f, 'is neither a [[wiki link]] nor a link into the glossary');
        break;
      default:
        say(f, 'a document finding with a glossary code');
    }
  }
  for (const m of analysis.matches) {
    if (!(0 <= m.start && m.start < m.end && m.end <= text.length) || !wordsInProse(text, prose, m.start, m.end)) {
      out.push(`match [${m.start}, ${m.end}) ${JSON.stringify(text.slice(m.start, m.end))} outside prose or the document`);
    } else if (!oneBlock(m.start, m.end)) {
      out.push(`match [${m.start}, ${m.end}) ${JSON.stringify(text.slice(m.start, m.end))} spans two blocks`);
    }
  }
  return out;
}
