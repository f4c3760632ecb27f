// lintDocument: text + glossary + config in, findings out. The CLI, the language server and the
// tests all call this one function.

import { isSuppressed, readControl } from './control';
import type { Glossary } from './glossary/build';
import type { DocumentKind, ProseScan } from './markdown/prose';
import type { DocumentMatch } from './match';
import { type BlockMemo, readDocument } from './read-document';
import { avoidTerm } from './rules/avoid-term';
import { ambiguousTerm } from './rules/ambiguous-term';
import type { DocumentContext, DocumentRule } from './rules/document-context';
import { undefinedAcronym } from './rules/undefined-acronym';
import { undefinedTerm } from './rules/undefined-term';
import type { DocumentRuleId, Finding, LintConfig } from './types';

export const DOCUMENT_RULES: Record<DocumentRuleId, DocumentRule> = {
  'avoid-term': avoidTerm,
  'undefined-acronym': undefinedAcronym,
  'undefined-term': undefinedTerm,
  'ambiguous-term': ambiguousTerm,
};

export interface LintOptions extends LintConfig {
  /** The document's path with forward slashes; needed to check links into glossary files. */
  path?: string;
  kind?: DocumentKind;
  /** Kept by an editor per document: blocks an edit did not touch are not read again. */
  memo?: BlockMemo;
}

export interface DocumentAnalysis {
  findings: Finding[];
  /** Every glossary term found in the document's prose, in order. */
  matches: DocumentMatch[];
  scan: ProseScan;
  /** The sense the document picks (front matter `context:`). */
  context?: string;
}

export function lintDocument(text: string, glossary: Glossary, options: LintOptions = {}): Finding[] {
  return analyseDocument(text, glossary, options).findings;
}

/** Findings plus what the editor needs besides them (term matches for hovers, links, context). */
export function analyseDocument(text: string, glossary: Glossary, options: LintOptions = {}): DocumentAnalysis {
  const { scan, words, matches } = readDocument(text, options.kind ?? 'markdown', glossary, options.memo);
  const control = readControl(text, scan.comments);
  const ignore = new Set([...(options.ignore ?? []), ...control.ignoredWords].map((w) => w.toLowerCase()));
  const doc: DocumentContext = {
    text,
    path: options.path,
    scan,
    words,
    matches,
    glossary,
    context: scan.frontMatter?.fields['context'],
    ignore,
  };
  const findings: Finding[] = [];
  for (const [id, rule] of Object.entries(DOCUMENT_RULES) as [DocumentRuleId, DocumentRule][]) {
    const setting = options.rules?.[id];
    if (setting === 'off') continue;
    for (const finding of rule(doc)) {
      if (isSuppressed(finding, control)) continue;
      findings.push(setting ? { ...finding, severity: setting } : finding);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, matches: doc.matches, scan, context: doc.context };
}

/** Applies a rule configuration to findings made elsewhere (the glossary's own checks). */
export function configureFindings(findings: Finding[], config: LintConfig): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = config.rules?.[f.code];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out;
}
