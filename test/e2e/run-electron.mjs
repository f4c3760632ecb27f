#!/usr/bin/env node
// `npm run test:vscode`: the end-to-end suite in desktop VS Code with @vscode/test-electron, for
// machines that can download VS Code (a developer's, GitHub Actions). Where the download is
// impossible it says so and fails: it never reports a pass it did not run.
//
// Environment: VSCODE_EXECUTABLE (a VS Code binary to use instead of downloading one),
// VSCODE_VERSION (what to download; default "stable"), TERMBRIDGE_E2E_GREP (run matching tests),
// TERMBRIDGE_E2E_CACHE (where downloads go; default ~/.cache/termbridge-e2e).
// On Linux without a display, run it under xvfb-run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { cacheDir } from './tools.mjs';
import { REPO, copyFixtureWorkspace } from './workspace.mjs';

const log = (line) => console.log(`[e2e] ${line}`);

async function main() {
  if (!existsSync(join(REPO, 'dist', 'client.js')) || !existsSync(join(REPO, 'dist', 'server.js'))) {
    log('dist/ is missing: npm run build');
    execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
  const extensionTestsPath = await buildSuite();

  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({
        version: process.env.VSCODE_VERSION || 'stable',
        // Not .vscode-test/ in the repository: the same cache as the code-server runner's tools.
        cachePath: join(cacheDir(), 'vscode-test'),
      });
    } catch (e) {
      console.error(`cannot download VS Code: ${e instanceof Error ? e.message : String(e)}`);
      console.error('Set VSCODE_EXECUTABLE to a local VS Code binary, or run `npm run test:e2e` (code-server) instead.');
      return 1;
    }
  }

  const scratch = mkdtempSync(join(tmpdir(), 'termbridge-e2e-electron-'));
  try {
    const workspace = copyFixtureWorkspace(join(scratch, 'workspace'));
    log(`VS Code: ${vscodeExecutablePath}`);
    log(`workspace (a copy of the fixture): ${workspace}`);
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      extensionTestsEnv: {
        TERMBRIDGE_E2E_GREP: process.env.TERMBRIDGE_E2E_GREP ?? '',
        // The suite requires it: here the extension under test is the source tree.
        TERMBRIDGE_E2E_EXPECT_EXTENSION_PATH: REPO,
      },
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(scratch, 'user')}`,
        `--extensions-dir=${join(scratch, 'extensions')}`,
      ],
    });
    return 0;
  } catch (e) {
    console.error(`end-to-end suite failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
