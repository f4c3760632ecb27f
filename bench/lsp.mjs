// Benchmark: the language server under load, over stdio, as an editor drives it.
//
//   node bench/lsp.mjs [--cpu-prof[=DIR]] [--json=FILE]
//
// Starts `dist/server.js --stdio` on a temporary workspace (the 10,000-term generated glossary and a
// generated 10,000-line spec), then measures: the index build, the first diagnostics of the spec,
// 1,000 hovers, 200 completions, 100 one-character edits up to their new diagnostics, the server's
// peak memory, a 5 MB document and a 20,000-character line, and the index build again in a second
// session on the same workspace. Prints a table; `run.mjs` imports `runLspBench` and writes the
// results into docs/performance.md.
//
// --cpu-prof runs the server with `node --cpu-prof` and prints, per phase, the functions with the
// most self time (the profiler's samples are cut by the phases' wall-clock windows: the client's
// process.hrtime and V8's profile timestamps read the same monotonic clock). Profiling slows the
// server, so its timings are not the benchmark's.
//
// Any server crash, request timeout or missing diagnostics exits 1.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { buildContext, CORPUS_DIR, DEFAULT_SEED, generate, makeRandom, renderDoc, renderLongLine, renderSpec } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = resolve(ROOT, process.env.TERMBRIDGE_SERVER ?? 'dist/server.js');
const CLI = resolve(ROOT, process.env.TERMBRIDGE_CLI ?? 'dist/cli.js');
// The V8 flags the editor extension starts the server with (client/src/server-connection.ts).
const SERVER_EXEC_ARGV = JSON.parse(readFileSync(resolve(ROOT, 'server/src/lsp/exec-argv.json'), 'utf8'));
export const DEBOUNCE_MS = 150; // server/src/lsp/server.ts DEBOUNCE_MS
const RESTARTS = 5;
const GLOSSARY_TERMS = 10000;
const SPEC_LINES = 10000;
const HOVERS = 1000;
const COMPLETIONS = 200;
const EDITS = 100; // p99 of 100 is the second slowest: one cold edit does not decide it alone (the first and the slowest are shown too)
const BIG_DOC_BYTES = 5_000_000;
const LONG_LINE_CHARS = 20_000;
const TIMEOUT_MS = 10_000; // any single request or notification we wait for
const BIG_TIMEOUT_MS = 60_000; // the index build and the two big documents

export const TARGETS = {
  hoverP99: { ms: 5, text: 'p99 < 5 ms' },
  editAfterDebounceP99: { ms: 50, text: '< 50 ms after the debounce' },
  index: { ms: 300, text: '< 300 ms' },
  rss: { mb: 150, text: '< 150 MB' },
};

class BenchError extends Error {}

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms, monotonic
const uriOf = (path) => pathToFileURL(path).href;

