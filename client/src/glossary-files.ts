// Which glossary files the server reported, and asking the user for one when there are several.

import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { FolderStatus, StatusParams } from './protocol';

export interface GlossaryFile {
  uri: vscode.Uri;
  /** Part of the bundled starter glossary (inside the extension, not the user's workspace). */
  bundled: boolean;
}

/** The status entry for a workspace folder, compared as parsed URIs so encoding differences do not matter. */
export function folderStatusFor(status: StatusParams | undefined, folder: vscode.WorkspaceFolder | undefined): FolderStatus | undefined {
  if (!status || !folder) return undefined;
  const wanted = folder.uri.toString();
  return status.folders.find((f) => vscode.Uri.parse(f.uri).toString() === wanted);
}

export function glossaryFilesOf(folders: FolderStatus[]): GlossaryFile[] {
  const seen = new Set<string>();
  const files: GlossaryFile[] = [];
  for (const folder of folders) {
    for (const file of folder.glossaryFiles) {
      const uri = vscode.Uri.parse(file);
      if (seen.has(uri.toString())) continue; // folders sharing the bundled glossary
      seen.add(uri.toString());
      files.push({ uri, bundled: folder.bundled });
    }
  }
  return files;
}

/** Asks which file when there are several; undefined when the user cancels. */
export async function pickGlossaryFile(files: GlossaryFile[], placeHolder: string): Promise<GlossaryFile | undefined> {
  if (files.length <= 1) return files[0];
  const items = files.map((file) => ({
    // Bundled files live in the extension folder; a full path to it would mean nothing to the user.
    label: file.bundled ? posix.basename(file.uri.path) : vscode.workspace.asRelativePath(file.uri),
    description: file.bundled ? 'bundled starter glossary' : undefined,
    file,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.file;
}
