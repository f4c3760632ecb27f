// Deterministic benchmark corpus for Termbridge.
//
//   node bench/generate.mjs [--force] [--seed=N]
//
// Writes bench/.corpus/{docs,glossary-100,glossary-1000,glossary-10000}.
// Everything comes from one seeded PRNG, so the same GENERATOR_VERSION and
// seed always give byte-identical files; a stamp file lets a second run skip
// the work. Bump GENERATOR_VERSION whenever the output would change.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20240601;
export const CORPUS_DIR = fileURLToPath(new URL('./.corpus/', import.meta.url));
export const GLOSSARY_SIZES = [100, 1000, 10000];
const TERMS_PER_FILE = 500;
const DOC_COUNT = 600;

// ---------------------------------------------------------------------------
// PRNG

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeRandom(seed) {
  const next = mulberry32(seed);
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (arr) => arr[int(arr.length)],
    // Log-uniform: file sizes span three orders of magnitude.
    logUniform: (lo, hi) => Math.round(lo * Math.pow(hi / lo, next())),
  };
}

// ---------------------------------------------------------------------------
// Word pools

// Words glossary term names are built from (marketing, business, IT nouns).
const TERM_WORDS = unique(`
  Customer Acquisition Cost Lifetime Value Revenue Churn Rate Conversion Funnel
  Lead Pipeline Campaign Segment Cohort Retention Engagement Session Event
  Account Order Invoice Payment Subscription Plan Tier Product Catalog Inventory
  Channel Partner Vendor Contract Renewal Margin Forecast Quota Territory Region
  Market Share Brand Awareness Impression Click Attribution Touchpoint Journey
  Persona Profile Identity Consent Preference Record Entity Schema Table Column
  Index Query Report Dashboard Metric Dimension Measure Target Baseline Benchmark
  Score Signal Feed Stream Batch Job Warehouse Lake Mart Model Feature Label
  Sample Variant Experiment Release Version Deployment Service Endpoint Gateway
  Token Key Credential Role Permission Policy Rule Workflow Task Ticket Incident
  Request Response Latency Throughput Capacity Usage Volume Limit Threshold Alert
  Notification Message Template Asset Content Page Visit Visitor Traffic Source
  Medium Referral Keyword Bid Budget Spend Return Investment Growth Expansion
  Upsell Discount Coupon Promotion Offer Bundle Price Audience Reach Frequency
  Recency Loyalty Reward Point Balance Ledger Transaction Settlement Refund
  Dispute Claim Shipment Delivery Fulfilment Supplier Procurement Employee
  Headcount Center Department Owner Steward Lineage Quality Freshness
  Completeness Accuracy Coverage Health Stage Opportunity Deal Quote Proposal
  Win Loss Demo Trial Onboarding Activation Adoption Advocacy Satisfaction
  Sentiment Survey Feedback Case Resolution Escalation Agreement Level Objective
  Indicator Net Gross Annual Monthly Daily Recurring Active User Member
  Household Device Browser Cookie Pixel Tag Domain Tenant Cluster Node Queue
  Topic Partition Snapshot Backup Archive Billing Cycle Cart Checkout Basket
  Merchant Store Outlet Region Sales Marketing Finance Lifecycle Milestone
`);

// Words used to build "Avoid" synonyms; kept out of the filler so avoided
// phrases only appear where the generator puts them.
const AVOID_WORDS = unique('figure number stuff thing info amount total count data bucket gizmo widget');

// General prose: English glue plus marketing/IT verbs and adjectives. Words
// that are a term word, or its plural or possessive (the linter matches those
// too), are removed so that term matches in the docs come only from deliberate
// mentions, the same ones for every glossary size.
const FILLER_WORDS = unique(`
  the the the a a an of of of to to to and and and in in for for with on by
  is is are was be will should must can may we our their this that these it
  as at from or not each every all more most less when while after before
  then also only new next first last other same such very quickly clearly
  team teams we'd it's weekly quarterly roadmap stakeholder stakeholders goal
  goals deliver delivers launch launches migrate migrates measure optimise
  align aligns review reviews approve approves sync syncs ingest ingests
  aggregate aggregates scale scales drive drives leverage improve improves
  reduce reduces increase increases track tracks define defines explain
  explains publish publishes document documents support supports handle
  handles build builds ship ships robust scalable seamless consistent shared
  reliable accurate simple clear strategic holistic backend frontend mobile
  desktop cloud platform system systems process processes workspace people
  customers partners finance legal leadership analyst analysts engineer
  engineers marketer marketers manager managers owner owners draft proposal
  approach decision decisions context scope outcome outcomes impact risk risks
  assumption assumptions dependency dependencies timeline phase phases
  café naïve résumé façade coöperate
`).filter((w) => !AVOID_WORDS.includes(w) && !TERM_WORDS.some((t) => inflections(t.toLowerCase()).includes(w)));

