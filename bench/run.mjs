// Benchmark: Termbridge lint time against the read-and-tokenise floor and
// against glossary size. Run with `npm run bench` (builds dist/ first).
//
// Each tool runs as a fresh process on the same generated corpus: a warm-up
// round, then the median of RUNS wall-clock timings per tool.
// TERMBRIDGE_CLI=<path> swaps in another build of the CLI (default dist/cli.js).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, generate } from './generate.mjs';

const RUNS = 3;
const WARMUPS = 1;
const TIMEOUT_MS = 10 * 60 * 1000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = join(ROOT, 'docs', 'performance.md');
const CORPUS = relative(ROOT, CORPUS_DIR).replaceAll('\\', '/');
const CLI = resolve(ROOT, process.env.TERMBRIDGE_CLI ?? 'dist/cli.js');
const NOTES_RE = /<!-- engine-notes:start -->[\s\S]*?<!-- engine-notes:end -->/;

function fail(message) {
  console.error(`\nbench: ${message}`);
  process.exit(1);
}

// Every row of the results table. Termbridge runs inside the corpus folder,
// which generate.mjs makes a workspace of its own (.termbridge.json): from the
// repo root, the root .gitignore would hide bench/.corpus/ from the linter.
// `needs` lists files that must exist for an optional peer; peers not
// installed are skipped with a note, so cspell or textlint rows appear as
// soon as someone adds them to devDependencies.
// The corpus has a node_modules folder, as a CI checkout does after `npm ci`, so the CLI keeps its
// parsed-glossary cache there: the timed runs are warm, as every CI run after the first is. The
// `--no-cache` row shows the first run (the glossary parsed by remark from scratch).
const termbridge = (terms, extra = []) => ({
  name: extra.includes('--no-cache') ? 'Termbridge (no cache)' : 'Termbridge',
  glossary: terms,
  cwd: CORPUS_DIR,
  cmd: process.execPath,
  args: [CLI, 'lint', 'docs', '--glossary', `glossary-${terms}/*.md`, '--format', 'json', ...extra],
  okCodes: [0, 1], // 1 = errors or too many warnings, expected on this corpus
  check: checkTermbridge,
});
const TOOLS = [
  {
    name: 'Read-and-tokenise floor',
    glossary: null,
    cwd: CORPUS_DIR,
    cmd: process.execPath,
    args: [join(ROOT, 'bench', 'floor.mjs'), 'docs'],
    okCodes: [0],
    check: checkFloor,
    isFloor: true,
  },
  termbridge(10000),
  termbridge(10000, ['--no-cache']),
  termbridge(1000),
  termbridge(100),
  {
    name: 'cspell',
    glossary: null,
    cmd: bin('cspell'),
    args: ['lint', '--no-progress', '--no-summary', `${CORPUS}/docs/**/*.md`],
    okCodes: [0, 1],
    needs: [bin('cspell')],
  },
  {
    name: 'textlint + terminology',
    glossary: null,
    cmd: bin('textlint'),
    args: ['--rule', 'terminology', '--format', 'json', `${CORPUS}/docs`],
    okCodes: [0, 1],
    needs: [bin('textlint'), join(ROOT, 'node_modules', 'textlint-rule-terminology')],
  },
];

function bin(name) {
  return join(ROOT, 'node_modules', '.bin', `${name}${process.platform === 'win32' ? '.cmd' : ''}`);
}

// Output checks return a short summary, or {error} to abort the bench.
function checkFloor(stdout, corpus) {
  const out = JSON.parse(stdout);
  if (out.files !== corpus.docs.files || out.bytes !== corpus.docs.bytes) {
    return { error: `saw ${out.files} files / ${out.bytes} bytes, corpus has ${corpus.docs.files} / ${corpus.docs.bytes}` };
  }
  return `${out.tokens} tokens`;
}

function checkTermbridge(stdout) {
  let out;
  try {
    out = JSON.parse(stdout);
  } catch {
    return { error: `did not print JSON on stdout (got ${JSON.stringify(stdout.slice(0, 200))})` };
  }
  if (!Array.isArray(out?.files) || out.files.length === 0) return { error: 'printed JSON without a non-empty "files" array' };
  const findings = out.files.reduce((n, f) => n + (f.diagnostics?.length ?? 0), 0);
  return `${out.files.length} files, ${findings} findings`;
}

