// The status bar item: how many terms the glossary has and whether it has errors. Clicking it
// opens the glossary.

import * as vscode from 'vscode';
import { glossaryFilesOf, pickGlossaryFile } from './glossary-files';
import { openAt } from './navigation';
import type { StatusParams } from './protocol';

export const OPEN_GLOSSARY_COMMAND = 'termbridge.openGlossary';

/** What the status bar item shows, as plain values (the test API hands it out). */
export interface StatusBarItemView {
  /** With codicons as written, e.g. `$(book) 7 terms`. */
  text: string;
  tooltip: string;
  /** The command id a click runs. */
  command: string | undefined;
}

export class GlossaryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('termbridge.status', vscode.StatusBarAlignment.Left, 100);
  // StatusBarItem cannot say whether it is shown, so the item's visibility is kept here.
  private shown = false;

  constructor() {
    this.item.name = 'Termbridge';
    this.item.command = OPEN_GLOSSARY_COMMAND;
    // Stays hidden until the server has said something true to show.
  }

  update(status: StatusParams): void {
    const terms = sum(status.folders.map((f) => f.terms));
    const errors = sum(status.folders.map((f) => f.glossaryErrors));
    this.item.text = `$(book) ${plural(terms, 'term')}` + (errors > 0 ? ` $(error) ${errors}` : '');
    this.item.tooltip = tooltip(status);
    this.item.show();
    this.shown = true;
  }

  /** What the item shows now; undefined while it is hidden. */
  view(): StatusBarItemView | undefined {
    if (!this.shown) return undefined;
    const { text, tooltip, command } = this.item;
    return {
      text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      command: typeof command === 'string' ? command : command?.command,
    };
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Opens the glossary file, asking which one when there are several. */
export async function openGlossary(status: StatusParams | undefined): Promise<void> {
  const files = glossaryFilesOf(status?.folders ?? []);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      status
        ? 'Termbridge found no glossary files. Add Markdown files under glossary/ or set "termbridge.glossary".'
        : 'Termbridge has not loaded a glossary yet. Open a Markdown file, or see "Termbridge: Show Output".',
    );
    return;
  }
  const file = await pickGlossaryFile(files, 'Open which glossary file?');
  if (file) await openAt(file.uri, new vscode.Range(0, 0, 0, 0));
}

function tooltip(status: StatusParams): string {
  const lines = status.folders.map((f) => {
    // Name the folder only in multi-root workspaces, where there is more than one line.
    const name = status.folders.length > 1 ? `${folderName(f.uri)}: ` : '';
    let line = `${name}${plural(f.terms, 'glossary term')} in ${plural(f.glossaryFiles.length, 'file')}`;
    if (f.bundled) line += ' (bundled starter glossary)';
    if (f.glossaryErrors > 0) line += ` — ${plural(f.glossaryErrors, 'glossary error')}, see the Problems panel`;
    return line;
  });
  return ['Termbridge', ...lines, 'Click to open the glossary.'].join('\n');
}

function folderName(uri: string): string {
  const parsed = vscode.Uri.parse(uri);
  return vscode.workspace.getWorkspaceFolder(parsed)?.name ?? parsed.path.split('/').pop() ?? uri;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
