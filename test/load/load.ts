// Load test of the language server (`npm run test:load`): 200 open documents edited concurrently at
// typing speed for 30 seconds, with a 10,000-term glossary, while hovers keep coming. Passes when no
// request fails, memory stays bounded, and every document ends with exactly the diagnostics the
// engine gives for its final text. Then the hostile glossaries: 50,000 terms, and one 20 MB file.

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildGlossary, lintDocument } from '../../server/src/engine';
import { ROOT } from '../helpers/fixtures';
import { bigGlossaryRuns } from './big-glossary';
import { startClient, uriOf } from '../helpers/lsp';
// @ts-expect-error plain ESM without types
import { buildContext, generate, makeRandom, renderDoc } from '../../bench/generate.mjs';

const DOCUMENTS = Number(process.env.LOAD_DOCUMENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const KEYSTROKE_MS = 200; // per document: five characters a second
const RSS_LIMIT_MB = 600;

async function main(): Promise<void> {
  generate({ log: () => {} });
  const root = mkdtempSync(join(tmpdir(), 'termbridge-load-'));
  cpSync(join(ROOT, 'bench', '.corpus', 'glossary-10000'), join(root, 'glossary'), { recursive: true });
  const rnd = makeRandom(7);
  const ctx = buildContext(makeRandom(20240601));
  mkdirSync(join(root, 'docs'));
  const texts = new Map<string, string>();
  for (let i = 0; i < DOCUMENTS; i++) {
    const text = renderDoc(rnd, ctx, 1500 + rnd.int(4000));
    writeFileSync(join(root, 'docs', `d${i}.md`), text);
  }

  const started = Date.now();
  const client = await startClient(root, {}, { timeoutMs: 120_000, initializationOptions: { cacheDir: join(root, '.cache') } });
  client.settleTimeoutMs = 15_000;
  console.log(`server up with the 10,000-term glossary in ${Date.now() - started} ms`);
  for (let i = 0; i < DOCUMENTS; i++) {
    const uri = await client.open(`docs/d${i}.md`);
    texts.set(uri, readFileSync(join(root, 'docs', `d${i}.md`), 'utf8'));
  }

  let edits = 0;
  let hovers = 0;
  let failures = 0;
  let peakRss = 0;
  const sampleRss = (): void => {
    const status = readFileSync(`/proc/${client.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRss = Math.max(peakRss, kb / 1024);
  };
  const words = [' audience', ' ROAS', ' the', ' cost per customer', 'x', '\n', ' [[Nope]]'];
  const deadline = Date.now() + SECONDS * 1000;
  const uris = [...texts.keys()];
  const typers = uris.map(async (uri, k) => {
    await sleep((k * KEYSTROKE_MS) / uris.length); // stagger, as people do not type in step
    while (Date.now() < deadline) {
      const text = texts.get(uri)!;
      const at = Math.floor(rnd.next() * text.length);
      const next = text.slice(0, at) + words[rnd.int(words.length)] + text.slice(at);
      texts.set(uri, next);
      client.change(uri, next);
      edits++;
      if (rnd.next() < 0.1) {
        hovers++;
        client.conn
          .sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: rnd.int(20), character: rnd.int(40) } })
          .catch(() => failures++);
      }
      await sleep(KEYSTROKE_MS);
    }
  });
  const sampler = setInterval(sampleRss, 1000);
  await Promise.all(typers);
  clearInterval(sampler);
  sampleRss();
  console.log(`${edits} edits and ${hovers} hovers in ${SECONDS} s; peak server RSS ${peakRss.toFixed(0)} MB`);

  // Every document must settle on the engine's findings for its final text.
  const glossary = buildGlossary(
    readdirSync(join(root, 'glossary')).sort().map((f) => ({ path: `glossary/${f}`, text: readFileSync(join(root, 'glossary', f), 'utf8') })),
  );
  let wrong = 0;
  const settleStart = Date.now();
  for (const [uri, text] of texts) {
    const doc = TextDocument.create(uri, 'markdown', 0, text);
    const want = lintDocument(text, glossary, { path: uri.slice(uriOf(root).length + 1) })
      .map((f) => `${f.code}@${JSON.stringify(doc.positionAt(f.start))}`)
      .join(' ');
    const got = await client
      .diagnostics(uri, (d) => d.map((x) => `${x.code}@${JSON.stringify(x.range.start)}`).join(' ') === want)
      .catch(() => undefined);
    if (!got) {
      wrong++;
      const last = await client.diagnostics(uri);
      console.log(`${uri}: expected [${want}]\n  got [${last.map((x) => `${x.code}@${JSON.stringify(x.range.start)}`).join(' ')}]`);
    }
  }
  console.log(`all documents settled ${Date.now() - settleStart} ms after typing stopped`);
  await client.stop();

  const problems = [
    ...bigGlossaryRuns(),
    failures > 0 && `${failures} hover requests failed`,
    peakRss > RSS_LIMIT_MB && `peak RSS ${peakRss.toFixed(0)} MB is over ${RSS_LIMIT_MB} MB`,
    wrong > 0 && `${wrong} documents did not end with the engine's diagnostics`,
  ].filter(Boolean);
  console.log(problems.length ? `load test FAILED: ${problems.join('; ')}` : 'load test passed');
  console.log(`${problems.length ? 0 : 1} passed, ${problems.length ? 1 : 0} failed`);
  process.exit(problems.length ? 1 : 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
