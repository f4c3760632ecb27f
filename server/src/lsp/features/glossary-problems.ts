// Problems with a folder's glossary as a whole rather than its content: a configuration that does not
// load, a glossary file that cannot be read, an index build that failed. Each is a message (once, see
// notices.ts) and, for the files it concerns, an error diagnostic at the top of the file, so that
// the status bar's "glossary errors, see the Problems panel" leads somewhere.

import { join } from 'node:path';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { CONFIG_FILE } from '../../workspace/config';
import type { Folder } from '../folder';

export const INDEX_FAILED = 'glossary-index-failed';
export const UNREADABLE = 'glossary-unreadable';
export const UNLISTED = 'glossary-unlisted';
export const NOT_UTF8 = 'glossary-not-utf8';

/** What still serves after a failed build: the last good index, or (first load) an empty one. */
function fallback(folder: Folder): string {
  return folder.generation > 0
    ? 'the glossary as it was before this change is still in use'
    : 'no glossary terms are in use until this is fixed';
}

export function configMessage(folder: Folder): string | undefined {
  if (!folder.configError) return undefined;
  const serving = folder.hasGoodConfig ? 'the last good configuration is still in use' : 'the default configuration is in use';
  return `Termbridge: ${folder.configError} (${serving})`;
}

export function indexFailedMessage(folder: Folder): string | undefined {
  const failure = folder.indexError;
  if (!failure) return undefined;
  return `Termbridge: could not build the glossary index of ${folder.root}: ${failure.message}. Hovers and checks go on: ${fallback(folder)}; see the Problems panel.`;
}

export function unreadableMessage(folder: Folder): string | undefined {
  if (folder.unreadable.length === 0) return undefined;
  const files = folder.unreadable.map((u) => `${u.file} (${u.reason}; ${u.kept ? 'its terms as last read are still in use' : 'left out'})`);
  return `Termbridge: cannot read the glossary file${files.length > 1 ? 's' : ''} ${files.join(', ')}.`;
}

function unlistedOutcome(kept: number): string {
  return kept ? `the terms of the ${kept} file${kept > 1 ? 's' : ''} indexed from it before are still in use` : 'any glossary files in it are left out';
}

export function unlistedMessage(folder: Folder): string | undefined {
  if (folder.unlisted.length === 0) return undefined;
  const folders = folder.unlisted.map((u) => `${u.folder} (${u.reason}; ${unlistedOutcome(u.kept)})`);
  return `Termbridge: cannot list the glossary folder${folders.length > 1 ? 's' : ''} ${folders.join(', ')}.`;
}

/** Diagnostics by absolute path. */
export function problemDiagnostics(folder: Folder): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, code: string, message: string): void => {
    byFile.set(file, [...(byFile.get(file) ?? []), topOfFile(DiagnosticSeverity.Error, code, message)]);
  };
  // A problem that no glossary file can be blamed for: the folder's configuration says where the glossary is.
  const configFile = join(folder.root, CONFIG_FILE);
  const failure = folder.indexError;
  if (failure) {
    // No file to blame (the failure came before any was read).
    const files = failure.files.length ? failure.files : [configFile];
    for (const file of files) add(file, INDEX_FAILED, `Termbridge could not build the glossary index: ${failure.message}. Hovers and checks go on: ${fallback(folder)}.`);
  }
  for (const u of folder.unreadable) {
    add(u.file, UNREADABLE, `Termbridge cannot read this glossary file (${u.reason}); ${u.kept ? 'its terms as last read are still in use' : 'its terms are left out'}.`);
  }
  for (const u of folder.unlisted) {
    add(configFile, UNLISTED, `Termbridge cannot list the glossary folder ${u.folder} (${u.reason}); ${unlistedOutcome(u.kept)}.`);
  }
  return byFile;
}

/**
 * Warnings that go with a glossary file's findings rather than replace them (its text was indexed):
 * a file that is not UTF-8 was read with replacement characters, as the CLI reads it.
 */
export function glossaryNotes(folder: Folder): Map<string, Diagnostic[]> {
  const message = 'This glossary file is not UTF-8: Termbridge read it with replacement characters, and terms with them match nothing. Save it as UTF-8.';
  return new Map(folder.notUtf8.map((file) => [file, [topOfFile(DiagnosticSeverity.Warning, NOT_UTF8, message)]]));
}

function topOfFile(severity: DiagnosticSeverity, code: string, message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, code, source: 'termbridge', message };
}
