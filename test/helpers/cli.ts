// Running the CLI in-process against a temporary workspace.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { FIXTURES } from './fixtures';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(cwd: string, args: string[], opts: { isTTY?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: opts.isTTY ?? false,
    env: {},
  });
  return { code, stdout, stderr };
}

/** A fresh folder with `files` written into it; `glossary/` gets the test glossary unless told not to. */
export function workspace(files: Record<string, string>, withGlossary = true): string {
  const root = mkdtempSync(join(tmpdir(), 'termbridge-test-'));
  const all = { ...files };
  if (withGlossary) {
    for (const f of ['metrics.md', 'senses.md']) {
      all[`glossary/${f}`] ??= readFileSync(join(FIXTURES, 'glossary', f), 'utf8');
    }
  }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
