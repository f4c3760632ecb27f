// Plain data shared by every part of the engine. Nothing here knows about LSP, VS Code or the file
// system: offsets are UTF-16 code-unit indexes into the text the caller passed in.

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

/** Stable finding codes: users' CI scripts and editor settings refer to them. */
export type DocumentRuleId = 'avoid-term' | 'undefined-acronym' | 'undefined-term' | 'ambiguous-term';
export type GlossaryRuleId =
  | 'glossary-duplicate'
  | 'glossary-avoid-conflict'
  | 'glossary-missing-field'
  | 'glossary-unknown-see-also'
  | 'glossary-bad-heading';
export type RuleId = DocumentRuleId | GlossaryRuleId;

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits in the same document. Empty for fixes that need the host (e.g. adding to the glossary). */
  edits: TextEdit[];
  /** Safe fixes are applied by `lint --fix` and fix-all; the others only on request. */
  safe: boolean;
  /** For fixes the host carries out itself. */
  kind?: 'add-to-glossary' | 'ignore-word';
  /** The word or term name the fix is about (add-to-glossary / ignore-word). */
  word?: string;
}

export interface Finding {
  code: RuleId;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
  /** Term ids the finding is about, when it names terms (avoid-term, ambiguous-term). */
  termIds?: number[];
}

/** One sense of a glossary entry, as written in the glossary. */
export interface Term {
  id: number;
  name: string;
  aliases: string[];
  avoid: string[];
  business?: string;
  it?: string;
  owner?: string;
  status?: string;
  seeAlso: string[];
  context?: string;
  /** Other paragraphs under the heading, as Markdown. */
  description: string[];
  /** Labels the format does not know, kept and shown as written. */
  extra: { label: string; value: string }[];
  /** Where the entry lives: glossary file path (as given by the caller) and offsets of the heading. */
  file: string;
  start: number;
  end: number;
  /** GitHub-style anchor of the heading (`customer-acquisition-cost`). */
  slug: string;
}

/** A variant is one way of writing a term that the matcher looks for. */
export type VariantKind = 'name' | 'alias' | 'avoid';

export interface MatchedVariant {
  termId: number;
  kind: VariantKind;
  /** The variant as written in the glossary. */
  text: string;
}

export interface TermMatch {
  start: number;
  end: number;
  /** Every sense this span names (several when the name is ambiguous). */
  variants: MatchedVariant[];
}

export interface LintConfig {
  /** Words never reported. */
  ignore?: string[];
  rules?: Partial<Record<RuleId, RuleSetting>>;
}
