// The glossary format and the glossary's own checks.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlossary, findTerms, fromSnapshot, lintDocument, toSnapshot } from '../server/src/engine';
import { describeFindings, FIXTURES } from './helpers/fixtures';

const dir = join(FIXTURES, 'glossary-problems');
const sources = ['a.md', 'b.md'].map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
const glossary = buildGlossary(sources);
const byName = (name: string) => findTerms(glossary, name)[0];

describe('glossary format', () => {
  it('reads every level-2 heading as a term, not the title or the front matter', () => {
    expect(glossary.terms.map((t) => t.name)).toEqual(['Conversion', 'Funnel', 'Lead', 'Sale', 'Goal Completion', 'Pipeline Stage']);
  });

  it('reads bold labels, list labels and case-insensitive labels', () => {
    const conversion = byName('Conversion');
    expect(conversion.aliases).toEqual(['goal completion']);
    expect(conversion.avoid).toEqual(['sale']);
    expect(conversion.business).toBe('A visitor doing what the campaign wanted.');
    expect(conversion.it).toBe('The `order_completed` event.');
    expect(conversion.owner).toBe('Growth');
    expect(conversion.status).toBe('approved');
    expect(conversion.seeAlso).toEqual(['Funnel', 'Funnell']);
    const funnel = byName('Funnel');
    expect(funnel.aliases).toEqual(['pipeline']);
    expect(funnel.business).toBe('The stages people pass through.');
  });

  it('keeps unknown labels and other paragraphs', () => {
    const conversion = byName('Conversion');
    expect(conversion.extra).toEqual([{ label: 'Review cycle', value: 'quarterly' }]);
    expect(conversion.description).toEqual(['A free paragraph of description.', '### Examples', '- buying\n- signing up']);
  });

  it('gives each term its GitHub anchor and place', () => {
    const lead = byName('Lead');
    expect(lead.slug).toBe('lead');
    expect(lead.file).toBe('a.md');
    expect(sources[0].text.slice(lead.start, lead.end)).toBe('## Lead');
  });

  it('finds terms by alias and plural', () => {
    expect(byName('goal completions').name).toBe('Conversion');
  });
});

describe('glossary checks', () => {
  const report = (file: string): string[] => {
    const findings = glossary.findings.get(file)!;
    const text = sources.find((s) => s.path === file)!.text;
    return describeFindings(text, findings).map((line, i) => `${line} ${findings[i].severity}: ${findings[i].message}`);
  };

  it('reports each problem on the glossary file and line where it is', () => {
    expect(report('a.md')).toEqual([
      "31:1 glossary-unknown-see-also «**See also:** Funnel, Funnell» warning: 'Conversion' sees also 'Funnell', which is no term in the glossary; did you mean 'Funnel'?",
      "33:1 glossary-missing-field «## Funnel» warning: 'Funnel' has no IT: line; both audiences need their meaning.",
      "38:1 glossary-bad-heading «## ***» error: The heading '***' has no letters or digits, so it cannot name a term.",
    ]);
    expect(report('b.md')).toEqual([
      "3:1 glossary-avoid-conflict «## Sale» error: 'Sale' is the name of this term, but 'Conversion' (a.md) says to avoid it.",
      "9:1 glossary-duplicate «## Goal Completion» error: 'Goal Completion' is already a name of 'Conversion' (a.md); give it one entry, or set different 'Context:' values if the meanings differ.",
      "17:1 glossary-duplicate «**Aliases:** Pipeline» error: 'Pipeline' is already a name of 'Funnel' (a.md); give it one entry, or set different 'Context:' values if the meanings differ.",
    ]);
  });

  it('accepts a shared name when the contexts differ (an ambiguous term)', () => {
    const senses = buildGlossary([
      { path: 's.md', text: '## Sales Qualified Lead\n\nAliases: SQL\n\nContext: Sales\n\nBusiness: b\n\nIT: i\n\n## Structured Query Language\n\nAliases: SQL\n\nContext: Engineering\n\nBusiness: b\n\nIT: i\n' },
    ]);
    expect(senses.findings.get('s.md')).toEqual([]);
    expect(findTerms(senses, 'SQL').map((t) => t.context)).toEqual(['Sales', 'Engineering']);
  });

  it('an empty glossary is valid and has no terms', () => {
    const empty = buildGlossary([{ path: 'e.md', text: '' }]);
    expect(empty.terms).toEqual([]);
    expect(empty.findings.get('e.md')).toEqual([]);
  });
});

