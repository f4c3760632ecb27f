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

/** Diagnostics by absolute path. */
export function problemDiagnostics(folder: Folder): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, code: string, message: string): void => {
    const diagnostic: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      code,
      source: 'termbridge',
      message,
    };
    byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
  };
  const failure = folder.indexError;
  if (failure) {
    // No file to blame (the failure came before any was read): the folder's configuration says where the glossary is.
    const files = failure.files.length ? failure.files : [join(folder.root, CONFIG_FILE)];
    for (const file of files) add(file, INDEX_FAILED, `Termbridge could not build the glossary index: ${failure.message}. Hovers and checks go on: ${fallback(folder)}.`);
  }
  for (const u of folder.unreadable) {
    add(u.file, UNREADABLE, `Termbridge cannot read this glossary file (${u.reason}); ${u.kept ? 'its terms as last read are still in use' : 'its terms are left out'}.`);
  }
  return byFile;
}
