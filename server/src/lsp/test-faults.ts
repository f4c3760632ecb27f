// Failures on demand, for the language server's own tests only. No glossary text makes the engine
// throw (the property tests try), and a test that runs as root can read any file, so the code that
// keeps the last good index after a failed build or an unreadable glossary file could not be reached
// from a test otherwise. Off unless the server's environment sets TERMBRIDGE_TEST_FAULTS=1, which
// no workspace content can do; then a glossary text containing a marker below fails as it says.

import { basename, dirname } from 'node:path';

export const TEST_FAULT_BUILD = '<!-- termbridge-test-fault: build -->';
export const TEST_FAULT_READ = '<!-- termbridge-test-fault: read -->';
/** A glossary file of this name makes its folder one that cannot be listed (EACCES). */
export const TEST_FAULT_LIST = 'termbridge-test-fault-unlistable.md';
/** The worker thread that builds a big glossary's index dies without answering. */
export const TEST_FAULT_WORKER = '<!-- termbridge-test-fault: worker -->';

const enabled = process.env.TERMBRIDGE_TEST_FAULTS === '1';

/** Throws as a bug in the engine would, when one of `texts` asks for it. */
export function testFaultOnBuild(texts: string[]): void {
  if (enabled && texts.some((t) => t.includes(TEST_FAULT_BUILD))) throw new TypeError('test fault: the index build failed');
}

/** Throws as reading a file without permission would, when `text` asks for it. */
export function testFaultOnRead(text: string): void {
  if (enabled && text.includes(TEST_FAULT_READ)) {
    throw Object.assign(new Error('EACCES: permission denied (test fault)'), { code: 'EACCES' });
  }
}

/** Ends the thread as running out of memory would, when one of `texts` asks for it. */
export function testFaultInWorker(texts: string[]): void {
  if (enabled && texts.some((t) => t.includes(TEST_FAULT_WORKER))) process.exit(70);
}

/**
 * Makes a glossary listing look as it would if a folder holding a TEST_FAULT_LIST file could not be
 * listed: its files are not in `files`, and the folder is in `unlisted`.
 */
export function testFaultOnList(files: string[], unlisted: Map<string, string>): void {
  if (!enabled) return;
  for (const marker of files.filter((f) => basename(f) === TEST_FAULT_LIST)) unlisted.set(dirname(marker), 'EACCES');
  for (let k = files.length - 1; k >= 0; k--) if (unlisted.has(dirname(files[k]))) files.splice(k, 1);
}
