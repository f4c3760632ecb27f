// Properties of the engine on arbitrary and Markdown-shaped input: it never throws, and every
// finding lies inside the document, inside prose, on the text it names.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseDocument,
  buildGlossary,
  type Glossary,
  type GlossarySource,
  lintDocument,
  type LintOptions,
} from '../../server/src/engine';
import { documentArb, fillPhrases, GLOSSARY_POOLS, glossarySourcesArb, hostileTextArb, mangledDocumentArb } from './arbitraries';
import { phrasesFor, starterGlossary } from './glossaries';
import { violations } from './invariants';
import { compareWords } from './oracle';
import { PROPERTY_TIMEOUT, runs } from './settings';

const optionsArb: fc.Arbitrary<LintOptions> = fc.record(
  {
    path: fc.constantFrom('docs/brief.md', 'glossary/notes.md', 'a.md', '../outside/x.md'),
    kind: fc.constantFrom('markdown' as const, 'markdown' as const, 'plaintext' as const),
    ignore: fc.subarray(['KPI', 'ROI', 'cost per customer', 'CAC', 'the']),
    rules: fc.record({ 'avoid-term': fc.constantFrom('error' as const, 'info' as const, 'off' as const) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** Checks one document against one glossary: no throw (fast-check reports the exception), invariants. */
function check(text: string, glossary: Glossary, options: LintOptions, sameBlock = false): void {
  const analysis = analyseDocument(text, glossary, options);
  // The blocks are remark's: compare with them only where the scanner and remark agree on the prose
  // (phrases written across line breaks can make lazy lines that derail the block structure).
  const agree = (): boolean => {
    const c = compareWords(text, analysis.scan.prose);
    return c.oracle.join() === c.scanner.join();
  };
  const broken = violations(text, glossary, analysis, sameBlock && options.kind !== 'plaintext' && agree);
  if (broken.length) expect.fail(`${broken.join('\n')}\n--- document ---\n${JSON.stringify(text)}`);
  expect(lintDocument(text, glossary, options)).toEqual(analysis.findings);
}

/** Markdown with placeholders for a glossary's phrases and links (`fillPhrases`). */
const markdownArb = documentArb({ pools: GLOSSARY_POOLS, envelope: true, unclosed: true }).map((d) => d.text);

/** A generated glossary and a document that uses its names, aliases and avoided names. */
function withGlossary(sources: GlossarySource[], template: string): { glossary: Glossary; text: string } {
  const glossary = buildGlossary(sources);
  const { phrases, atoms } = phrasesFor(glossary);
  return { glossary, text: fillPhrases(template, phrases, atoms) };
}

describe('the engine never throws and its findings lie on what they name', () => {
  it(
    'buildGlossary on generated and hostile glossary files',
    () => {
      const sourceArb: fc.Arbitrary<GlossarySource[]> = fc.oneof(
        glossarySourcesArb.map((g) => g.sources),
        // Paths are unique, as the CLI and the language server give them.
        fc.array(hostileTextArb, { maxLength: 3 }).map((texts) => texts.map((text, i) => ({ path: `g/${i}.md`, text }))),
        glossarySourcesArb.chain((g) =>
          fc.tuple(fc.nat(), hostileTextArb).map(([at, junk]) =>
            g.sources.map((s, i) => (i === 0 ? { ...s, text: s.text.slice(0, at % (s.text.length + 1)) + junk + s.text.slice(at % (s.text.length + 1)) } : s)),
          ),
        ),
      );
      fc.assert(
        fc.property(sourceArb, (sources) => {
          const glossary = buildGlossary(sources);
          const lengths = new Map(sources.map((s) => [s.path, s.text.length]));
          for (const [path, findings] of glossary.findings) {
            for (const f of findings) {
              if (!(0 <= f.start && f.start <= f.end && f.end <= lengths.get(path)!)) expect.fail(`${f.code} [${f.start}, ${f.end}) outside ${path}`);
            }
          }
          for (const t of glossary.terms) {
            if (!(0 <= t.start && t.start <= t.end && t.end <= (lengths.get(t.file) ?? -1))) expect.fail(`term '${t.name}' outside ${t.file}`);
            if (!/[\p{L}\p{N}]/u.test(t.name)) expect.fail(`term named ${JSON.stringify(t.name)}`);
          }
        }),
        runs('buildGlossary', 100),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'hostile text (NUL, lone surrogates, CRLF/CR, BOM, long lines, unclosed constructs) with a generated glossary',
    () => {
      fc.assert(
        fc.property(glossarySourcesArb, hostileTextArb, optionsArb, ({ sources }, text, options) => check(text, buildGlossary(sources), options)),
        runs('hostile text', 200),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'Markdown with hostile pieces spliced in, against the starter glossary',
    () => {
      const { glossary } = starterGlossary();
      fc.assert(
        fc.property(mangledDocumentArb(phrasesFor(glossary)), optionsArb, (text, options) => check(text, glossary, options)),
        runs('mangled Markdown, starter glossary', 100),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'generated Markdown using a generated glossary\'s names, aliases and avoided names',
    () => {
      fc.assert(
        fc.property(glossarySourcesArb, markdownArb, optionsArb, ({ sources }, template, options) => {
          const { glossary, text } = withGlossary(sources, template);
          check(text, glossary, options, true);
        }),
        runs('Markdown, generated glossary', 120),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'generated Markdown using the starter glossary\'s names, aliases and avoided names',
    () => {
      const { glossary } = starterGlossary();
      fc.assert(
        fc.property(markdownArb, optionsArb, (template, options) => {
          const { phrases, atoms } = phrasesFor(glossary);
          check(fillPhrases(template, phrases, atoms), glossary, options, true);
        }),
        runs('Markdown, starter glossary', 120),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
