// Compiles the end-to-end suite (test/e2e/suite/*.ts) to CommonJS in test/e2e/out/suite/, one file
// per source file: the extension host loads index.js with require(), and index.js hands the
// `*.e2e.js` files to Mocha. `vscode` comes from the extension host, `mocha` from node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suite = join(here, 'suite');
const outdir = join(here, 'out', 'suite');

export async function buildSuite() {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: readdirSync(suite).filter((f) => f.endsWith('.ts')).map((f) => join(suite, f)),
    outdir,
    bundle: false,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outdir, 'index.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildSuite()}`);
}