// One timed run. stdout goes to a file, not a pipe into this process, so the
// timing is not inflated by us buffering tens of MB of JSON. The output is
// validated after the clock stops: a crash in Node also exits 1, which only
// the missing JSON tells apart from "findings found".
function runOnce(tool, corpus) {
  const fd = openSync(tool.outFile, 'w');
  const start = process.hrtime.bigint();
  const r = spawnSync(tool.cmd, tool.args, {
    cwd: tool.cwd ?? ROOT,
    stdio: ['ignore', fd, 'pipe'],
    timeout: TIMEOUT_MS,
    shell: process.platform === 'win32' && tool.cmd.endsWith('.cmd'),
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  const stderr = r.stderr?.toString().trim().split('\n').slice(-15).join('\n') ?? '';
  const why = (msg) => fail(`${tool.label} ${msg}\n  in ${tool.cwd ?? ROOT}\n  command: ${[tool.cmd, ...tool.args].join(' ')}${stderr ? `\n  stderr:\n${stderr}` : ''}`);
  if (r.error) why(`could not run (${r.error.code ?? r.error.message})`);
  if (r.signal) why(`was killed by ${r.signal}`);
  if (r.status === 2) why('reported a usage/config error (exit 2)');
  if (!tool.okCodes.includes(r.status)) why(`failed with exit ${r.status}`);
  const detail = tool.check ? tool.check(readFileSync(tool.outFile, 'utf8'), corpus) : '';
  if (detail.error) why(`exited ${r.status} but ${detail.error}`);
  return { seconds, detail };
}

// Rounds are interleaved (every tool once per round) so that a burst of
// background load hits all rows alike instead of skewing one of them. The
// warm-up round also fills the OS file cache. Each time is printed as it
// comes: on a slow engine one run can take a minute.
function measure(tools, corpus) {
  const rows = tools.map((tool) => ({
    ...tool,
    label: `${tool.name}${tool.glossary ? ` with ${terms(tool.glossary)} terms` : ''}`,
    outFile: join(CORPUS_DIR, `out-${tool.name.replace(/\W+/g, '-')}-${tool.glossary ?? 'none'}.txt`),
    times: [],
  }));
  for (let round = -WARMUPS; round < RUNS; round++) {
    for (const row of rows) {
      const { seconds, detail } = runOnce(row, corpus);
      if (round >= 0) row.times.push(seconds);
      row.detail = detail;
      console.log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${RUNS}`}  ${row.label}: ${fmt(seconds)} s${detail ? `  (${detail})` : ''}`);
    }
  }
  for (const row of rows) row.median = [...row.times].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return rows;
}

const fmt = (n, digits = 2) => n.toFixed(digits);
const terms = (n) => (n == null ? '—' : n.toLocaleString('en-US'));

function main() {
  const corpus = generate({ log: (m) => console.log(`corpus: ${m}`) });
  mkdirSync(join(CORPUS_DIR, 'node_modules'), { recursive: true }); // the CLI's glossary cache lives there
  const mb = corpus.docs.bytes / 1e6;
  console.log(`corpus: ${corpus.docs.files} files, ${fmt(mb, 1)} MB in ${CORPUS}/docs`);

  if (!existsSync(CLI)) {
    fail(`${relative(ROOT, CLI)} not found. Build it first (\`npm run build\`), or run \`npm run bench\` which builds.`);
  }
  const tools = TOOLS.filter((t) => {
    const missing = (t.needs ?? []).filter((p) => !existsSync(p));
    if (missing.length) console.log(`skipping ${t.name}: not installed (${missing.map((p) => relative(ROOT, p)).join(', ')})`);
    return missing.length === 0;
  });

  const results = measure(tools, corpus);
  const floor = results.find((r) => r.isFloor).median;
  for (const r of results) {
    r.mbps = mb / r.median;
    r.xFloor = r.median / floor;
  }
  const tb = (n) => results.find((r) => r.name === 'Termbridge' && r.glossary === n);
  const scaling = tb(10000).median / tb(100).median;

  const header = ['Tool', 'Glossary size (terms)', 'Median (s)', 'MB/s', '× floor'];
  const rows = results.map((r) => [r.name, terms(r.glossary), fmt(r.median), fmt(r.mbps, 1), fmt(r.xFloor, 1)]);
  printTable(header, rows);
  console.log(`\nglossary scaling: 10,000 terms / 100 terms = ${fmt(scaling)}×`);

  writeReport({ corpus, mb, header, rows, scaling, results });
  console.log(`wrote ${relative(ROOT, REPORT)}`);
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function writeReport({ corpus, mb, header, rows, scaling, results }) {
  // The engine notes are written by hand; keep them across regenerations.
  const previous = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  const notes = previous.match(NOTES_RE)?.[0] ?? [
    '<!-- engine-notes:start -->',
    '_To be written: how the engine keeps lint time close to the floor and nearly flat in glossary size._',
    '<!-- engine-notes:end -->',
  ].join('\n');
  const cpus = os.cpus();
  const findings = results.filter((r) => r.name === 'Termbridge').map((r) => `${terms(r.glossary)} terms: ${r.detail}`);
  // The page is itself linted (npm run lint:docs): machine names go in inline
  // code and MB is declared, so it stays free of undefined-acronym warnings.
  const md = `# Performance

<!-- termbridge-ignore MB -->

This page is written by \`npm run bench\` (\`bench/run.mjs\`), which builds the CLI,
generates a deterministic corpus into \`bench/.corpus/\` (\`bench/generate.mjs\`) and
times whole processes, start-up included. Each row is the median of ${RUNS} runs after
${WARMUPS} warm-up run; runs take turns across rows, so background load affects all rows
alike. Only the "How the engine gets there" section is written by hand; it is kept when
the page is regenerated.

- **Read-and-tokenise floor** (\`bench/floor.mjs\`): a plain Node process that reads
  every \`.md\` file and counts words. No linter can be faster than this.
- **Termbridge**: \`node ../../dist/cli.js lint docs --glossary 'glossary-N/*.md' --format json\`,
  run in \`${CORPUS}/\` with generated glossaries of 100, 1,000 and 10,000 terms. The
  documents mostly use the first 100 terms, which are the same in all three glossaries,
  so the rows differ mainly in glossary size.

MB/s is corpus bytes (10^6 bytes per MB) divided by the median wall-clock time;
"× floor" is the median divided by the floor's median.

## Setup

- Machine: \`${cpus[0]?.model.trim() ?? 'unknown CPU'}\`, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB memory, \`${os.type()} ${os.release()}\`
- Node.js: ${process.version}
- Date: ${new Date().toISOString().slice(0, 10)}
- Corpus: ${corpus.docs.files} Markdown files, ${fmt(mb, 1)} MB (largest ${fmt(corpus.docs.maxBytes / 1e6, 1)} MB); generator v${corpus.version}, seed ${corpus.seed}

## Results

| ${header.join(' | ')} |
| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

Glossary scaling: linting with 10,000 terms takes **${fmt(scaling)}×** the time of 100 terms.

Output of every run is checked; the last run reported ${findings.join('; ')}.

## How the engine gets there

${notes}
`;
  writeFileSync(REPORT, md);
}

main();