function inflections(word) {
  return [word, `${word}s`, `${word}es`, `${word}'s`, word.replace(/y$/, 'ies')];
}

const OWNERS = [
  'Marketing Operations', 'Data Platform', 'Finance Analytics', 'Growth Team',
  'Customer Success', 'Sales Operations', 'Product Analytics', 'IT Architecture',
];
const STATUSES = ['approved', 'approved', 'approved', 'draft', 'deprecated'];
const AREAS = ['specs/billing', 'specs/crm', 'specs/data', 'briefs/campaigns', 'briefs/launch', 'runbooks', 'decisions', 'notes/2024/q2'];
const HOSTS = ['intranet.example.com', 'wiki.example.org', 'docs.example.net', 'github.com/example'];

// ---------------------------------------------------------------------------
// Glossary terms

/**
 * Builds `count` terms in one pass. Smaller glossaries are prefixes of this
 * list, so the first 100 terms are identical in all three glossaries and
 * "See also" only points backwards (always exists in every prefix).
 */
export function buildTerms(rnd, count) {
  const taken = new Set(); // every name, alias and avoid, lower-cased
  const names = [];
  while (names.length < count) {
    const r = rnd.next();
    const len = r < 0.05 ? 1 : r < 0.5 ? 2 : r < 0.88 ? 3 : 4;
    const words = [];
    while (words.length < len) {
      const w = rnd.pick(TERM_WORDS);
      if (!words.includes(w)) words.push(w);
    }
    const name = words.join(' ');
    if (taken.has(name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    names.push(name);
  }
  // Aliases and avoids are chosen after all names exist, so they cannot clash
  // with a name that appears later in the list either.
  const claim = (s) => {
    if (!s || taken.has(s.toLowerCase())) return null;
    taken.add(s.toLowerCase());
    return s;
  };
  return names.map((name, i) => {
    const words = name.split(' ');
    const aliases = [];
    if (words.length > 1 && rnd.chance(0.37)) {
      const initials = words.map((w) => w[0]).join('');
      const last = words.at(-1);
      const acronym = [initials, initials.slice(0, -1) + last.slice(0, 2), words[0].slice(0, 2) + initials.slice(1)]
        .map((s) => s.toUpperCase())
        .map(claim)
        .find(Boolean);
      if (acronym) aliases.push(acronym);
    }
    if (words.length > 2 && rnd.chance(0.25)) {
      const short = claim(words.slice(-2).join(' ').toLowerCase());
      if (short) aliases.push(short);
    }
    let avoid = null;
    if (rnd.chance(0.22)) {
      const [a, b] = [words[0].toLowerCase(), words.at(-1).toLowerCase()];
      const x = rnd.pick(AVOID_WORDS);
      avoid = claim(rnd.pick([`${b} per ${a}`, `${a} ${x}`, `${x} of ${b}`, `${b} ${x}`]));
    }
    const seeAlso = [];
    for (let k = rnd.int(3); k > 0 && i > 0; k--) {
      const other = names[rnd.int(i)];
      if (!seeAlso.includes(other)) seeAlso.push(other);
    }
    return {
      name,
      aliases,
      avoid,
      business: sentence(rnd, null, 10),
      it: '`' + snake(name) + '` in the `' + rnd.pick(['analytics', 'crm', 'billing', 'core']) + '` schema',
      owner: rnd.pick(OWNERS),
      status: rnd.pick(STATUSES),
      seeAlso,
    };
  });
}

export function renderGlossaryPart(terms, part) {
  const out = [`# Generated glossary part ${part}`, ''];
  for (const t of terms) {
    out.push(`## ${t.name}`, '');
    if (t.aliases.length) out.push(`**Aliases:** ${t.aliases.join(', ')}`, '');
    if (t.avoid) out.push(`**Avoid:** ${t.avoid}`, '');
    out.push(`**Business:** ${t.business}`, '', `**IT:** ${t.it}`, '', `**Owner:** ${t.owner}`, '', `**Status:** ${t.status}`, '');
    if (t.seeAlso.length) out.push(`**See also:** ${t.seeAlso.join(', ')}`, '');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Documents

/** Index of a term to mention: mostly the first 100 (shared by every glossary). */
function pickTermIndex(rnd, total) {
  const r = rnd.next();
  if (r < 0.92 || total <= 100) return rnd.int(Math.min(100, total));
  if (r < 0.98 || total <= 1000) return 100 + rnd.int(Math.min(900, total - 100));
  return 1000 + rnd.int(total - 1000);
}

/** A term that has some property (acronym, avoid), same skew as mentions. */
function pickTermWith(rnd, ctx, has) {
  for (let tries = 0; tries < 8; tries++) {
    const t = ctx.terms[pickTermIndex(rnd, ctx.terms.length)];
    if (has(t)) return t;
  }
  return null;
}

function mention(rnd, ctx) {
  const t = ctx.terms[pickTermIndex(rnd, ctx.terms.length)];
  return rnd.chance(0.35) ? t.name.toLowerCase() : t.name;
}

// One prose word or inline construct; ctx === null gives plain filler (glossary text).
function token(rnd, ctx) {
  const r = rnd.next();
  if (!ctx || r >= 0.1) return rnd.pick(FILLER_WORDS);
  if (r < 0.05) return mention(rnd, ctx);
  if (r < 0.065) {
    const t = pickTermWith(rnd, ctx, (t) => /^[A-Z]+$/.test(t.aliases[0] ?? ''));
    if (!t) return 'the';
    // Sometimes spelled out, "Full Name (ACR)", which also defines it for the document.
    return rnd.chance(0.1) ? `${t.name} (${t.aliases[0]})` : t.aliases[0];
  }
  if (r < 0.072) return pickTermWith(rnd, ctx, (t) => t.avoid)?.avoid ?? 'the';
  if (r < 0.079) return rnd.pick(ctx.undefinedAcronyms);
  if (r < 0.087) return '`' + snake(rnd.pick(ctx.terms).name) + '`';
  if (r < 0.093) return wikiLink(rnd, ctx);
  if (r < 0.097) return `[${rnd.pick(FILLER_WORDS)} ${rnd.pick(FILLER_WORDS)}](${url(rnd)})`;
  if (r < 0.099) return url(rnd);
  return `**${mention(rnd, ctx)}**`;
}

// [[Name]], [[ALIAS]], [[Name|label]], or one naming no term (an undefined-term finding).
function wikiLink(rnd, ctx) {
  const t = ctx.terms[pickTermIndex(rnd, ctx.terms.length)];
  const r = rnd.next();
  if (r < 0.1) return `[[${rnd.pick(ctx.brokenLinks)}]]`;
  if (r < 0.2 && t.aliases.length) return `[[${t.aliases[0]}]]`;
  if (r < 0.35) return `[[${t.name}|${rnd.pick(FILLER_WORDS)} ${rnd.pick(FILLER_WORDS)}]]`;
  return `[[${t.name}]]`;
}

function sentence(rnd, ctx, minWords = 8) {
  const n = minWords + rnd.int(14);
  const words = [];
  for (let i = 0; i < n; i++) words.push(token(rnd, ctx));
  if (rnd.chance(0.15)) words[rnd.int(n - 1)] += ',';
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + rnd.pick(['.', '.', '.', '?', '!']);
}

const paragraph = (rnd, ctx) => Array.from({ length: 2 + rnd.int(6) }, () => sentence(rnd, ctx)).join(' ');
const url = (rnd) => `https://${rnd.pick(HOSTS)}/${snake(rnd.pick(TERM_WORDS))}/${rnd.int(10000)}`;
const snake = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_');
const title = (rnd, ctx) => {
  const s = `${mention(rnd, ctx)} ${rnd.pick(FILLER_WORDS)} ${rnd.pick(FILLER_WORDS)}`;
  return s[0].toUpperCase() + s.slice(1);
};

function codeBlock(rnd, ctx) {
  const t = rnd.pick(ctx.terms.slice(0, 100));
  const col = snake(t.name);
  if (rnd.chance(0.5)) {
    // Term names inside code must not be linted; the comment tests that path.
    return [
      '```sql',
      `-- ${t.name} (${t.aliases[0] ?? 'no alias'}) per ${rnd.pick(OWNERS)}`,
      `SELECT account_id, SUM(${col}) AS ${col}_total`,
      `FROM ${rnd.pick(['analytics', 'crm', 'billing'])}.fact_${snake(rnd.pick(TERM_WORDS))}`,
      `WHERE event_date >= '2024-0${1 + rnd.int(9)}-01'`,
      'GROUP BY account_id;',
      '```',
    ].join('\n');
  }
  return [
    '```json',
    JSON.stringify({ metric: col, label: t.name, owner: t.owner, threshold: rnd.int(1000) / 10, tags: [snake(rnd.pick(TERM_WORDS))] }, null, 2),
    '```',
  ].join('\n');
}

function table(rnd, ctx) {
  const rows = ['| Term | Owner | Status | Notes |', '| --- | --- | --- | --- |'];
  for (let i = 2 + rnd.int(8); i > 0; i--) {
    const t = ctx.terms[pickTermIndex(rnd, ctx.terms.length)];
    rows.push(`| ${t.name} | ${t.owner} | ${t.status} | ${sentence(rnd, ctx, 4)} |`);
  }
  return rows.join('\n');
}

function list(rnd, ctx) {
  const ordered = rnd.chance(0.3);
  const items = [];
  for (let i = 1; i <= 3 + rnd.int(5); i++) {
    items.push(`${ordered ? `${i}.` : '-'} ${sentence(rnd, ctx, 4)}`);
    if (rnd.chance(0.2)) items.push(`${ordered ? '   ' : '  '}- ${sentence(rnd, ctx, 3)}`);
  }
  return items.join('\n');
}

function block(rnd, ctx) {
  const r = rnd.next();
  if (r < 0.45) return paragraph(rnd, ctx);
  if (r < 0.58) return list(rnd, ctx);
  if (r < 0.66) return table(rnd, ctx);
  if (r < 0.76) return codeBlock(rnd, ctx);
  if (r < 0.82) return '> ' + paragraph(rnd, ctx);
  if (r < 0.86) return `<!-- TODO(${rnd.pick(OWNERS)}): ${sentence(rnd, ctx, 4)} -->`;
  return `### ${title(rnd, ctx)}`;
}

export function renderDoc(rnd, ctx, targetBytes) {
  const kind = rnd.pick(['Spec', 'Brief']);
  const heading = `${kind}: ${title(rnd, ctx)}`;
  const head = [
    '---',
    `title: "${heading}"`,
    `owner: ${rnd.pick(OWNERS)}`,
    `status: ${rnd.pick(['draft', 'review', 'final'])}`,
    `tags: [${snake(rnd.pick(TERM_WORDS))}, ${snake(rnd.pick(TERM_WORDS))}]`,
    `updated: 2024-${String(1 + rnd.int(12)).padStart(2, '0')}-${String(1 + rnd.int(28)).padStart(2, '0')}`,
    '---',
    '',
    `# ${heading}`,
    '',
    paragraph(rnd, ctx),
  ].join('\n');
  const parts = [head];
  let bytes = Buffer.byteLength(head);
  while (bytes < targetBytes) {
    const b = rnd.chance(0.08) ? `## ${title(rnd, ctx)}` : block(rnd, ctx);
    parts.push(b);
    bytes += Buffer.byteLength(b) + 2;
  }
  return parts.join('\n\n') + '\n';
}

/** Target sizes: one ~2 MB file, a few large ones, most between 2 KB and 64 KB. */
function docSizes(rnd) {
  const KB = 1024;
  return Array.from({ length: DOC_COUNT }, (_, i) =>
    i === 0 ? 2_000_000 : i <= 8 ? rnd.logUniform(64 * KB, 2_000_000) : rnd.logUniform(2 * KB, 64 * KB));
}

// ---------------------------------------------------------------------------
// Driver

/**
 * The terms of the largest glossary and what documents draw on. It is the first thing drawn from
 * the seeded PRNG (rendering the glossaries draws nothing), so `buildContext(makeRandom(seed))`
 * gives the same terms as the corpus on disk without regenerating it.
 */
export function buildContext(rnd) {
  const terms = buildTerms(rnd, Math.max(...GLOSSARY_SIZES));
  // Acronyms the docs use but no glossary defines (checked against all 10k terms).
  const taken = new Set(terms.flatMap((t) => [t.name, ...t.aliases, t.avoid ?? ''].map((s) => s.toLowerCase())));
  const undefinedAcronyms = [];
  while (undefinedAcronyms.length < 40) {
    const a = Array.from({ length: 3 + rnd.int(2) }, () => String.fromCharCode(65 + rnd.int(26))).join('');
    if (!taken.has(a.toLowerCase()) && !undefinedAcronyms.includes(a)) undefinedAcronyms.push(a);
  }
  const brokenLinks = ['Legacy Gizmo Registry', 'Old Widget Index', 'Pending Bucket Review'];
  return { terms, undefinedAcronyms, brokenLinks };
}

export function generate({ seed = DEFAULT_SEED, outDir = CORPUS_DIR, force = false, log = () => {} } = {}) {
  const stampPath = join(outDir, '.stamp.json');
  if (!force && existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (stamp.version === GENERATOR_VERSION && stamp.seed === seed) {
      log(`corpus up to date (generator v${GENERATOR_VERSION}, seed ${seed})`);
      return { ...stamp, outDir, skipped: true };
    }
  }
  const started = process.hrtime.bigint();
  // Remove only what we generate; the stamp goes first so an interrupted run regenerates.
  for (const d of ['.stamp.json', '.termbridge.json', 'docs', ...GLOSSARY_SIZES.map((n) => `glossary-${n}`)]) {
    rmSync(join(outDir, d), { recursive: true, force: true });
  }
  const write = (rel, text) => {
    const p = join(outDir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return Buffer.byteLength(text);
  };

  const rnd = makeRandom(seed);
  const ctx = buildContext(rnd);
  const { terms } = ctx;
  const glossaries = {};
  for (const size of GLOSSARY_SIZES) {
    let bytes = 0, files = 0;
    for (let start = 0; start < size; start += TERMS_PER_FILE) {
      files++;
      bytes += write(`glossary-${size}/part-${String(files).padStart(2, '0')}.md`,
        renderGlossaryPart(terms.slice(start, Math.min(size, start + TERMS_PER_FILE)), files));
    }
    glossaries[size] = { terms: size, files, bytes };
  }

  let bytes = 0, maxBytes = 0, minBytes = Infinity;
  const sizes = docSizes(rnd);
  sizes.forEach((target, i) => {
    const area = rnd.pick(AREAS);
    const b = write(`docs/${area}/${area.split('/')[0].replace(/s$/, '')}-${String(i).padStart(4, '0')}.md`, renderDoc(rnd, ctx, target));
    bytes += b;
    maxBytes = Math.max(maxBytes, b);
    minBytes = Math.min(minBytes, b);
  });

  const stats = {
    version: GENERATOR_VERSION,
    seed,
    docs: { files: sizes.length, bytes, minBytes, maxBytes },
    glossaries,
    acronymAliases: terms.filter((t) => /^[A-Z]+$/.test(t.aliases[0] ?? '')).length,
    avoids: terms.filter((t) => t.avoid).length,
    generatedMs: Number(process.hrtime.bigint() - started) / 1e6,
  };
  // Makes the corpus its own workspace for the CLI: run from here, the repo's
  // .gitignore (which lists bench/.corpus/) and .termbridge.json do not apply.
  write('.termbridge.json', '{}\n');
  mkdirSync(join(outDir, 'node_modules'), { recursive: true }); // where the CLI's cache goes
  writeFileSync(stampPath, JSON.stringify(stats, null, 2) + '\n');
  log(`generated corpus in ${(stats.generatedMs / 1000).toFixed(2)} s`);
  return { ...stats, outDir, skipped: false };
}

// ---------------------------------------------------------------------------
// Peer linters' configuration: the same vocabulary as the 10,000-term glossary

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Writes `cspell.json` and `.textlintrc.json` into the corpus folder, from the same terms as
 * `glossary-<size>/`: cspell knows every word of every name and alias (so it flags what is neither
 * English nor glossary vocabulary), and textlint-rule-terminology gets each avoided name with its
 * preferred name, plus every name as written (it flags other casings). Cheap and deterministic, so
 * it is rewritten on every run.
 */
export function writePeerConfigs({ seed = DEFAULT_SEED, outDir = CORPUS_DIR, size = Math.max(...GLOSSARY_SIZES) } = {}) {
  const terms = buildContext(makeRandom(seed)).terms.slice(0, size);
  const words = [...new Set(terms.flatMap((t) => [t.name, ...t.aliases]).flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).filter(Boolean))].sort();
  const cspell = { version: '0.2', language: 'en', useGitignore: false, words };
  const pairs = terms.filter((t) => t.avoid).map((t) => [escapeRegExp(t.avoid), t.name]);
  const textlint = { rules: { terminology: { defaultTerms: false, terms: [...pairs, ...terms.map((t) => escapeRegExp(t.name))] } } };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'cspell.json'), JSON.stringify(cspell) + '\n');
  writeFileSync(join(outDir, '.textlintrc.json'), JSON.stringify(textlint) + '\n');
  return { words: words.length, avoidPairs: pairs.length, names: terms.length };
}

// ---------------------------------------------------------------------------
// Documents for the language-server benchmark

/**
 * Breaks a paragraph into lines of at most `width` characters, only at spaces outside inline
 * constructs ([[references]], [links](urls), **strong**, `code`), as a hard-wrapped spec is written.
 */
function wrapParagraph(text, width) {
  const lines = [];
  let start = 0, lastBreak = -1, square = 0, round = 0, strong = false, code = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') code = !code;
    else if (code) continue;
    else if (c === '*' && text[i + 1] === '*') { strong = !strong; i++; }
    else if (c === '[') square++;
    else if (c === ']') square = Math.max(0, square - 1);
    else if (c === '(' && text[i - 1] === ']') round++;
    else if (c === ')' && round) round--;
    else if (c === ' ' && !square && !round && !strong) lastBreak = i;
    if (i - start >= width && lastBreak > start) {
      lines.push(text.slice(start, lastBreak));
      start = lastBreak + 1;
      lastBreak = -1;
    }
  }
  lines.push(text.slice(start));
  return lines.join('\n');
}

/**
 * A requirements spec of exactly `lineCount` lines: front matter, headings, hard-wrapped
 * paragraphs, lists, tables, code blocks and quotes drawing on the corpus terms as the corpus
 * documents do.
 */
export function renderSpec(rnd, ctx, lineCount, width = 100) {
  const lines = ['---', `title: "Spec: ${title(rnd, ctx)}"`, `owner: ${rnd.pick(OWNERS)}`, 'status: draft', '---', '', `# Spec: ${title(rnd, ctx)}`, ''];
  const push = (block) => lines.push(...block.split('\n'), '');
  while (lines.length < lineCount - 60) {
    const r = rnd.next();
    if (r < 0.06) push(`## ${title(rnd, ctx)}`);
    else if (r < 0.5) push(wrapParagraph(paragraph(rnd, ctx), width));
    else {
      const b = block(rnd, ctx);
      // Quoted paragraphs are wrapped too, each line keeping its marker.
      push(b.startsWith('> ') ? wrapParagraph(b.slice(2), width - 2).replace(/^/gm, '> ') : b);
    }
  }
  // Fill up with one-line sentences so the count is exact.
  while (lines.length < lineCount - 1) push(sentence(rnd, ctx, 4));
  if (lines.length < lineCount) lines.push(sentence(rnd, ctx, 4));
  return lines.slice(0, lineCount).join('\n') + '\n';
}

/** One paragraph on a single line of exactly `chars` characters (cut at a space, padded with filler). */
export function renderLongLine(rnd, ctx, chars) {
  let text = '';
  while (text.length < chars) text += (text ? ' ' : '') + sentence(rnd, ctx);
  text = text.slice(0, text.lastIndexOf(' ', chars - 1));
  while (text.length < chars) text += text.length + 4 <= chars ? ' the' : '.';
  return text;
}

function unique(text) {
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seedArg = process.argv.find((a) => a.startsWith('--seed='));
  const stats = generate({
    seed: seedArg ? Number(seedArg.slice(7)) : DEFAULT_SEED,
    force: process.argv.includes('--force'),
    log: (m) => console.log(m),
  });
  console.log(JSON.stringify(stats, null, 2));
}
