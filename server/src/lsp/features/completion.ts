// Completion of term names: inside `[[` (a reference) and for the word being typed.

import { type CompletionItem, CompletionItemKind, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';

const MAX_ITEMS = 200;

export function completion(ctx: ServerContext, doc: TextDocument, position: Position): CompletionItem[] {
  const folder = ctx.folderFor(doc.uri);
  if (!folder) return [];
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const rest = doc.getText({ start: position, end: { line: position.line + 1, character: 0 } });
  const reference = /\[\[([^\[\]|]*)$/.exec(line);
  const word = reference ? reference[1] : /[\p{L}\p{N}][\p{L}\p{N}'-]*$/u.exec(line)?.[0];
  if (word === undefined || (!reference && word.length < 2)) return [];
  const prefix = word.toLowerCase();
  const start = { line: position.line, character: position.character - word.length };
  const closes = reference && !rest.startsWith(']]');
  const items: CompletionItem[] = [];
  for (const term of folder.glossary.terms) {
    const names = [term.name, ...term.aliases].filter((n) => n.toLowerCase().startsWith(prefix));
    for (const name of names) {
      const label = name === term.name ? name : `${name} → ${term.name}`;
      items.push({
        label,
        kind: CompletionItemKind.Reference,
        detail: term.context ? `${term.name} (${term.context})` : term.name,
        documentation: term.business ? { kind: 'markdown', value: `**Business:** ${term.business}\n\n**IT:** ${term.it ?? ''}` } : undefined,
        filterText: name,
        textEdit: { range: { start, end: position }, newText: (reference ? term.name : name) + (closes ? ']]' : '') },
      });
      if (items.length >= MAX_ITEMS) return items;
    }
  }
  return items;
}
