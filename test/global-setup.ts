// The CLI tests also run the built bundle (what users install), so build it once per test run.
// Every temporary folder the tests (and the servers and CLIs they start) make goes into one folder
// for the run, removed when it ends: a run of the suite leaves nothing behind in the system's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const root = mkdtempSync(join(tmpdir(), 'termbridge-tests-'));
  process.env.TMPDIR = root; // read by os.tmpdir() on every call, here and in every child process
  return () => rmSync(root, { recursive: true, force: true });
}
