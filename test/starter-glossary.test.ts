// The bundled starter glossary and the bundled examples: what a new user gets out of the box.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlossary, findTerms, lintDocument } from '../server/src/engine';
import { describeFindings, ROOT } from './helpers/fixtures';

const files = readdirSync(join(ROOT, 'glossary')).filter((f) => f.endsWith('.md')).sort();
const glossary = buildGlossary(files.map((f) => ({ path: `glossary/${f}`, text: readFileSync(join(ROOT, 'glossary', f), 'utf8') })));

const REQUIRED = [
  'customer data platform', 'marketing automation', 'big-data analytics', 'predictive analytics', 'customer experience',
  'personalisation', 'segmentation', 'audience', 'touchpoint', 'omnichannel', 'customer journey', 'attribution',
  'conversion', 'funnel', 'lead scoring', 'MQL', 'SQL', 'CAC', 'CLV', 'churn', 'retention', 'cohort', 'A/B test', 'CTR',
  'CPC', 'CPM', 'ROAS', 'ROI', 'bounce rate', 'UTM parameters', 'tracking pixel', 'cookie consent', 'first-party data',
  'identity resolution', 'single customer view', 'data warehouse', 'data lake', 'ETL', 'API', 'real time', 'dashboard',
  'KPI', 'NPS', 'CRM', 'CMS', 'DMP', 'tag manager', 'event tracking', 'shadow IT', 'martech', 'digital transformation',
  'requirements', 'acceptance criteria', 'MVP', 'SLA', 'sprint',
];

describe('starter glossary', () => {
  it('has at least 80 entries, each with both meanings', () => {
    expect(glossary.terms.length).toBeGreaterThanOrEqual(80);
    for (const t of glossary.terms) {
      expect(t.business, t.name).toBeTruthy();
      expect(t.it, t.name).toBeTruthy();
    }
  });

  it('passes its own checks', () => {
    for (const [file, findings] of glossary.findings) expect(findings.map((f) => f.message), file).toEqual([]);
  });

  it.each(REQUIRED)('covers %s', (name) => {
    expect(findTerms(glossary, name).length).toBeGreaterThan(0);
  });

  it('knows SQL in both senses', () => {
    expect(findTerms(glossary, 'SQL').map((t) => t.context).sort()).toEqual(['Engineering', 'Sales']);
  });
});

describe('bundled examples', () => {
  const lint = (file: string): string[] => {
    const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
    return describeFindings(text, lintDocument(text, glossary, { path: `examples/${file}` }));
  };

  it('the marketing brief shows its deliberate problems and nothing else', () => {
    expect(lint('campaign-brief.md')).toEqual([
      '24:39 undefined-acronym «OKR»',
      '34:5 avoid-term «target group»',
      '62:266 undefined-term «[[Customer Lifetme Value]]»',
      '86:13 avoid-term «click rate»',
      '96:37 ambiguous-term «SQL»',
    ]);
  });

  it('the requirements spec shows its deliberate problems and nothing else', () => {
    expect(lint('requirements-spec.md')).toEqual([
      '37:88 undefined-term «reverse ETL definition»',
      '94:152 avoid-term «live data»',
      '96:213 undefined-acronym «RPO»',
    ]);
  });
});
