// Bundles the CLI (and, as they arrive, the language server and the VS Code client) to CommonJS:
// unified and remark are ESM-only, and VS Code loads extensions with require().
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
