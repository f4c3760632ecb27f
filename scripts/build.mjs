// Bundles the CLI, the language server and the VS Code client to CommonJS:
// unified and remark are ESM-only, and VS Code loads extensions with require().
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // ESM dependencies read import.meta.url; give them the bundle's own URL.
  define: { 'import.meta.url': '__termbridgeImportMetaUrl' },
  banner: { js: "const __termbridgeImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: { cli: 'server/src/cli/bin.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});

// The editor bundles. An entry whose source is not written yet is skipped with a note, so the CLI
// build (and CI) never breaks while the language server or the client is still in progress.
const editorEntries = [
  // The VS Code API is provided by the extension host at run time, never bundled.
  { name: 'client', source: 'client/src/extension.ts', external: ['vscode'] },
  { name: 'server', source: 'server/src/lsp/main.ts', external: [] },
];

for (const entry of editorEntries) {
  if (!existsSync(entry.source)) {
    console.log(`build: skipping dist/${entry.name}.js — ${entry.source} does not exist yet`);
    continue;
  }
  await build({
    ...common,
    entryPoints: { [entry.name]: entry.source },
    outdir: 'dist',
    external: entry.external,
  });
}
