import { readFileSync, readdirSync } from 'node:fs';
import { buildGlossary, lintDocument, scanProse } from '../server/src/engine';
import { tokenize } from '../server/src/engine/tokens';
const base = 'bench/.corpus/';
for (const n of [100, 10000]) {
  const dir = base + 'glossary-' + n;
  const t0 = performance.now();
  const g = buildGlossary(readdirSync(dir).map(f => ({ path: f, text: readFileSync(dir + '/' + f, 'utf8') })));
  const t1 = performance.now();
  const docs = readdirSync(base + 'docs', { recursive: true }).map(String).filter(f => f.endsWith('.md')).map(f => readFileSync(base + 'docs/' + f, 'utf8'));
  const t2 = performance.now();
  let scanT = 0, tokT = 0, n2 = 0;
  for (const d of docs) { const a = performance.now(); const s = scanProse(d); const b = performance.now(); tokenize(d, s.prose); const c = performance.now(); scanT += b - a; tokT += c - b; }
  const t3 = performance.now();
  let f = 0; for (const d of docs) f += lintDocument(d, g, {}).length;
  const t4 = performance.now();
  console.log(n, 'glossary', (t1 - t0).toFixed(0), 'read', (t2 - t1).toFixed(0), 'scan', scanT.toFixed(0), 'tok', tokT.toFixed(0), 'lint', (t4 - t3).toFixed(0), f);
}
