// Marks the known glossary terms in open documents with a faint dotted underline, so a writer can
// see at a glance which words the glossary covers. The server sends the spans per document
// (`termbridge/termRanges`); this only draws them.

import * as vscode from 'vscode';
import type { TermRangesParams } from './protocol';
import { SECTION, underlineKnownTerms } from './settings';

interface KnownRanges {
  version: number | null;
  ranges: vscode.Range[];
}

export class KnownTermDecorations implements vscode.Disposable {
  // A bottom border rather than `textDecoration`: only a border can take a theme colour, and the
  // contributed colour `termbridge.knownTermUnderline` defaults to editorInfo.foreground at low
  // opacity, so it stays faint in every theme and can be changed in colour customizations.
  private readonly type = vscode.window.createTextEditorDecorationType({
    borderStyle: 'none none dotted none',
    borderWidth: '0 0 1px 0',
    borderColor: new vscode.ThemeColor('termbridge.knownTermUnderline'),
    // Typing right next to a term must not stretch its underline over the new text.
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  /** Latest ranges per document URI (as `Uri.toString()`), kept even while the setting is off. */
  private readonly known = new Map<string, KnownRanges>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** What each visible document was last given, by URI: for the tests' API. */
  private readonly applied = new Map<string, vscode.Range[]>();

  constructor() {
    this.subscriptions.push(
      this.type,
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyAll()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.known.delete(doc.uri.toString());
        this.applied.delete(doc.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.underlineKnownTerms`)) this.applyAll();
      }),
    );
  }

  update(params: TermRangesParams): void {
    const key = vscode.Uri.parse(params.uri).toString();
    const { spans } = params;
    const ranges: vscode.Range[] = [];
    for (let k = 0; k + 3 < spans.length; k += 4) ranges.push(new vscode.Range(spans[k], spans[k + 1], spans[k + 2], spans[k + 3]));
    this.known.set(key, { version: params.version, ranges });
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === key) this.apply(editor);
    }
  }

  /** A new server knows nothing of the old one's ranges; it sends fresh ones for open documents. */
  clear(): void {
    this.known.clear();
    this.applyAll();
  }

  drawn(uri: vscode.Uri): readonly vscode.Range[] | undefined {
    return this.applied.get(uri.toString());
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private apply(editor: vscode.TextEditor): void {
    const entry = underlineKnownTerms() ? this.known.get(editor.document.uri.toString()) : undefined;
    // Ranges computed for an older version would land on the wrong words. Leave the current
    // decorations (VS Code moves them along with edits) until the server sends up-to-date ones.
    if (entry && entry.version !== null && entry.version !== editor.document.version) return;
    this.draw(editor, entry?.ranges ?? []);
  }

  private draw(editor: vscode.TextEditor, ranges: vscode.Range[]): void {
    editor.setDecorations(this.type, ranges);
    this.applied.set(editor.document.uri.toString(), ranges);
  }
}
