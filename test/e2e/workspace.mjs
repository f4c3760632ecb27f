// The fixture workspace, copied to a fresh folder for each run: the suite edits, creates and deletes
// files, and the repository's copy must stay clean.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(E2E_DIR, '..', '..');
export const FIXTURE_WORKSPACE = join(E2E_DIR, 'fixtures', 'workspace');

/** Copies the fixture workspace to `dest` (or a new temporary folder) and returns the path. */
export function copyFixtureWorkspace(dest = mkdtempSync(join(tmpdir(), 'termbridge-e2e-workspace-'))) {
  if (!existsSync(FIXTURE_WORKSPACE)) throw new Error(`no fixture workspace at ${FIXTURE_WORKSPACE}`);
  cpSync(FIXTURE_WORKSPACE, dest, { recursive: true });
  return dest;
}