/** `termbridge/termRanges` spans (four numbers each) as LSP ranges. */
function spansToRanges(spans) {
  const ranges = [];
  for (let k = 0; k + 3 < spans.length; k += 4) {
    ranges.push({ start: { line: spans[k], character: spans[k + 1] }, end: { line: spans[k + 2], character: spans[k + 3] } });
  }
  return ranges;
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------------------
// Workspace

function makeWorkspace(log) {
  const corpus = generate({ log: (m) => log(`corpus: ${m}`) });
  const dir = mkdtempSync(join(os.tmpdir(), 'termbridge-lsp-bench-'));
  cpSync(join(CORPUS_DIR, `glossary-${GLOSSARY_TERMS}`), join(dir, 'glossary'), { recursive: true });
  writeFileSync(join(dir, '.termbridge.json'), '{}\n');
  const ctx = buildContext(makeRandom(corpus.seed ?? DEFAULT_SEED));
  const docs = {
    spec: { name: 'spec.md', text: renderSpec(makeRandom(1), ctx, SPEC_LINES) },
    big: { name: 'big.md', text: renderDoc(makeRandom(2), ctx, BIG_DOC_BYTES) },
    longLine: { name: 'long-line.md', text: `# One long line\n\n${renderLongLine(makeRandom(3), ctx, LONG_LINE_CHARS)}\n` },
  };
  for (const d of Object.values(docs)) {
    d.path = join(dir, d.name);
    d.uri = uriOf(d.path);
    d.lines = d.text.split('\n');
    writeFileSync(d.path, d.text);
  }
  const glossaryBytes = readdirSync(join(dir, 'glossary')).reduce((n, f) => n + readFileSync(join(dir, 'glossary', f)).length, 0);
  return { dir, docs, glossaryBytes };
}

// ---------------------------------------------------------------------------
// Client

/**
 * A minimal editor: spawns the server, answers what a client must answer, and records every
 * diagnostics / termRanges / status notification with its arrival time.
 */
async function startClient(dir, { execArgv = [], initializationOptions } = {}) {
  const spawnedAt = now();
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...execArgv, SERVER, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const events = []; // { kind, uri, version, at, params }
  const waiters = new Set();
  let stopping = false;
  let exited = null; // set when the process ends
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const crashError = () => new BenchError(`the language server exited (${exited}) while we were waiting${stderr ? `\n  stderr:\n${stderr}` : ''}`);
  child.on('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
    wake();
  });

  const client = {
    child,
    conn,
    events,
    spawnedAt,
    get pid() {
      return child.pid;
    },
    /** Resolves with the first event after `since` that satisfies `test`; rejects on timeout or crash. */
    waitFor(test, what, timeout = TIMEOUT_MS, since = 0) {
      return new Promise((resolvePromise, reject) => {
        let from = since;
        const attempt = () => {
          if (exited && !stopping) return done(crashError());
          for (; from < events.length; from++) {
            if (test(events[from])) return done(null, events[from]);
          }
        };
        const timer = setTimeout(() => done(new BenchError(`timed out after ${timeout / 1000} s waiting for ${what}`)), timeout);
        const done = (err, value) => {
          clearTimeout(timer);
          waiters.delete(attempt);
          if (err) reject(err);
          else resolvePromise(value);
        };
        waiters.add(attempt);
        attempt();
      });
    },
    /** A request with a deadline: a timeout or a crash rejects. */
    request(type, params, what, timeout = TIMEOUT_MS) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => finish(new BenchError(`timed out after ${timeout / 1000} s waiting for ${what}`)), timeout);
        const onExit = () => finish(crashError());
        const finish = (err, value) => {
          clearTimeout(timer);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolvePromise(value);
        };
        child.once('exit', onExit);
        conn.sendRequest(type, params).then((v) => finish(null, v), (e) => finish(new BenchError(`${what} failed: ${e.message}`)));
      });
    },
    notify(type, params) {
      if (exited) throw crashError();
      return conn.sendNotification(type, params);
    },
    /** Resolves once the server has sent nothing for `quietMs` (it may re-check after its debounce). */
    async settle(quietMs = DEBOUNCE_MS + 250, timeout = BIG_TIMEOUT_MS) {
      const deadline = now() + timeout;
      for (;;) {
        if (exited) throw crashError();
        const last = events.at(-1)?.at ?? 0;
        const quietFor = now() - last;
        if (quietFor >= quietMs) return;
        if (now() > deadline) throw new BenchError(`the server did not go quiet within ${timeout / 1000} s`);
        await new Promise((res) => setTimeout(res, quietMs - quietFor + 5));
      }
    },
    /** VmHWM and VmRSS of the server process, in MB (10^6 bytes). */
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { peakMB: (kb('VmHWM') * 1024) / 1e6, rssMB: (kb('VmRSS') * 1024) / 1e6 };
    },
    async stop() {
      stopping = true;
      const gone = new Promise((r) => (exited ? r() : child.once('exit', r)));
      try {
        await client.request(ShutdownRequest.type, undefined, 'shutdown', BIG_TIMEOUT_MS);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        child.kill();
      }
      // With --cpu-prof the profile is written on exit, which can take a few seconds.
      const timer = setTimeout(() => child.kill(), BIG_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
      conn.dispose();
    },
    get stderr() {
      return stderr;
    },
  };

  const record = (kind) => (params) => {
    events.push({ kind, uri: params?.uri, version: params?.version, at: now(), params });
    wake();
  };
  conn.onNotification(PublishDiagnosticsNotification.type, record('diagnostics'));
  conn.onNotification('termbridge/termRanges', record('termRanges'));
  conn.onNotification('termbridge/status', record('status'));
  conn.onNotification('window/showMessage', record('message'));
  conn.onNotification('window/logMessage', record('log'));
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.onRequest(RegistrationRequest.type, () => undefined);
  conn.onRequest('client/unregisterCapability', () => undefined);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest(ShowDocumentRequest.type, () => ({ success: true }));
  conn.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: true }));
  conn.listen();

  await client.request(
    InitializeRequest.type,
    {
      processId: process.pid,
      initializationOptions,
      rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, workspaceFolders: true },
        window: { showDocument: { support: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: false, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
        },
      },
    },
    'initialize',
    BIG_TIMEOUT_MS,
  );
  client.initializedAt = now();
  await client.notify(InitializedNotification.type, {});
  return client;
}

