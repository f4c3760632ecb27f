// Shared shapes of the glossary checks.

import type { Finding, Term } from '../types';

export type FieldRanges = Map<number, Map<string, { start: number; end: number }>>;

export interface GlossaryFinding {
  file: string;
  finding: Finding;
}


/** The range of a term's field, or of its heading when the field is not written. */
export function fieldRange(term: Term, fields: FieldRanges, label: string): { start: number; end: number } {
  return fields.get(term.id)?.get(label) ?? { start: term.start, end: term.end };
}

export function where(term: Term): string {
  return `'${term.name}' (${term.file})`;
}
