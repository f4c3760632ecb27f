// Benchmark: Termbridge lint time against the read-and-tokenise floor, against
// glossary size and against two peer linters (cspell, textlint), then the
// language server under load (bench/lsp.mjs). Run with `npm run bench` (builds
// dist/ first); `npm run bench:lsp` runs the language-server part alone.
//
// Each tool runs as a fresh process on the same generated corpus: a warm-up
// round, then the median of RUNS wall-clock timings per tool (the slow peers:
// one timed run, no warm-up).
// TERMBRIDGE_CLI=<path> swaps in another build of the CLI (default dist/cli.js).
// BENCH_TEXTLINT_FULL=1 runs textlint on the whole corpus instead of a sample
// (about 20 minutes of CPU on this machine).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, generate, writePeerConfigs } from './generate.mjs';
import { BenchError, DEBOUNCE_MS, lspRows, PROFILE_PHASES, printProfile, printRows, runLspBench } from './lsp.mjs';

const RUNS = 3;
const WARMUPS = 1;
const TIMEOUT_MS = 10 * 60 * 1000;
// The peers are slow: one timed run each, no warm-up, and a longer leash.
const PEER = { runs: 1, warmups: 0, timeoutMs: 20 * 60 * 1000 };
// textlint-rule-terminology builds one regular expression per avoided term for
// every text node, about a minute of CPU per MB with ~2,000 avoided terms: the
// whole 18 MB corpus would take some 20 minutes. By default it lints every
// TEXTLINT_SAMPLE-th file (in path order) and its time is scaled to the corpus.
const TEXTLINT_FULL = process.env.BENCH_TEXTLINT_FULL === '1';
const TEXTLINT_SAMPLE = 8;
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
// The default `--jobs` is the available cores but one; the multi-core row gives every core a thread.
const CORES = os.availableParallelism();
const DEFAULT_JOBS = Math.max(1, CORES - 1);
const rowName = (extra) => {
  const notes = [extra.includes('--no-cache') && 'no cache', extra.includes('--jobs') && `--jobs ${CORES}`].filter(Boolean);
  return notes.length ? `Termbridge (${notes.join(', ')})` : 'Termbridge';
};
const termbridge = (terms, extra = []) => ({
  name: rowName(extra),
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
  termbridge(10000, ['--jobs', String(CORES)]),
  termbridge(10000, ['--no-cache', '--jobs', String(CORES)]),
  termbridge(1000),
  termbridge(100),
  {
    name: 'cspell',
    glossary: 10000,
    cwd: CORPUS_DIR,
    cmd: bin('cspell'),
    // cspell.json (written by generate.mjs) holds every word of the glossary's names and aliases.
    args: ['lint', '--no-progress', '--no-color', 'docs/**/*.md'],
    okCodes: [0, 1], // 1 = spelling issues found
    needs: [bin('cspell')],
    check: checkCspell,
    peer: true,
    ...PEER,
  },
  {
    name: 'textlint + terminology',
    glossary: 10000,
    cwd: CORPUS_DIR,
    cmd: bin('textlint'),
    // .textlintrc.json (written by generate.mjs): the avoided -> preferred pairs and every name.
    args: ['--format', 'json', 'docs'], // the file list replaces `docs` for a sample, see main()
    okCodes: [0, 1], // 1 = problems found
    needs: [bin('textlint'), join(ROOT, 'node_modules', 'textlint-rule-terminology')],
    check: checkTextlint,
    peer: true,
    ...PEER,
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

// cspell prints one `file:line:col - Unknown word (x)` line per issue on stdout
// and its summary on stderr.
function checkCspell(stdout, corpus, stderr, tool) {
  const lines = stdout.split('\n').filter(Boolean);
  const bad = lines.find((l) => !/^.+:\d+:\d+ - /.test(l));
  if (bad) return { error: `printed a line that is not an issue: ${JSON.stringify(bad.slice(0, 200))}` };
  const checked = Number(/Files checked: (\d+)/.exec(stderr)?.[1]);
  if (checked !== tool.files) return { error: `checked ${checked} files, expected ${tool.files} (summary: ${JSON.stringify(stderr.trim().slice(-200))})` };
  const files = new Set(lines.map((l) => /^(.+):\d+:\d+ - /.exec(l)[1]));
  return `${checked} files, ${lines.length} issues in ${files.size} files`;
}

function checkTextlint(stdout, corpus, stderr, tool) {
  let out;
  try {
    out = JSON.parse(stdout);
  } catch {
    return { error: `did not print JSON on stdout (got ${JSON.stringify(stdout.slice(0, 200))}${stderr ? `; stderr ${JSON.stringify(stderr.slice(0, 200))}` : ''})` };
  }
  if (!Array.isArray(out) || out.some((f) => !Array.isArray(f.messages))) return { error: 'printed JSON that is not a list of {filePath, messages}' };
  if (out.length !== tool.files) return { error: `reported on ${out.length} files, expected ${tool.files}` };
  const rules = new Set(out.flatMap((f) => f.messages.map((m) => m.ruleId)));
  if ([...rules].some((r) => r !== 'terminology')) return { error: `reported rules other than terminology: ${[...rules].join(', ')}` };
  return `${out.length} files, ${out.reduce((n, f) => n + f.messages.length, 0)} findings`;
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
    timeout: tool.timeoutMs ?? TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    shell: process.platform === 'win32' && tool.cmd.endsWith('.cmd'),
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  const fullStderr = r.stderr?.toString() ?? '';
  const stderr = fullStderr.trim().split('\n').slice(-15).join('\n');
  const why = (msg) => fail(`${tool.label} ${msg}\n  in ${tool.cwd ?? ROOT}\n  command: ${[tool.cmd, ...tool.args].join(' ')}${stderr ? `\n  stderr:\n${stderr}` : ''}`);
  if (r.error?.code === 'ETIMEDOUT') why(`timed out after ${(tool.timeoutMs ?? TIMEOUT_MS) / 60000} minutes`);
  if (r.error) why(`could not run (${r.error.code ?? r.error.message})`);
  if (r.signal) why(`was killed by ${r.signal}`);
  if (r.status === 2) why('reported a usage/config error (exit 2)');
  if (!tool.okCodes.includes(r.status)) why(`failed with exit ${r.status}`);
  const detail = tool.check ? tool.check(readFileSync(tool.outFile, 'utf8'), corpus, fullStderr, tool) : '';
  if (detail.error) why(`exited ${r.status} but ${detail.error}`);
  return { seconds, detail };
}

// Rounds are interleaved (every tool once per round) so that a burst of
// background load hits all rows alike instead of skewing one of them. The
// warm-up round also fills the OS file cache. Each time is printed as it
// comes: on a slow engine one run can take a minute.
function measure(tools, corpus) {
  const rows = tools.map((tool) => ({
    runs: RUNS,
    warmups: WARMUPS,
    ...tool,
    label: `${tool.name}${tool.glossary ? ` with ${terms(tool.glossary)} terms` : ''}`,
    outFile: join(CORPUS_DIR, `out-${tool.name.replace(/\W+/g, '-')}-${tool.glossary ?? 'none'}.txt`),
    times: [],
  }));
  const first = -Math.max(...rows.map((r) => r.warmups));
  const last = Math.max(...rows.map((r) => r.runs));
  for (let round = first; round < last; round++) {
    for (const row of rows) {
      if (round < -row.warmups || round >= row.runs) continue;
      if (row.peer && round === 0) console.log(`${row.label}: one run (slow; up to ${(row.timeoutMs ?? TIMEOUT_MS) / 60000} minutes)...`);
      const { seconds, detail } = runOnce(row, corpus);
      if (round >= 0) row.times.push(seconds);
      row.detail = detail;
      console.log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${row.runs}`}  ${row.label}: ${fmt(seconds)} s${detail ? `  (${detail})` : ''}`);
    }
  }
  for (const row of rows) row.median = [...row.times].sort((a, b) => a - b)[Math.floor(row.runs / 2)];
  return rows;
}

const fmt = (n, digits = 2) => n.toFixed(digits);
const terms = (n) => (n == null ? '—' : n.toLocaleString('en-US'));

async function main() {
  const loadAtStart = os.loadavg()[0];
  const corpus = generate({ log: (m) => console.log(`corpus: ${m}`) });
  mkdirSync(join(CORPUS_DIR, 'node_modules'), { recursive: true }); // the CLI's glossary cache lives there
  const mb = corpus.docs.bytes / 1e6;
  console.log(`corpus: ${corpus.docs.files} files, ${fmt(mb, 1)} MB in ${CORPUS}/docs`);
  const peerConfig = writePeerConfigs({ seed: corpus.seed });
  console.log(`peers: cspell.json with ${peerConfig.words} words, .textlintrc.json with ${peerConfig.avoidPairs} avoided -> preferred pairs and ${terms(peerConfig.names)} names`);

  if (!existsSync(CLI)) {
    fail(`${relative(ROOT, CLI)} not found. Build it first (\`npm run build\`), or run \`npm run bench\` which builds.`);
  }
  const tools = TOOLS.filter((t) => {
    const missing = (t.needs ?? []).filter((p) => !existsSync(p));
    if (missing.length) console.log(`skipping ${t.name}: not installed (${missing.map((p) => relative(ROOT, p)).join(', ')})`);
    return missing.length === 0;
  });
  for (const t of tools) {
    t.files = corpus.docs.files;
    t.bytes = corpus.docs.bytes;
  }
  const textlint = tools.find((t) => t.name.startsWith('textlint'));
  if (textlint && !TEXTLINT_FULL) {
    const docs = markdownFiles(join(CORPUS_DIR, 'docs')).sort();
    const sample = docs.filter((_, i) => i % TEXTLINT_SAMPLE === 0);
    textlint.sample = true;
    textlint.files = sample.length;
    textlint.bytes = sample.reduce((n, f) => n + statSync(join(CORPUS_DIR, f)).size, 0);
    textlint.args = ['--format', 'json', ...sample];
    console.log(`textlint: a sample of every ${TEXTLINT_SAMPLE}th file, ${sample.length} files, ${fmt(textlint.bytes / 1e6)} MB (BENCH_TEXTLINT_FULL=1 for all)`);
  }

  const results = measure(tools, corpus);
  const floor = results.find((r) => r.isFloor).median;
  const tb = (n) => results.find((r) => r.name === 'Termbridge' && r.glossary === n);
  for (const r of results) {
    r.mbps = r.bytes / 1e6 / r.median;
    r.projected = r.median * (corpus.docs.bytes / r.bytes); // the whole corpus at the same rate
    r.xFloor = r.projected / floor;
  }
  const tb10k = tb(10000);
  for (const r of results) r.xTermbridge = r.peer ? r.projected / tb10k.median : null;
  const scaling = tb10k.median / tb(100).median;
  const row = (extra) => results.find((r) => r.name === rowName(extra));
  const threadScaling = tb10k.median / row(['--jobs']).median;
  const coldThreadScaling = row(['--no-cache']).median / row(['--no-cache', '--jobs']).median;

  const header = ['Tool', 'Glossary size (terms)', 'Timed runs', 'Median (s)', 'MB/s', '× floor', '× Termbridge'];
  const rows = results.map((r) => [
    `${r.name}${r.sample ? ' (sample)' : ''}`,
    terms(r.glossary),
    r.warmups ? `${r.runs} after ${r.warmups} warm-up` : `${r.runs}, no warm-up`,
    fmt(r.median),
    fmt(r.mbps, r.mbps < 1 ? 2 : 1),
    fmt(r.xFloor, 1),
    r.xTermbridge == null ? '—' : fmt(r.xTermbridge, 1),
  ]);
  printTable(header, rows);
  console.log(`\nglossary scaling: 10,000 terms / 100 terms = ${fmt(scaling)}×`);
  console.log(`multi-core: default (${DEFAULT_JOBS} thread${DEFAULT_JOBS === 1 ? '' : 's'}) / --jobs ${CORES} = ${fmt(threadScaling)}× (above 1: more threads are faster); with no cache ${fmt(coldThreadScaling)}×`);
  const ratios = results.filter((r) => r.peer).map((r) => `${r.name} / Termbridge (10,000 terms) = ${fmt(r.xTermbridge, 1)}×${r.sample ? ` (from a ${fmt(r.bytes / 1e6)} MB sample, scaled to the corpus: ${fmt(r.projected, 0)} s)` : ''}`);
  for (const line of [...ratios, `Termbridge (10,000 terms) / floor = ${fmt(tb10k.xFloor, 1)}×`]) console.log(line);

  // The language server, after the CLI rows.
  console.log('\nlanguage server (bench/lsp.mjs):');
  const lsp = await lspOrFail({ log: console.log });
  console.log('');
  printRows(lspRows(lsp), console.log);
  const missed = lsp.targets.filter((t) => !t.met);
  console.log(`\ntargets: ${lsp.targets.map((t) => `${t.metric} ${t.target}: ${t.met ? 'met' : 'MISSED'}`).join('; ')}`);
  let profile = null;
  if (missed.length) {
    // A second run under `node --cpu-prof` (slower, so its timings are not reported) shows where
    // the time of the missed targets goes.
    const dir = mkdtempSync(join(os.tmpdir(), 'termbridge-lsp-prof-'));
    console.log(`\nprofiling the language server for the missed targets (a second run with --cpu-prof, into ${dir}):`);
    const profiled = await lspOrFail({ log: (m) => console.log(`  ${m}`), cpuProfDir: dir });
    const wanted = new Set(missed.flatMap((t) => PROFILE_PHASES[t.key] ?? []));
    profile = { ...profiled.profile, phases: Object.fromEntries(Object.entries(profiled.profile.phases).filter(([name]) => wanted.has(name))) };
    printProfile(profile, console.log);
  }

  writeReport({ corpus, mb, header, rows, scaling, threadScaling, coldThreadScaling, results, peerConfig, lsp, profile, loadAtStart });
  console.log(`\nwrote ${relative(ROOT, REPORT)}`);
}

async function lspOrFail(options) {
  try {
    return await runLspBench(options);
  } catch (e) {
    fail(`language server: ${e instanceof BenchError ? e.message : e.stack}`);
  }
}

// Paths of the corpus's Markdown files relative to the corpus folder, with forward slashes.
function markdownFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(path, out);
    else if (entry.isFile() && entry.name.endsWith('.md')) out.push(relative(CORPUS_DIR, path).replaceAll('\\', '/'));
  }
  return out;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function writeReport({ corpus, mb, header, rows, scaling, threadScaling, coldThreadScaling, results, peerConfig, lsp, profile, loadAtStart }) {
  // The engine notes are written by hand; keep them across regenerations.
  const previous = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  const notes = previous.match(NOTES_RE)?.[0] ?? [
    '<!-- engine-notes:start -->',
    '_To be written: how the engine keeps lint time close to the floor and nearly flat in glossary size._',
    '<!-- engine-notes:end -->',
  ].join('\n');
  const cpus = os.cpus();
  const findings = results.filter((r) => r.name === 'Termbridge').map((r) => `${terms(r.glossary)} terms: ${r.detail}`);
  const peers = results.filter((r) => r.peer);
  const peerChecks = peers.map((r) => `${r.name}: ${r.detail}`);
  const tb10k = results.find((r) => r.name === 'Termbridge' && r.glossary === 10000);
  const sampled = peers.find((r) => r.sample);
  const table = (head, body, align) => [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (align?.[i] ?? (i === 0 ? '---' : '---:'))).join(' | ')} |`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const ratioLines = [
    ...peers.map((r) => `- ${r.name} takes **${fmt(r.xTermbridge, 1)}×** the time of Termbridge with 10,000 terms${r.sample ? ` (scaled from the sample: ${fmt(r.median)} s for ${fmt(r.bytes / 1e6)} MB, so about ${fmt(r.projected, 0)} s for the corpus)` : ''}.`),
    `- Termbridge with 10,000 terms takes **${fmt(tb10k.xFloor, 1)}×** the time of the read-and-tokenise floor.`,
  ];
  // The page is itself linted (npm run lint:docs): machine names and function names go in inline
  // code and the acronyms used are declared, so it stays free of undefined-acronym warnings.
  const md = `# Performance

<!-- termbridge-ignore MB CPU ASCII -->

This page is written by \`npm run bench\` (\`bench/run.mjs\`), which builds the CLI,
generates a deterministic corpus into \`bench/.corpus/\` (\`bench/generate.mjs\`) and
times whole processes, start-up included. Each Termbridge and floor row is the median of ${RUNS} runs after
${WARMUPS} warm-up run; the peer linters, which take minutes, get one timed run and no warm-up.
Runs take turns across rows, so background load affects all rows alike. Then it drives
the language server over stdio (\`bench/lsp.mjs\`, also \`npm run bench:lsp\` alone). Only the
"How the engine gets there" section is written by hand; it is kept when the page is regenerated.

- **Read-and-tokenise floor** (\`bench/floor.mjs\`): a plain Node process that reads
  every \`.md\` file and counts words. No linter can be faster than this.
- **Termbridge**: \`node ../../dist/cli.js lint docs --glossary 'glossary-N/*.md' --format json\`,
  run in \`${CORPUS}/\` with generated glossaries of 100, 1,000 and 10,000 terms. The
  documents mostly use the first 100 terms, which are the same in all three glossaries,
  so the rows differ mainly in glossary size. They use the default thread count (\`--jobs\`: the available
  cores but one); the \`--jobs ${CORES}\` rows give every core a thread. The "no cache" rows pass \`--no-cache\`:
  the glossary is parsed by remark from scratch, as in a first run or a fresh CI checkout.
- **cspell** (\`cspell lint --no-progress 'docs/**/*.md'\`, in \`${CORPUS}/\`): its English dictionaries
  plus a \`cspell.json\` listing the ${terms(peerConfig.words)} distinct words of the 10,000-term glossary's
  names and aliases, so it accepts the same vocabulary.
- **textlint + terminology** (\`textlint --format json\`, in \`${CORPUS}/\`): \`textlint-rule-terminology\`
  with \`defaultTerms: false\` and, as \`terms\`, the glossary's ${terms(peerConfig.avoidPairs)} avoided → preferred pairs
  plus its ${terms(peerConfig.names)} names (it flags other casings).${sampled ? ` The rule builds one regular
  expression per avoided term for every text node, about a minute of processor time per MB here, so by default it lints
  every ${TEXTLINT_SAMPLE}th file in path order (${sampled.files} files, ${fmt(sampled.bytes / 1e6)} MB); its "× floor" and
  "× Termbridge" scale that time to the whole corpus (\`BENCH_TEXTLINT_FULL=1\` lints everything).` : ''}

MB/s is the bytes linted (10^6 bytes per MB) divided by the median wall-clock time;
"× floor" is the median divided by the floor's median, and "× Termbridge" the peer's
time divided by Termbridge's with the 10,000-term glossary.

## Setup

- Machine: \`${cpus[0]?.model.trim() ?? 'unknown CPU'}\`, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB memory, \`${os.type()} ${os.release()}\`
- Node.js: ${process.version}
- Date: ${new Date().toISOString().slice(0, 10)}
- Corpus: ${corpus.docs.files} Markdown files, ${fmt(mb, 1)} MB (largest ${fmt(corpus.docs.maxBytes / 1e6, 1)} MB); generator v${corpus.version}, seed ${corpus.seed}
- Load: 1-minute load average ${fmt(loadAtStart, 1)} at the start, ${fmt(os.loadavg()[0], 1)} at the end (the machine may be shared with other work, so times are noisy)

## Results

${table(header, rows)}

Glossary scaling: linting with 10,000 terms takes **${fmt(scaling)}×** the time of 100 terms.

Multi-core: the default run (\`--jobs ${DEFAULT_JOBS}\`, the available cores but one) takes **${fmt(threadScaling)}×** the time of
\`--jobs ${CORES}\` (one thread per core; above 1 means more threads are faster). With no cache, where the threads
also share out remark's parse of the glossary, the default takes **${fmt(coldThreadScaling)}×** the time of \`--jobs ${CORES}\`.

${ratioLines.join('\n')}

Output of every run is checked; the last run reported ${findings.join('; ')}${peerChecks.length ? `; ${peerChecks.join('; ')}` : ''}.

## Language server

\`bench/lsp.mjs\` starts \`node --max-semi-space-size=2 dist/server.js --stdio\` (the flags the VS Code extension starts it with, \`server/src/lsp/exec-argv.json\`) on a temporary workspace holding the 10,000-term
glossary (\`glossary/\`, ${fmt(lsp.glossaryBytes / 1e6, 1)} MB) and a generated ${terms(lsp.spec.lines)}-line spec
(${fmt(lsp.spec.bytes / 1e6, 2)} MB, hard-wrapped at 100 columns), and speaks to it as an editor does. The index build is
timed from \`initialized\` to the first \`termbridge/status\` (the server itself reports no timing), in a first
session and again in ${lsp.indexRestarts} second sessions on the same workspace (the median is shown), where a server may reuse what it kept on disk (its
\`cacheDir\` is a folder in the temporary workspace, so every benchmark starts cold), and last in as many first sessions after \`termbridge lint\` ran in the workspace, each with an empty \`cacheDir\` of its own. Hovers go to
known-term spans, \`[[references]]\` and random positions; completions to \`[[\` plus 0–3 characters of a name and to
2–3 characters into a known term. Each edit types or deletes one character after a known term and waits for
the new version's diagnostics; the server re-checks ${DEBOUNCE_MS} ms after the last change, so the target applies to
the time minus that delay. Peak memory is the server process's \`VmHWM\`. Percentiles are nearest-rank (p99 of 100
edits is the second slowest; the slowest and the first, run before V8 has optimised the edit path, are shown
too). A crash or a request unanswered within its time limit (10 s, 60 s for the index and the
big documents) fails the benchmark.

${table(['Metric', 'Value', 'Target'], lspRows(lsp), ['---', '---:', '---'])}
${profile ? profileSection(profile, lsp) : ''}
## How the engine gets there

${notes}
`;
  writeFileSync(REPORT, md);
}

