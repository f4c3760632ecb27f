// Term matching behaviour, case by case: each document lists the spans it must match, with the
// term each names.

import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../server/src/engine';
import { testGlossary } from './helpers/fixtures';

const glossary = testGlossary();

function matches(text: string): string[] {
  return analyseDocument(text, glossary).matches.map(
    (m) => `${text.slice(m.start, m.end)} -> ${[...new Set(m.variants.map((v) => glossary.terms[v.termId].name))].join(' | ')}`,
  );
}

describe('matching', () => {
  const cases: [string, string, string[]][] = [
    ['case-insensitive words', 'customer Lifetime VALUE', ['customer Lifetime VALUE -> Customer Lifetime Value']],
    ['longest match wins', 'the customer lifetime value of a customer', [
      'customer lifetime value -> Customer Lifetime Value',
      'customer -> Customer',
    ]],
    ['across a line break and extra spaces', 'customer\n   lifetime  value', ['customer\n   lifetime  value -> Customer Lifetime Value']],
    ['plurals', 'audiences, companies and customers', ['audiences -> Audience', 'companies -> Company', 'customers -> Customer']],
    ['possessives', "the CDP's data and the customer's", ["CDP's -> Customer Data Platform", "customer's -> Customer"]],
    ['acronym plural', 'two CDPs', ['CDPs -> Customer Data Platform']],
    ['acronyms only in capitals', 'CAC but not cac or Cac', ['CAC -> Customer Acquisition Cost']],
    ['hyphen and space variants', 'e-commerce, ecommerce and e commerce', [
      'e-commerce -> E-commerce',
      'ecommerce -> E-commerce',
      'e commerce -> E-commerce',
    ]],
    ['word boundaries', 'customerisation and subcustomer', []],
    ['punctuation breaks a term', 'customer, lifetime value', ['customer -> Customer']],
    ['A/B test', 'an A/B test ran', ['A/B test -> A/B Test']],
    ['ambiguous names match every sense', 'the SQL', ['SQL -> Sales Qualified Lead | Structured Query Language']],
    ['typographic apostrophe', 'the CDP\u2019s data', ['CDP\u2019s -> Customer Data Platform']],
    ['non-ASCII words, any case', 'CAFÉ LOYALTY and café loyalty', ['CAFÉ LOYALTY -> Café Loyalty', 'café loyalty -> Café Loyalty']],
    ['irregular endings are not stripped', 'the customer class and process', ['customer -> Customer']],
    ['code is not matched', '`customer` and\n\n```\ncustomer\n```', []],
  ];
  for (const [name, text, expected] of cases) it(name, () => expect(matches(text)).toEqual(expected));
});
