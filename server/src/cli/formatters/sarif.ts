// SARIF 2.1.0 for GitHub code scanning and SARIF viewers: one rule per finding code.

import type { RuleId } from '../../engine';
import { RULE_IDS } from '../../workspace/config';
import type { FileReport } from '../report';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const RULE_TEXT: Record<RuleId, { text: string; level: keyof typeof LEVEL }> = {
  'avoid-term': { text: 'A synonym the glossary says to avoid; use the preferred term.', level: 'warning' },
  'undefined-acronym': { text: 'An acronym that is neither in the glossary nor spelled out in the document.', level: 'warning' },
  'undefined-term': { text: 'A reference to a glossary term that does not exist.', level: 'error' },
  'ambiguous-term': { text: 'A term with several meanings, used without saying which.', level: 'info' },
  'glossary-duplicate': { text: 'A name or alias defined by more than one glossary term.', level: 'error' },
  'glossary-avoid-conflict': { text: "An alias or name that another term says to avoid.", level: 'error' },
  'glossary-missing-field': { text: 'A glossary term without its Business or IT meaning.', level: 'warning' },
  'glossary-unknown-see-also': { text: "A 'See also' entry that names no term.", level: 'warning' },
  'glossary-bad-heading': { text: 'A glossary heading that cannot name a term.', level: 'error' },
};

export function formatSarif(reports: FileReport[], version: string): string {
  const index = new Map(RULE_IDS.map((id, i) => [id as string, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Termbridge',
            version,
            rules: RULE_IDS.map((id) => ({
              id,
              name: id.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: RULE_TEXT[id].text },
              defaultConfiguration: { level: LEVEL[RULE_TEXT[id].level] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: index.get(d.code) ?? 0,
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(r.path), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