// ---------------------------------------------------------------------------
// Positions in a document (UTF-16 code units: the generated text is all in the BMP)

function positionAt(doc, offset) {
  if (!doc.lineStarts) {
    doc.lineStarts = [0];
    for (let i = 0; i < doc.text.length; i++) if (doc.text.charCodeAt(i) === 10) doc.lineStarts.push(i + 1);
  }
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - doc.lineStarts[lo] };
}

/** `[[Name...` references: the position of the name's first character. */
function wikiLinks(doc) {
  const out = [];
  for (const m of doc.text.matchAll(/\[\[([^\[\]\n|]+)/g)) out.push({ offset: m.index + 2, name: m[1] });
  return out;
}

// ---------------------------------------------------------------------------
// The run

const stats = (values) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values), first: values[0], n: values.length });

export async function runLspBench({ log = console.log, cpuProfDir = null } = {}) {
  if (!existsSync(SERVER)) throw new BenchError(`${relative(ROOT, SERVER)} not found: run \`npm run build\` first.`);
  const ws = makeWorkspace(log);
  const { spec, big, longLine } = ws.docs;
  log(`lsp: workspace ${ws.dir}: ${GLOSSARY_TERMS.toLocaleString('en-US')}-term glossary (${(ws.glossaryBytes / 1e6).toFixed(1)} MB), ` +
    `spec ${spec.lines.length - 1} lines (${(spec.text.length / 1e6).toFixed(2)} MB), ${big.name} ${(big.text.length / 1e6).toFixed(1)} MB, ` +
    `${longLine.name} one ${LONG_LINE_CHARS.toLocaleString('en-US')}-character line`);
  const execArgv = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  // Where a server that keeps parsed glossary sections between sessions may keep them: inside the
  // temporary workspace, so each benchmark starts cold and leaves nothing in the user's cache folder.
  const initializationOptions = { cacheDir: join(ws.dir, '.termbridge-cache') };
  const phases = []; // { name, from, to } in client ms, for cutting the CPU profile
  const phase = async (name, run) => {
    const from = now();
    try {
      return await run();
    } finally {
      phases.push({ name, from, to: now() });
    }
  };
  const r = { spec: { lines: spec.lines.length - 1, bytes: Buffer.byteLength(spec.text) }, glossaryBytes: ws.glossaryBytes };
  let client;
  try {
    client = await startClient(ws.dir, { execArgv, initializationOptions });
    r.startupMs = client.initializedAt - client.spawnedAt;

    // 1. Index build: from `initialized` to the first status.
    const status = await phase('index', () => client.waitFor((e) => e.kind === 'status', 'the first termbridge/status', BIG_TIMEOUT_MS));
    r.indexMs = status.at - client.initializedAt;
    const folder = status.params.folders?.[0] ?? {};
    r.serverStatus = folder;
    if (folder.bundled || folder.terms !== GLOSSARY_TERMS) {
      throw new BenchError(`the server indexed ${folder.terms} terms (bundled: ${folder.bundled}), expected the ${GLOSSARY_TERMS}-term glossary`);
    }
    r.memoryAfterIndex = client.memory();
    log(`lsp: index of ${folder.terms} terms built ${r.indexMs.toFixed(0)} ms after initialized (server reports ${JSON.stringify(statusSummary(folder))})`);

    // 2. didOpen -> first diagnostics of the spec.
    const docs = new Map(); // uri -> { version }
    const open = async (doc, what, timeout) => {
      const since = client.events.length;
      const sent = now();
      docs.set(doc.uri, { version: 1 });
      await client.notify(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc.uri, languageId: 'markdown', version: 1, text: doc.text } });
      const diag = await client.waitFor((e) => e.kind === 'diagnostics' && e.uri === doc.uri, `diagnostics for ${what}`, timeout, since);
      const ranges = await client.waitFor((e) => e.kind === 'termRanges' && e.uri === doc.uri, `term ranges for ${what}`, timeout, since);
      // Later requests are timed once the server is idle again: count what it sends meanwhile.
      await client.settle();
      const publishes = client.events.slice(since).filter((e) => e.kind === 'diagnostics' && e.uri === doc.uri);
      return { ms: diag.at - sent, diagnostics: diag.params.diagnostics.length, termRanges: spansToRanges(ranges.params.spans), publishes: publishes.length, lastPublishMs: publishes.at(-1).at - sent };
    };
    const opened = await phase('open', () => open(spec, 'the spec', BIG_TIMEOUT_MS));
    r.openMs = opened.ms;
    r.openDiagnostics = opened.diagnostics;
    r.openPublishes = opened.publishes;
    r.openLastPublishMs = opened.lastPublishMs;
    log(`lsp: spec opened, ${opened.diagnostics} diagnostics after ${opened.ms.toFixed(1)} ms, ${opened.termRanges.length} known-term spans; diagnostics published ${opened.publishes} time(s), the last ${opened.lastPublishMs.toFixed(0)} ms after didOpen`);

    // 3. Hovers: on known terms, on [[references]], and anywhere.
    const rnd = makeRandom(42);
    const refs = wikiLinks(spec);
    const hoverAt = [];
    for (let i = 0; i < HOVERS; i++) {
      const k = rnd.next();
      if (k < 0.4) {
        const range = rnd.pick(opened.termRanges);
        const span = range.start.line === range.end.line ? range.end.character - range.start.character : 1;
        hoverAt.push({ line: range.start.line, character: range.start.character + rnd.int(Math.max(1, span)), on: 'term' });
      } else if (k < 0.5) {
        const ref = rnd.pick(refs);
        hoverAt.push({ ...positionAt(spec, ref.offset + rnd.int(ref.name.length)), on: 'reference' });
      } else {
        const line = rnd.int(spec.lines.length - 1);
        hoverAt.push({ line, character: rnd.int(spec.lines[line].length + 1), on: 'anywhere' });
      }
    }
    const hoverMs = [];
    let hoverHits = 0;
    await phase('hover', async () => {
      for (const at of hoverAt) {
        const t = now();
        const h = await client.request(HoverRequest.type, { textDocument: { uri: spec.uri }, position: { line: at.line, character: at.character } }, 'a hover');
        hoverMs.push(now() - t);
        if (h) hoverHits++;
      }
    });
    r.hover = { ...stats(hoverMs), hits: hoverHits, onTerms: hoverAt.filter((a) => a.on !== 'anywhere').length };
    const byKind = ['term', 'reference', 'anywhere'].map((on) => {
      const ms = hoverMs.filter((_, i) => hoverAt[i].on === on);
      return `${on} ${ms.length}: p50 ${percentile(ms, 50).toFixed(2)} / p99 ${percentile(ms, 99).toFixed(2)} ms`;
    });
    log(`lsp: ${HOVERS} hovers (${r.hover.onTerms} on terms or references, ${hoverHits} answered with content): p50 ${r.hover.p50.toFixed(2)} ms, p99 ${r.hover.p99.toFixed(2)} ms, max ${r.hover.max.toFixed(1)} ms (${byKind.join('; ')})`);
    r.memoryAfterRequests = client.memory();

    // 4. Completions: inside [[ (after 0-3 characters of a name) and on word prefixes of terms.
    const completionAt = [];
    for (let i = 0; i < COMPLETIONS; i++) {
      if (i % 2 === 0) {
        const ref = rnd.pick(refs);
        completionAt.push(positionAt(spec, ref.offset + Math.min(ref.name.length, rnd.int(4))));
      } else {
        const range = rnd.pick(opened.termRanges.filter((x) => x.start.line === x.end.line && x.end.character - x.start.character >= 4));
        completionAt.push({ line: range.start.line, character: range.start.character + 2 + rnd.int(2) });
      }
    }
    const completionMs = [];
    let items = 0;
    await phase('completion', async () => {
      for (const position of completionAt) {
        const t = now();
        const list = await client.request(CompletionRequest.type, { textDocument: { uri: spec.uri }, position }, 'a completion');
        completionMs.push(now() - t);
        items += Array.isArray(list) ? list.length : (list?.items?.length ?? 0);
      }
    });
    r.completion = { ...stats(completionMs), meanItems: items / COMPLETIONS };
    log(`lsp: ${COMPLETIONS} completions (mean ${r.completion.meanItems.toFixed(0)} items): p50 ${r.completion.p50.toFixed(2)} ms, p99 ${r.completion.p99.toFixed(2)} ms`);

    // 5. One-character edits: type a character after a known term, then delete it, EDITS / 2 times.
    const editMs = [];
    const edits = [];
    for (let i = 0; i < EDITS / 2; i++) {
      const range = rnd.pick(opened.termRanges.filter((x) => x.start.line === x.end.line));
      const at = range.end;
      edits.push({ range: { start: at, end: at }, text: 'x' }, { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' });
    }
    const state = docs.get(spec.uri);
    for (const change of edits) {
      await phase('edit', async () => {
        const since = client.events.length;
        const version = ++state.version;
        const sent = now();
        await client.notify(DidChangeTextDocumentNotification.type, { textDocument: { uri: spec.uri, version }, contentChanges: [change] });
        const diag = await client.waitFor((e) => e.kind === 'diagnostics' && e.uri === spec.uri && e.version === version, `diagnostics for edit ${version}`, TIMEOUT_MS, since);
        editMs.push(diag.at - sent);
        await client.waitFor((e) => e.kind === 'termRanges' && e.uri === spec.uri && e.version === version, `term ranges for edit ${version}`, TIMEOUT_MS, since);
      });
      await new Promise((res) => setTimeout(res, 50)); // let the server go idle
    }
    if (process.env.BENCH_EDITS) log("edits: " + editMs.map((ms) => (ms - DEBOUNCE_MS).toFixed(0)).join(" "));
    r.edit = { ...stats(editMs), afterDebounce: stats(editMs.map((ms) => ms - DEBOUNCE_MS)) };
    log(`lsp: ${EDITS} one-character edits to new diagnostics: p50 ${r.edit.p50.toFixed(1)} ms, p99 ${r.edit.p99.toFixed(1)} ms (after the ${DEBOUNCE_MS} ms debounce: p50 ${r.edit.afterDebounce.p50.toFixed(1)} ms, p99 ${r.edit.afterDebounce.p99.toFixed(1)} ms, slowest ${r.edit.afterDebounce.max.toFixed(1)} ms, first ${r.edit.afterDebounce.first.toFixed(1)} ms)`);

    r.memoryAfterSpec = client.memory();
    log(`lsp: memory (peak / current): after the index ${mem(r.memoryAfterIndex)}, after opening the spec and the requests ${mem(r.memoryAfterRequests)}, after the edits ${mem(r.memoryAfterSpec)}`);

    // 6. Big inputs: they must be served, diagnostics and a hover each, within 60 s.
    r.bigInputs = [];
    for (const [doc, label, key] of [[big, `a ${(big.text.length / 1e6).toFixed(0)} MB document`, 'big'], [longLine, `a ${LONG_LINE_CHARS.toLocaleString('en-US')}-character line`, 'longLine']]) {
      const o = await phase(`${key}:open`, () => open(doc, label, BIG_TIMEOUT_MS));
      const middle = o.termRanges[Math.floor(o.termRanges.length / 2)];
      if (!middle) throw new BenchError(`${label}: no known terms reported, cannot hover`);
      const t = now();
      const h = await phase(`${key}:hover`, () =>
        client.request(HoverRequest.type, { textDocument: { uri: doc.uri }, position: middle.start }, `a hover on ${label}`, BIG_TIMEOUT_MS));
      const hoverMs = now() - t;
      if (!h) throw new BenchError(`${label}: the hover on a known term at ${JSON.stringify(middle.start)} returned nothing`);
      r.bigInputs.push({ label, bytes: Buffer.byteLength(doc.text), diagnosticsMs: o.ms, diagnostics: o.diagnostics, hoverMs, publishes: o.publishes, lastPublishMs: o.lastPublishMs });
      log(`lsp: ${label}: ${o.diagnostics} diagnostics after ${o.ms.toFixed(0)} ms (published ${o.publishes} time(s), the last after ${o.lastPublishMs.toFixed(0)} ms), hover ${hoverMs.toFixed(1)} ms`);
    }

    r.memory = client.memory();
    log(`lsp: server peak memory (VmHWM) at the end: ${r.memory.peakMB.toFixed(0)} MB`);
    const serverStderr = client.stderr.trim();
    if (serverStderr) log(`lsp: server stderr:\n${serverStderr}`);
    await client.stop();
    client = null;

    // 7. Second sessions on the same workspace: the index again, with whatever the first session
    //    kept on disk (a server without such a cache parses everything again). A few hundred
    //    milliseconds in a fresh process vary a lot from run to run, so it is timed RESTARTS times
    //    (the median is reported, and the range); only the first is profiled.
    const second = await timeSessions(ws.dir, { phase: 'index:restart', cpuProfDir }, () => ({ initializationOptions }));
    r.indexRestartMs = second.ms;
    r.indexRestartRange = second.range;
    r.indexRestarts = second.n;
    r.memoryRestart = second.memory;
    log(`lsp: second sessions (${second.n}): index of ${second.terms} terms built ${second.times} ms after initialized ` +
      `(median ${second.ms.toFixed(0)} ms), peak memory ${second.memory.peakMB.toFixed(0)} MB`);

    // 8. A first session after a lint run: the CLI keeps its glossary index in the workspace's
    //    node_modules/.cache/termbridge/, which the server reads too. Each session gets a cache
    //    folder of its own, empty, so nothing it kept itself is used.
    mkdirSync(join(ws.dir, 'node_modules'), { recursive: true });
    const lint = spawnSync(process.execPath, [CLI, 'lint', spec.name, '--format', 'json'], { cwd: ws.dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    // 1: findings, as the spec has; anything else is a failure of the run.
    if (lint.status !== 0 && lint.status !== 1) throw new BenchError(`termbridge lint spec.md exited ${lint.status}: ${lint.stderr.trim()}`);
    const afterCli = await timeSessions(ws.dir, { phase: 'index:after-cli', cpuProfDir }, (i) => ({
      initializationOptions: { cacheDir: join(ws.dir, `.termbridge-cache-fresh-${i}`) },
    }));
    r.indexAfterCliMs = afterCli.ms;
    r.indexAfterCliRange = afterCli.range;
    r.indexAfterCliSessions = afterCli.n;
    log(`lsp: first sessions after a CLI run (${afterCli.n}): index built ${afterCli.times} ms after initialized (median ${afterCli.ms.toFixed(0)} ms)`);

    if (cpuProfDir) {
      r.profile = summariseProfile(cpuProfDir, phases);
      for (const series of [second, afterCli]) Object.assign(r.profile.phases, summariseProfile(series.profileDir, series.phases).phases);
    }
  } finally {
    if (client) {
      client.child.kill();
      client.conn.dispose();
    }
    rmSync(ws.dir, { recursive: true, force: true });
  }
  r.targets = judge(r);
  return r;
}

const mem = (m) => `${m.peakMB.toFixed(0)} / ${m.rssMB.toFixed(0)} MB`;

function statusSummary(folder) {
  const { uri, glossaryFiles, ...rest } = folder;
  return { ...rest, glossaryFiles: glossaryFiles?.length };
}

export function judge(r) {
  return [
    { key: 'hoverP99', metric: 'Hover p99', value: r.hover.p99, unit: 'ms', target: TARGETS.hoverP99.text, met: r.hover.p99 < TARGETS.hoverP99.ms },
    {
      key: 'editAfterDebounceP99',
      metric: 'Diagnostics after a one-character edit, p99, minus the debounce',
      value: r.edit.afterDebounce.p99,
      unit: 'ms',
      target: TARGETS.editAfterDebounceP99.text,
      met: r.edit.afterDebounce.p99 < TARGETS.editAfterDebounceP99.ms,
    },
    { key: 'index', metric: 'Index of 10,000 terms, first session', value: r.indexMs, unit: 'ms', target: TARGETS.index.text, met: r.indexMs < TARGETS.index.ms },
    { key: 'indexRestart', metric: 'Index of 10,000 terms, second session', value: r.indexRestartMs, unit: 'ms', target: TARGETS.index.text, met: r.indexRestartMs < TARGETS.index.ms },
    { key: 'indexAfterCli', metric: 'Index of 10,000 terms, first session after a CLI run', value: r.indexAfterCliMs, unit: 'ms', target: TARGETS.index.text, met: r.indexAfterCliMs < TARGETS.index.ms },
    { key: 'rss', metric: 'Peak memory (VmHWM)', value: r.memory.peakMB, unit: 'MB', target: TARGETS.rss.text, met: r.memory.peakMB < TARGETS.rss.mb },
  ];
}

/**
 * Starts RESTARTS sessions on `dir` one after another (`optionsOf(i)`: the client's options) and
 * times each from \`initialized\` to its first status. A few hundred milliseconds in a fresh process
 * vary a lot from run to run: the median is reported, and the range. With `cpuProfDir`, the first
 * session is profiled into a folder of its own named after `phase`, and its index phase is
 * returned (`profileDir`, `phases`) for `summariseProfile`.
 */
async function timeSessions(dir, { phase, cpuProfDir = null }, optionsOf) {
  const profileDir = cpuProfDir ? join(cpuProfDir, phase.replace(/\W/g, '-')) : null;
  const phases = [];
  const sessions = [];
  for (let i = 0; i < RESTARTS; i++) {
    const profiled = profileDir && i === 0;
    const options = optionsOf(i);
    const client = await startClient(dir, { ...options, execArgv: profiled ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
    try {
      const from = now();
      const status = await client.waitFor((e) => e.kind === 'status', 'the first termbridge/status of a session', BIG_TIMEOUT_MS);
      if (profiled) phases.push({ name: phase, from, to: now() });
      sessions.push({ ms: status.at - client.initializedAt, memory: client.memory(), terms: status.params.folders?.[0]?.terms });
    } finally {
      await client.stop();
    }
  }
  const times = sessions.map((x) => x.ms);
  const median = sessions.find((x) => x.ms === percentile(times, 50));
  return { ...median, profileDir, phases, n: sessions.length, range: [Math.min(...times), Math.max(...times)], times: times.map((ms) => ms.toFixed(0)).join(', ') };
}

// ---------------------------------------------------------------------------
// CPU profile: self time per function within each phase's window

/** Which phases explain which target. */
export const PROFILE_PHASES = { hoverP99: ['hover'], editAfterDebounceP99: ['edit'], index: ['index'], indexRestart: ['index:restart'], indexAfterCli: ['index:after-cli'], rss: ['index', 'open', 'big:open'] };

function summariseProfile(dir, phases) {
  // One profile per thread (CPU.<date>.<time>.<pid>.<thread>.<n>): the server's own thread is 0;
  // the others are the workers that build the index.
  const files = readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f));
  if (files.length !== 1) throw new BenchError(`expected one main-thread .cpuprofile in ${dir}, found ${files.length}`);
  const profile = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample times in µs of the same monotonic clock as process.hrtime; phases are in ms.
  const times = new Float64Array(profile.samples.length);
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    times[i] = t / 1000;
  }
  const names = [...new Set(phases.map((p) => p.name))];
  const out = { file: join(dir, files[0]), phases: {} };
  for (const name of names) {
    const windows = phases.filter((p) => p.name === name);
    const self = new Map();
    let busy = 0;
    let wall = 0;
    for (const w of windows) wall += w.to - w.from;
    for (let i = 1; i < times.length; i++) {
      const at = times[i];
      if (!windows.some((w) => at >= w.from && at <= w.to)) continue;
      const node = byId.get(profile.samples[i]);
      const cf = node.callFrame;
      if (cf.functionName === '(idle)') continue;
      const ms = (times[i] - times[i - 1]);
      const where = cf.url ? `${basename(cf.url.replace(/^file:\/\//, ''))}:${cf.lineNumber + 1}` : '';
      const key = `${cf.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + ms);
      busy += ms;
    }
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TOP) || 10).map(([fn, ms]) => ({ fn: fn.length > 90 ? `${fn.slice(0, 87)}...` : fn, ms, share: busy ? ms / busy : 0 }));
    out.phases[name] = { wallMs: wall, busyMs: busy, top };
  }
  return out;
}

// ---------------------------------------------------------------------------
// Printing

const f1 = (n) => n.toFixed(1);
const f2 = (n) => n.toFixed(2);

/** Rows of the "Language server" table: metric, value, target. */
export function lspRows(r) {
  const verdict = Object.fromEntries(r.targets.map((t) => [t.key, `${t.target}: **${t.met ? 'met' : 'missed'}**`]));
  const rows = [
    ['Index build, `initialized` to the first `termbridge/status`, first session', `${r.indexMs.toFixed(0)} ms`, verdict.index],
    [
      `Same, second session on the same workspace (what the server keeps between sessions, if anything), median of ${r.indexRestarts} (range ${r.indexRestartRange.map((x) => x.toFixed(0)).join('-')} ms)`,
      `${r.indexRestartMs.toFixed(0)} ms`,
      verdict.indexRestart,
    ],
    [
      `Same, first session after \`termbridge lint\` ran in the workspace (the server reads the index the CLI keeps in \`node_modules/.cache\`), median of ${r.indexAfterCliSessions} (range ${r.indexAfterCliRange.map((x) => x.toFixed(0)).join('-')} ms)`,
      `${r.indexAfterCliMs.toFixed(0)} ms`,
      verdict.indexAfterCli,
    ],
    ['Server reports', `${r.serverStatus.terms.toLocaleString('en-US')} terms, ${r.serverStatus.glossaryErrors} glossary errors, ${r.serverStatus.glossaryFiles?.length ?? '?'} files (no timing)`, ''],
    ['Start-up, spawn to `initialize` answered', `${r.startupMs.toFixed(0)} ms`, ''],
    [
      `\`didOpen\` to the first diagnostics (${r.spec.lines.toLocaleString('en-US')}-line spec, ${(r.spec.bytes / 1e6).toFixed(2)} MB, ${r.openDiagnostics} diagnostics; published ${r.openPublishes}×, the last ${r.openLastPublishMs.toFixed(0)} ms after \`didOpen\`)`,
      `${r.openMs.toFixed(0)} ms`,
      '',
    ],
    [`Hover p50 / p99 / max (${r.hover.n} requests, ${r.hover.onTerms} on terms or references)`, `${f2(r.hover.p50)} / ${f2(r.hover.p99)} / ${f1(r.hover.max)} ms`, verdict.hoverP99],
    [`One-character edit to new diagnostics, p50 / p99 (${r.edit.n} edits)`, `${f1(r.edit.p50)} / ${f1(r.edit.p99)} ms`, ''],
    [`Same, minus the ${DEBOUNCE_MS} ms debounce, p50 / p99`, `${f1(r.edit.afterDebounce.p50)} / ${f1(r.edit.afterDebounce.p99)} ms`, verdict.editAfterDebounceP99],
    [`Same, minus the debounce: the slowest / the first edit`, `${f1(r.edit.afterDebounce.max)} / ${f1(r.edit.afterDebounce.first)} ms`, ''],
    [`Completion p50 / p99 (${r.completion.n} requests, mean ${r.completion.meanItems.toFixed(0)} items)`, `${f2(r.completion.p50)} / ${f2(r.completion.p99)} ms`, ''],
    ['Peak memory (VmHWM) after the index build, first / second session', `${r.memoryAfterIndex.peakMB.toFixed(0)} / ${r.memoryRestart.peakMB.toFixed(0)} MB`, ''],
    ['Peak memory (VmHWM) after the spec workload', `${r.memoryAfterSpec.peakMB.toFixed(0)} MB`, ''],
    ['Peak memory (VmHWM) at the end, big inputs included', `${r.memory.peakMB.toFixed(0)} MB`, verdict.rss],
  ];
  for (const b of r.bigInputs) {
    rows.push([`${b.label[0].toUpperCase()}${b.label.slice(1)}: \`didOpen\` to diagnostics (${b.diagnostics}; published ${b.publishes}×) / one hover`, `${b.diagnosticsMs.toFixed(0)} ms / ${f1(b.hoverMs)} ms`, 'served within 60 s: **met**']);
  }
  return rows;
}

export function printProfile(profile, log = console.log) {
  for (const [name, p] of Object.entries(profile.phases)) {
    log(`\nprofile, phase "${name}": ${p.wallMs.toFixed(0)} ms wall, ${p.busyMs.toFixed(0)} ms of it the server's thread not idle (self time per function)`);
    for (const t of p.top) log(`  ${t.ms.toFixed(1).padStart(8)} ms  ${(t.share * 100).toFixed(0).padStart(3)}%  ${t.fn}`);
  }
}

function printRows(rows, log) {
  const strip = (s) => s.replaceAll('**', '').replaceAll('`', '');
  const w = [0, 1].map((i) => Math.max(...rows.map((r) => strip(r[i]).length)));
  for (const r of rows) log(`${strip(r[0]).padEnd(w[0])}  ${strip(r[1]).padStart(w[1])}  ${strip(r[2])}`);
}

export { BenchError, printRows };

// ---------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const profArg = process.argv.find((a) => a.startsWith('--cpu-prof'));
  const jsonArg = process.argv.find((a) => a.startsWith('--json='));
  let cpuProfDir = null;
  if (profArg) {
    cpuProfDir = profArg.includes('=') ? resolve(profArg.split('=')[1]) : mkdtempSync(join(os.tmpdir(), 'termbridge-lsp-prof-'));
    rmSync(cpuProfDir, { recursive: true, force: true });
    mkdirSync(cpuProfDir, { recursive: true });
  }
  try {
    const r = await runLspBench({ cpuProfDir });
    console.log('');
    printRows(lspRows(r), console.log);
    if (r.profile) {
      console.log(`\n(CPU profile: ${r.profile.file}; timings above are slowed by the profiler)`);
      printProfile(r.profile);
    }
    if (jsonArg) writeFileSync(jsonArg.slice(7), JSON.stringify(r, null, 2) + '\n');
  } catch (e) {
    console.error(`\nbench:lsp: ${e instanceof BenchError ? e.message : e.stack}`);
    process.exit(1);
  }
  process.exit(0);
}
