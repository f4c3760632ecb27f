// glossary-duplicate / glossary-avoid-conflict (errors): one way of writing a word must lead to one
// term. Terms whose `Context:` differs may share a name: that is an ambiguous term, not a duplicate.

import { nameKey, type Glossary } from '../glossary/build';
import type { Term, VariantKind } from '../types';
import { fieldRange, type FieldRanges, type GlossaryFinding, where } from './glossary-finding';

interface Use {
  term: Term;
  kind: VariantKind;
  text: string;
}

const FIELD: Record<VariantKind, string> = { name: 'name', alias: 'aliases', avoid: 'avoid' };

export function checkDuplicates(glossary: Glossary, fields: FieldRanges): GlossaryFinding[] {
  const uses = new Map<string, Use[]>();
  for (const term of glossary.terms) {
    const add = (kind: VariantKind, text: string): void => {
      const key = nameKey(text);
      if (!key) return;
      const list = uses.get(key) ?? [];
      if (!list.some((u) => u.term === term)) list.push({ term, kind, text });
      uses.set(key, list);
    };
    add('name', term.name);
    term.aliases.forEach((a) => add('alias', a));
    term.avoid.forEach((a) => add('avoid', a));
  }

  const out: GlossaryFinding[] = [];
  for (const list of uses.values()) {
    for (let i = 1; i < list.length; i++) {
      const later = list[i];
      for (const earlier of list.slice(0, i)) {
        if (senseDiffers(earlier.term, later.term)) continue;
        const conflict = (earlier.kind === 'avoid') !== (later.kind === 'avoid');
        // Report on the name or alias side of a conflict, on the later entry of a duplicate.
        const at = conflict && later.kind === 'avoid' ? earlier : later;
        const other = at === later ? earlier : later;
        const range = at.kind === 'name' ? { start: at.term.start, end: at.term.end } : fieldRange(at.term, fields, FIELD[at.kind]);
        out.push({
          file: at.term.file,
          finding: {
            code: conflict ? 'glossary-avoid-conflict' : 'glossary-duplicate',
            severity: 'error',
            message: conflict
              ? `'${at.text}' is ${at.kind === 'name' ? 'the name of this term' : `an alias of '${at.term.name}'`}, ` +
                `but ${where(other.term)} says to avoid it.`
              : `'${at.text}' is already ${other.kind === 'avoid' ? 'avoided by' : 'a name of'} ${where(other.term)}; ` +
                `give it one entry, or set different 'Context:' values if the meanings differ.`,
            ...range,
            fixes: [],
            termIds: [at.term.id, other.term.id],
          },
        });
        break;
      }
    }
  }
  return out;
}

function senseDiffers(a: Term, b: Term): boolean {
  return !!a.context && !!b.context && a.context.toLowerCase() !== b.context.toLowerCase();
}