// For each missed target, where the server's time went in a second run under \`node --cpu-prof\`.
function profileSection(profile, lsp) {
  const out = ['', '### Where the time goes in the missed targets', '',
    'From a second run with `node --cpu-prof` on the server (slower than the run above): the functions with the most',
    'self time while the phase ran. "Busy" counts every sample not idle, including time blocked writing to the client.', ''];
  for (const t of lsp.targets.filter((x) => !x.met)) {
    const names = PROFILE_PHASES[t.key] ?? [];
    out.push(`- **${t.metric}** (${t.key === 'rss' ? `${fmt(lsp.memory.peakMB, 0)} MB` : `${fmt(t.value, 1)} ${t.unit}`}, target ${t.target}):`);
    if (t.key === 'rss') {
      out.push(`  peak / current memory after the index build ${memo(lsp.memoryAfterIndex)}, after opening the spec and the requests ${memo(lsp.memoryAfterRequests)}, after the edits ${memo(lsp.memoryAfterSpec)}, at the end ${memo(lsp.memory)}. Garbage collection's share of the busy time:`);
    }
    if (!names.some((name) => profile.phases[name])) out.push('  - not profiled');
    for (const name of names) {
      const p = profile.phases[name];
      if (!p) continue;
      const top = t.key === 'rss' ? p.top.filter((x) => x.fn === '(garbage collector)') : p.top.slice(0, 6);
      out.push(`  - phase \`${name}\` (${fmt(p.wallMs, 0)} ms, busy ${fmt(p.busyMs, 0)} ms): ${top.map((x) => `\`${x.fn}\` ${fmt(x.ms, 0)} ms (${fmt(x.share * 100, 0)}%)`).join(', ') || 'no garbage collection sampled'}`);
    }
  }
  out.push('');
  return out.join('\n');
}

const memo = (m) => `${fmt(m.peakMB, 0)} / ${fmt(m.rssMB, 0)} MB`;

await main();
