// Entry point of the end-to-end suite inside the VS Code extension host (`extensionTestsPath`).
// Both runners load this file: `run-electron.mjs` (@vscode/test-electron) and `run-code-server.mjs`
// (code-server's workbench, through the extension-development payload). Mocha is the only test
// framework that works in the extension host; vitest stays for the rest of the project.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** The line the code-server runner reads to learn the counts; the last line is for people. */
export const RESULT_MARKER = 'TERMBRIDGE_E2E_RESULT';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // Per test; waits inside tests have their own, shorter, named timeouts.
    timeout: 60_000,
    // TERMBRIDGE_E2E_GREP narrows the run while working on one test.
    grep: process.env.TERMBRIDGE_E2E_GREP || undefined,
  });
  // Test files are `*.e2e.js` beside this one, run in name order (they are numbered).
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }

  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        const result = { passed: stats.passes, failed: stats.failures, pending: stats.pending };
        console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
        console.log(`${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} skipped` : ''}`);
        if (failures > 0 || result.passed === 0) reject(new Error(`${failures} of ${result.passed + result.failed} end-to-end tests failed.`));
        else resolve();
      });
    } catch (e) {
      console.error(e);
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: 0, failed: 1, pending: 0, error: String(e) })}`);
      reject(e);
    }
  });
}
