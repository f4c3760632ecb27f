// Bundles the CLI, the language server and the VS Code client to CommonJS, one file each:
// unified and remark are ESM-only, and VS Code loads extensions with require().
import { build } from 'esbuild';

// ESM dependencies read import.meta.url; give them the bundle's own URL.
const importMetaUrl = "const __termbridgeImportMetaUrl = require('url').pathToFileURL(__filename).href;";
const shebang = '#!/usr/bin/env node\n';

const bundles = [
  // The two executables: `termbridge` and `termbridge-language-server --stdio`.
  { name: 'cli', source: 'server/src/cli/bin.ts', banner: shebang + importMetaUrl },
  { name: 'server', source: 'server/src/lsp/main.ts', banner: shebang + importMetaUrl },
  // The VS Code API is provided by the extension host at run time, never bundled.
  { name: 'client', source: 'client/src/extension.ts', banner: importMetaUrl, external: ['vscode'] },
];

await Promise.all(
  bundles.map((b) =>
    build({
      entryPoints: { [b.name]: b.source },
      outdir: 'dist',
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      sourcemap: true,
      logLevel: 'warning',
      define: { 'import.meta.url': '__termbridgeImportMetaUrl' },
      banner: { js: b.banner },
      external: b.external ?? [],
    }),
  ),
);