describe('glossary sections', () => {
  const TRICKY = [
    '# Title',
    '',
    '## First',
    '',
    'Business: b',
    '',
    '```md',
    '## Not a term, inside code',
    '```',
    '',
    '<!--',
    '## Not a term, inside a comment',
    '-->',
    '',
    'Second',
    '------',
    '',
    'IT: i',
    '',
    '## Third',
    '',
    'Business: b3',
    '',
  ].join('\n');

  it('finds every term, and only terms, whatever the file holds between headings', () => {
    const g = buildGlossary([{ path: 't.md', text: TRICKY }]);
    expect(g.terms.map((t) => t.name)).toEqual(['First', 'Second', 'Third']);
    expect(g.terms[1].it).toBe('i');
    expect(TRICKY.slice(g.terms[2].start, g.terms[2].end)).toBe('## Third');
  });

  it('reads a file that starts with a byte-order mark like one without, offsets counting the mark', () => {
    const text = '## Wibble\n\nBusiness: b\n\nIT: i\n\nAvoid: wobble\n\n## Two\n\nBusiness: c\n\nIT: d\n';
    const plain = buildGlossary([{ path: 'g.md', text }]);
    const marked = buildGlossary([{ path: 'g.md', text: '\ufeff' + text }]);
    expect(marked.terms.map((t) => [t.name, t.business, t.it, t.avoid])).toEqual(plain.terms.map((t) => [t.name, t.business, t.it, t.avoid]));
    expect(marked.terms.map((t) => t.start)).toEqual(plain.terms.map((t) => t.start + 1));
    expect(marked.terms[0].avoid).toEqual(['wobble']);
    expect(marked.findings.get('g.md')).toEqual([]);
  });

  it('gives the same terms when a file is parsed again after an edit of one section', () => {
    const before = buildGlossary([{ path: 't.md', text: TRICKY }]);
    const edited = TRICKY.replace('Business: b3', 'Business: changed');
    const after = buildGlossary([{ path: 't.md', text: edited }]);
    expect(after.terms.map((t) => [t.name, t.start, t.slug])).toEqual(before.terms.map((t) => [t.name, t.start, t.slug]));
    expect(after.terms[2].business).toBe('changed');
    expect(before.terms[2].business).toBe('b3');
  });
});

describe('a glossary replaced by a newer one', () => {
  it('a document is checked against the glossary it is linted with, not one it was linted with before', () => {
    // The editor lints the same text again after the glossary gains a term.
    const entry = (name: string) => `## ${name}\n\n**Business:** b\n\n**IT:** i\n`;
    const without = buildGlossary([{ path: 'g.md', text: entry('Lead') }]);
    const withTerm = buildGlossary([{ path: 'g.md', text: `${entry('Lead')}\n${entry('Nurture Track')}` }]);
    const doc = 'Every lead joins a [[Nurture Track]].\n';
    const codes = (g: typeof without) => lintDocument(doc, g).map((f) => f.code);
    expect(codes(without)).toEqual(['undefined-term']);
    expect(codes(withTerm)).toEqual([]);
    expect(codes(without)).toEqual(['undefined-term']);
  });
});

describe('glossary snapshots', () => {
  // What the CLI and the server store between runs must give back an index that behaves the same.
  const root = join(__dirname, '..');
  const starter = readdirSync(join(root, 'glossary'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ path: `glossary/${f}`, text: readFileSync(join(root, 'glossary', f), 'utf8') }));
  const built = buildGlossary([...starter, ...sources]);
  const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(built))));

  it('keeps every term, name lookup, slug and glossary finding', () => {
    expect(restored.terms).toEqual(built.terms);
    expect(restored.byName).toEqual(built.byName);
    expect(restored.slugsByFile).toEqual(built.slugsByFile);
    expect(restored.findings).toEqual(built.findings);
    expect(restored.findings.get('a.md')!.length).toBeGreaterThan(0);
  });

  it('finds the same terms in documents, plurals, joined hyphens and capitals included', () => {
    const docs = ['campaign-brief.md', 'requirements-spec.md'].map((f) => readFileSync(join(root, 'examples', f), 'utf8'));
    docs.push('Our CDPs and ecommerce e-commerce audiences; the cac and the CAC. A sale, a Funnel, goal completions.\n');
    for (const doc of docs) {
      const before = lintDocument(doc, built, { path: 'doc.md' });
      expect(before.length).toBeGreaterThan(0);
      expect(lintDocument(doc, restored, { path: 'doc.md' })).toEqual(before);
    }
  });
});

describe('hostile glossaries', () => {
  it('an empty heading is reported and skipped', () => {
    const g = buildGlossary([{ path: 'e.md', text: '## \n\nBusiness: b\n\n## Real\n\nBusiness: b\n\nIT: i\n' }]);
    expect(g.terms.map((t) => t.name)).toEqual(['Real']);
    expect(g.findings.get('e.md')!.map((f) => f.message)).toEqual(['This term heading is empty, so it cannot name a term.']);
  });

  it('cyclic See also is harmless', () => {
    const g = buildGlossary([
      { path: 'c.md', text: '## Alpha\n\nBusiness: a\n\nIT: a\n\nSee also: Beta\n\n## Beta\n\nBusiness: b\n\nIT: b\n\nSee also: Alpha, Beta\n' },
    ]);
    expect(g.findings.get('c.md')).toEqual([]);
  });

  it('a term named by a single common word still lints documents as it says', () => {
    const g = buildGlossary([{ path: 'w.md', text: '## The\n\nAvoid: a\n\nBusiness: b\n\nIT: i\n' }]);
    const findings = lintDocument('A cat and the dog.\n', g);
    expect(findings.map((f) => f.code)).toEqual(['avoid-term']);
    expect(findings[0].start).toBe(0);
  });
});
