// Opening a glossary entry: the cursor goes to the heading, and the heading goes to the top of the
// editor so the entry's lines below it are visible.

import * as vscode from 'vscode';

export async function openAt(uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preview: true });
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
}

/** Cuts long Business/IT lines so a quick pick row stays on one line. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}
