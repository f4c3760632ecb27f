// The language server, started as a real child process over stdio and driven by a real LSP client
// connection: what an editor sees.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CodeAction,
  CodeActionRequest,
  CodeLensRequest,
  CodeLensResolveRequest,
  type CompletionItem,
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  type DocumentSymbol,
  ExecuteCommandRequest,
  HoverRequest,
  type Location,
  type MarkupContent,
  MessageType,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { matchAt } from '../server/src/lsp/context';
import { TEST_FAULT_BUILD, TEST_FAULT_LIST, TEST_FAULT_READ, TEST_FAULT_WORKER } from '../server/src/lsp/test-faults';
import { cli, workspace } from './helpers/cli';
import { applyEdit, startClient, type TestClient, uriOf } from './helpers/lsp';

const BRIEF = [
  '# Brief', // 0
  '',
  'Our cost per customer and the ROAS for the CAC.', // 2
  'See [[Customer Lifetime Valu]] and [[Audience]].', // 3
  'Every SQL matters.', // 4
  '',
].join('\n');
const OTHER = 'The Customer Acquisition Cost again, and two more Customer Acquisition Costs.\n';

let client: TestClient;
let root: string;
let brief: string;

beforeAll(async () => {
  root = workspace({ 'docs/brief.md': BRIEF, 'docs/other.md': OTHER });
  client = await startClient(root);
  brief = await client.open('docs/brief.md');
});
afterAll(() => client.stop());

const pos = (line: number, character: number) => ({ line, character });
const hoverText = async (uri: string, line: number, character: number): Promise<string> => {
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(line, character) });
  return (h?.contents as MarkupContent | undefined)?.value ?? '';
};
const actionsAt = async (uri: string, code: string, only?: string[]): Promise<CodeAction[]> => {
  const diagnostics = (await client.diagnostics(uri)).filter((d) => d.code === code);
  const range = diagnostics[0]?.range ?? { start: pos(0, 0), end: pos(0, 0) };
  return (await client.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: { diagnostics, only },
  })) as CodeAction[];
};

describe('diagnostics', () => {
  it('publishes every finding of the engine with its code and range on open', async () => {
    const diagnostics = await client.diagnostics(brief);
    expect(diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`)).toEqual([
      'avoid-term 2:4-21',
      'undefined-acronym 2:30-34',
      'undefined-term 3:4-30',
      'ambiguous-term 4:6-9',
    ]);
    expect(diagnostics.every((d) => d.source === 'termbridge')).toBe(true);
  });

  it('re-checks after an edit', async () => {
    const uri = await client.open('docs/edit.md', 'Clean text.\n');
    await client.diagnostics(uri, (d) => d.length === 0);
    client.change(uri, 'Now the click rate.\n');
    const after = await client.diagnostics(uri, (d) => d.length > 0);
    expect(after.map((d) => d.code)).toEqual(['avoid-term']);
  });

  it('publishes a document once when it opens (not again on the "changed" event that comes with it)', async () => {
    const uri = await client.open('docs/once.md', 'The click rate.\n');
    await client.diagnostics(uri, (d) => d.length === 1);
    // Another document's debounced check takes longer than the debounce of the first would.
    const other = await client.open('docs/once-other.md', 'Clean.\n');
    client.change(other, 'Clean again.\n');
    await client.waitFor(() => (client.publishCount(other) >= 2 ? true : undefined), 'the other document');
    expect(client.publishCount(uri)).toBe(1);
  });

  it('puts the glossary checks on glossary files', async () => {
    writeFileSync(join(root, 'glossary', 'extra.md'), '# Extra terms\n\n## Orphan\n\nBusiness: only one side.\n');
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(join(root, 'glossary', 'extra.md')), type: 1 }],
    });
    const diagnostics = await client.diagnostics(uriOf(join(root, 'glossary', 'extra.md')), (d) => d.length > 0);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['glossary-missing-field', { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }]]);
  });
});

describe('hover', () => {
  it('shows the business meaning, the IT concept, the owner and a link, for a name', async () => {
    const text = await hoverText(brief, 2, 45); // CAC
    expect(text).toContain('**Customer Acquisition Cost**');
    expect(text).toContain('**Business:** What it costs to win one new customer.');
    expect(text).toContain('**IT:** `marketing_spend` / `customers.first_order_at` in the warehouse.');
    expect(text).toContain('**Owner:** Marketing Operations');
    expect(text).toContain('**See also:** Customer Lifetime Value');
    expect(text).toContain(`[Open in the glossary](${uriOf(join(root, 'glossary', 'metrics.md'))}#L3)`);
  });

  it('says an avoided name is to be avoided and which word to use', async () => {
    expect(await hoverText(brief, 2, 8)).toContain('is a word to avoid: write **Customer Acquisition Cost**');
  });

  it('explains a [[reference]]', async () => {
    expect(await hoverText(brief, 3, 40)).toContain('**Business:** The people a campaign is aimed at.');
  });

  it('shows every sense of an ambiguous word', async () => {
    const text = await hoverText(brief, 4, 7);
    expect(text).toContain('has 2 meanings');
    expect(text).toContain('**Sales Qualified Lead** · Sales');
    expect(text).toContain('**Structured Query Language** · Engineering');
  });

  it('is empty where there is no term', async () => {
    expect(await hoverText(brief, 0, 3)).toBe('');
  });
});

describe('known-term underlines', () => {
  it('are sent as spans (line, character, end line, end character) for each version', async () => {
    const uri = await client.open('docs/underlines.md', 'The audience and the\nclick rate.\n');
    const first = await client.waitFor(() => client.termSpans.get(uri), 'the first spans');
    expect(first).toEqual({ version: 1, spans: [0, 4, 0, 12, 1, 0, 1, 10] });
    client.change(uri, 'Now the audience and the\nclick rate.\n');
    const second = await client.waitFor(() => (client.termSpans.get(uri)?.version === 2 ? client.termSpans.get(uri) : undefined), 'the spans of version 2');
    expect(second.spans).toEqual([0, 8, 0, 16, 1, 0, 1, 10]);
  });
});

describe('the term under the cursor', () => {
  // Found by binary search over the document's matches; adjacent matches share a boundary.
  const matches = [{ start: 0, end: 3 }, { start: 3, end: 8 }, { start: 12, end: 15 }];
  it.each([
    [0, 0], [2, 0], [3, 0], [4, 1], [8, 1], [9, -1], [11, -1], [12, 2], [15, 2], [16, -1],
  ])('at offset %i is match %i', (offset, index) => {
    expect(matchAt(matches, offset)).toBe(index < 0 ? undefined : matches[index]);
  });
  it('is none in a document without matches', () => {
    expect(matchAt([], 0)).toBeUndefined();
  });
});

describe('code actions', () => {
  it('replaces an avoided term', async () => {
    const [fix] = await actionsAt(brief, 'avoid-term');
    expect(fix.title).toBe("Replace with 'Customer Acquisition Cost'");
    expect(fix.isPreferred).toBe(true);
    expect(applyEdit(BRIEF, fix.edit!, brief).split('\n')[2]).toBe('Our Customer Acquisition Cost and the ROAS for the CAC.');
  });

  it('makes a fix for the text as it is now, never from a diagnostic of an older version', async () => {
    const uri = await client.open('docs/stale.md', 'Our click rate.\n');
    const [old] = await client.diagnostics(uri, (d) => d.length === 1);
    client.change(uri, 'Now our click rate.\n');
    const request = async (diagnostic: (typeof old)): Promise<CodeAction[]> =>
      (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    // The old range now covers other characters ("our click "): an edit made for it would garble the line.
    expect((await request(old)).filter((a) => a.edit)).toEqual([]);
    const [fresh] = await client.diagnostics(uri, (d) => d.length === 1 && d[0].range.start.character === 8);
    const [fix] = await request(fresh);
    expect(applyEdit('Now our click rate.\n', fix.edit!, uri)).toBe('Now our Click-Through Rate.\n');
  });

  it('offers did-you-mean for a broken reference', async () => {
    const [fix] = await actionsAt(brief, 'undefined-term');
    expect(fix.title).toBe("Change to 'Customer Lifetime Value'");
    expect(applyEdit(BRIEF, fix.edit!, brief).split('\n')[3]).toBe('See [[Customer Lifetime Value]] and [[Audience]].');
  });

  it('for an undefined acronym: spell out, add to the glossary, ignore in the workspace or the document', async () => {
    const actions = await actionsAt(brief, 'undefined-acronym');
    expect(actions.map((a) => a.title)).toEqual([
      "Spell out 'ROAS' at its first use",
      "Add 'ROAS' to the glossary",
      "Ignore 'ROAS' in this workspace",
      "Ignore 'ROAS' in this document",
    ]);
    expect(applyEdit(BRIEF, actions[0].edit!, brief).split('\n')[2]).toContain('ROAS (TODO: spell out ROAS)');
    expect(actions[1].command).toEqual({
      title: "Add 'ROAS' to the glossary",
      command: 'termbridge.server.addTerm',
      arguments: [{ word: 'ROAS', documentUri: brief }],
    });
    const config = uriOf(join(root, '.termbridge.json'));
    const created = actions[2].edit!.documentChanges!;
    expect(created[0]).toEqual({ kind: 'create', uri: config, options: { ignoreIfExists: true } });
    expect(JSON.parse(applyEdit('', actions[2].edit!, config))).toEqual({ ignore: ['ROAS'] });
    expect(applyEdit(BRIEF, actions[3].edit!, brief).split('\n')[0]).toBe('<!-- termbridge-ignore ROAS -->');
  });

  it('fixes all safe problems with source.fixAll.termbridge', async () => {
    const uri = await client.open('docs/fixall.md', 'A cost per customer, a click rate and a target group.\n');
    await client.diagnostics(uri, (d) => d.length === 3);
    const [fixAll] = await actionsAt(uri, 'none', ['source.fixAll.termbridge']);
    expect(fixAll.kind).toBe('source.fixAll.termbridge');
    expect(applyEdit('A cost per customer, a click rate and a target group.\n', fixAll.edit!, uri)).toBe(
      'A Customer Acquisition Cost, a Click-Through Rate and a Audience.\n',
    );
  });

  it('adds a stub entry to the glossary in alphabetical place, as a versioned edit', async () => {
    client.appliedEdits.length = 0;
    const glossaryUri = uriOf(join(root, 'glossary', 'metrics.md'));
    const result = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: 'termbridge.server.addTerm',
      arguments: [{ word: 'Bounce Rate', glossaryUri }],
    });
    const edit = client.appliedEdits[0];
    const before = readFileSync(join(root, 'glossary', 'metrics.md'), 'utf8');
    const after = applyEdit(before, edit, glossaryUri);
    const headings = after.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.slice(0, 2)).toEqual(['## Bounce Rate', '## Customer Acquisition Cost']);
    expect(after).toContain('## Bounce Rate\n\n**Business:** \n\n**IT:** \n\n**Owner:** \n\n**Status:** draft\n\n## Customer Acquisition Cost');
    expect(result).toEqual({ uri: glossaryUri, range: { start: pos(2, 0), end: pos(2, 14) } });
    expect(after.split('\n')[2]).toBe('## Bounce Rate');
    expect(edit.documentChanges![0]).toMatchObject({ textDocument: { uri: glossaryUri, version: null } });
  });
});

describe('completion', () => {
  it('completes term names inside [[', async () => {
    const uri = await client.open('docs/complete.md', 'See [[Customer L\n');
    const items = (await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos(0, 16) })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(['Customer Lifetime Value']);
    expect(items[0].textEdit).toEqual({ range: { start: pos(0, 6), end: pos(0, 16) }, newText: 'Customer Lifetime Value]]' });
  });

  it('completes the word being typed', async () => {
    const uri = await client.open('docs/complete2.md', 'The audi\n');
    const items = (await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos(0, 8) })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(['Audience']);
  });
});

describe('navigation', () => {
  it('goes from a use to the glossary heading', async () => {
    const locations = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: brief }, position: pos(2, 45) })) as Location[];
    expect(locations).toEqual([{ uri: uriOf(join(root, 'glossary', 'metrics.md')), range: { start: pos(2, 0), end: pos(2, 28) } }]);
  });

  it('finds references across the workspace, files not open included', async () => {
    const locations = (await client.conn.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: brief },
      position: pos(2, 45),
      context: { includeDeclaration: true },
    })) as Location[];
    const where = locations.map((l) => `${l.uri.slice(uriOf(root).length + 1)}:${l.range.start.line}:${l.range.start.character}`);
    expect(where).toEqual(expect.arrayContaining(['glossary/metrics.md:2:0', 'docs/brief.md:2:4', 'docs/brief.md:2:43', 'docs/other.md:0:4', 'docs/other.md:0:50']));
  });

  it('lists the terms of a glossary file as document symbols, and all terms as workspace symbols', async () => {
    const glossaryUri = await client.open('glossary/senses.md');
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: glossaryUri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['Sales Qualified Lead', 'Structured Query Language', 'Customer Data Platform', 'Booking', 'Reservation']);
    const found = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: 'lifetime' })) as WorkspaceSymbol[];
    expect(found.map((s) => s.name)).toEqual(['Customer Lifetime Value']);
  });

  it('shows "N uses" above each glossary heading', async () => {
    const glossaryUri = await client.open('glossary/metrics.md');
    const lenses = await client.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: glossaryUri } });
    const cac = await client.conn.sendRequest(CodeLensResolveRequest.type, lenses![0]);
    expect(cac.range.start).toEqual(pos(2, 0));
    // brief (2: avoided name and CAC) + other (2) + fixall (1)
    expect(cac.command?.title).toBe('5 uses');
  });
});

describe('rename', () => {
  it('renames a term from a use: heading, every use of the name, see-also, and keeps the old name as avoided', async () => {
    const uri = await client.open('docs/rename.md', 'Track Customer Lifetime Value monthly; see [[Customer Lifetime Value]].\n');
    const prepared = await client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: pos(0, 10) });
    expect(prepared).toEqual({ range: { start: pos(0, 6), end: pos(0, 29) }, placeholder: 'Customer Lifetime Value' });
    const edit = (await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(0, 10), newName: 'Lifetime Value' }))!;
    expect(applyEdit('Track Customer Lifetime Value monthly; see [[Customer Lifetime Value]].\n', edit, uri)).toBe(
      'Track Lifetime Value monthly; see [[Lifetime Value]].\n',
    );
    const glossaryUri = uriOf(join(root, 'glossary', 'metrics.md'));
    const glossary = applyEdit(readFileSync(join(root, 'glossary', 'metrics.md'), 'utf8'), edit, glossaryUri);
    expect(glossary).toContain('## Lifetime Value\n\n**Aliases:** CLV\n\n**Avoid:** lifetime revenue, Customer Lifetime Value\n');
    expect(glossary).toContain('**See also:** Lifetime Value\n');
  });
});

describe('glossary changes', () => {
  it('re-checks open documents when an open glossary file is edited', async () => {
    const uri = await client.open('docs/watch.md', 'The wobble is fine for now.\n');
    await client.diagnostics(uri, (d) => d.length === 0);
    const glossaryUri = await client.open('glossary/senses.md');
    const text = readFileSync(join(root, 'glossary', 'senses.md'), 'utf8') + '\n## Wibble\n\n**Avoid:** wobble\n\n**Business:** b\n\n**IT:** i\n';
    client.change(glossaryUri, text);
    const after = await client.diagnostics(uri, (d) => d.length > 0);
    expect(after[0].message).toBe("Avoid 'wobble': the glossary's word is 'Wibble'.");
  });

  it('re-checks open documents when a glossary file changes on disk', async () => {
    const uri = await client.open('docs/watch2.md', 'A flimflam here.\n');
    await client.diagnostics(uri, (d) => d.length === 0);
    writeFileSync(join(root, 'glossary', 'disk.md'), '## Flim\n\nAvoid: flimflam\n\nBusiness: b\n\nIT: i\n');
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(root, 'glossary', 'disk.md')), type: 1 }] });
    const after = await client.diagnostics(uri, (d) => d.length > 0);
    expect(after.map((d) => d.code)).toEqual(['avoid-term']);
  });
});

describe('an untrusted workspace', () => {
  it('keeps read-only features and offers no edits', async () => {
    const ws = workspace({ 'a.md': 'Our cost per customer and the CAC.\n' });
    const c = await startClient(ws, { trusted: false });
    try {
      const uri = await c.open('a.md');
      const diagnostics = await c.diagnostics(uri, (d) => d.length > 0);
      expect(diagnostics.map((d) => d.code)).toEqual(['avoid-term']);
      const hover = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(0, 30) });
      expect((hover?.contents as MarkupContent).value).toContain('Customer Acquisition Cost');
      const actions = await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
      expect(actions).toEqual([]);
      expect(await c.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(0, 30), newName: 'X' })).toBeNull();
    } finally {
      await c.stop();
    }
  });
});

describe('glossary globs from the workspace', () => {
  it('may not reach outside the workspace folder; the user\'s own settings may', async () => {
    const outside = workspace({ 'terms.md': '## Zorb\n\nAvoid: zorbing\n\nBusiness: b\n\nIT: i\n' }, false);
    const ws = workspace({ 'a.md': 'Some zorbing here.\n' }, false);
    const pattern = `${relative(ws, outside)}/*.md`;
    const fromWorkspace = await startClient(ws, { glossary: [pattern] });
    try {
      const uri = await fromWorkspace.open('a.md');
      const message = await fromWorkspace.waitFor(() => fromWorkspace.messages.find((m) => m.includes('reaches outside')), 'a refusal');
      expect(message).toContain(`the glob '${pattern}' reaches outside the workspace folder`);
      expect(await fromWorkspace.diagnostics(uri)).toEqual([]);
    } finally {
      await fromWorkspace.stop();
    }
    const fromUser = await startClient(ws, { glossary: [pattern], glossaryFromUser: true });
    try {
      const uri = await fromUser.open('a.md');
      const diagnostics = await fromUser.diagnostics(uri, (d) => d.length > 0);
      expect(diagnostics[0].message).toBe("Avoid 'zorbing': the glossary's word is 'Zorb'.");
    } finally {
      await fromUser.stop();
    }
  });
});

describe('a broken configuration', () => {
  it('is shown as an error, and the last good configuration keeps serving', async () => {
    const ws = workspace({ 'a.md': 'Our ROAS.\n', '.termbridge.json': '{"ignore": ["ROAS"]}' });
    const c = await startClient(ws);
    try {
      const uri = await c.open('a.md');
      expect(await c.diagnostics(uri)).toEqual([]);
      writeFileSync(join(ws, '.termbridge.json'), '{"ignore": [ }');
      await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: uriOf(join(ws, '.termbridge.json')), type: 2 }],
      });
      const message = await c.waitFor(() => c.messages.find((m) => m.includes('invalid JSON')), 'an error message');
      expect(message).toContain(join(ws, '.termbridge.json'));
      expect(message).toContain('the last good configuration is still in use');
      const before = c.publishCount(uri);
      c.change(uri, 'Our ROAS again.\n');
      await c.waitFor(() => (c.publishCount(uri) > before ? true : undefined), 'diagnostics after the edit');
      expect(await c.diagnostics(uri)).toEqual([]);
    } finally {
      await c.stop();
    }
  });
});

describe('a multi-root workspace', () => {
  it('checks each folder with its own glossary and its own .termbridge.json', async () => {
    const entry = (name: string, avoid: string) => `## ${name}\n\nAvoid: ${avoid}\n\nBusiness: b\n\nIT: i\n`;
    const text = 'Some zorbing, some quuxing, and the ROAS.\n';
    const a = workspace({ 'glossary/a.md': entry('Zorb', 'zorbing'), 'a.md': text }, false);
    const b = workspace({ 'glossary/b.md': entry('Quux', 'quuxing'), 'b.md': text, '.termbridge.json': '{"ignore": ["ROAS"]}' }, false);
    const c = await startClient(a, {}, { otherFolders: [b] });
    try {
      const inA = await c.open('a.md');
      const inB = await c.open(join(b, 'b.md'));
      const messages = async (uri: string) => (await c.diagnostics(uri, (d) => d.length > 0)).map((d) => d.message);
      expect(await messages(inA)).toEqual([
        "Avoid 'zorbing': the glossary's word is 'Zorb'.",
        "'ROAS' is not in the glossary and is not spelled out in this document.",
      ]);
      expect(await messages(inB)).toEqual(["Avoid 'quuxing': the glossary's word is 'Quux'."]);
      const folders = await c.waitFor(() => c.statuses.find((st) => st.folders.length === 2)?.folders, 'a status of both folders');
      expect(folders.map((f) => [f.terms, f.bundled])).toEqual([[1, false], [1, false]]);
    } finally {
      await c.stop();
    }
  });
});

describe('without a glossary', () => {
  it('serves the bundled starter glossary and says so once', async () => {
    const bare = await startClient(workspace({ 'a.md': 'Our customer database.\n' }, false));
    try {
      const uri = await bare.open('a.md');
      const diagnostics = await bare.diagnostics(uri, (d) => d.length > 0);
      expect(diagnostics[0].message).toBe("Avoid 'customer database': the glossary's word is 'Customer Data Platform'.");
      expect(bare.messages.filter((m) => m.includes('bundled starter glossary'))).toHaveLength(1);
      expect(bare.statuses.at(-1)!.folders[0]).toMatchObject({ bundled: true });
    } finally {
      await bare.stop();
    }
  });
});

describe('a broken glossary', () => {
  // The server's test-only failures: a glossary text with a marker fails to index, or to be read.
  const faults = { env: { TERMBRIDGE_TEST_FAULTS: '1' } };
  const OLD = 'What it costs to win one new customer.';
  const NEW = 'What one new customer costs, all channels.';
  const hoverIn = async (c: TestClient, uri: string): Promise<string> => {
    const h = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(0, 5) }); // CAC
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  };
  /** Writes a glossary file, tells the server, and waits until the reload it causes has finished. */
  const rewrite = async (c: TestClient, path: string, text: string): Promise<void> => {
    const before = c.statuses.length;
    writeFileSync(path, text);
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path), type: 2 }] });
    await c.waitFor(() => (c.statuses.length > before ? true : undefined), 'the reload');
  };
  const codes = (d: { code?: number | string }[]) => d.map((x) => x.code);
  /** A workspace whose brief's CAC hovers with the glossary's text, and what the tests change. */
  const hoveredWorkspace = async () => {
    const ws = workspace({ 'a.md': 'The CAC.\n' });
    const c = await startClient(ws, {}, faults);
    const uri = await c.open('a.md');
    expect(await hoverIn(c, uri)).toContain(OLD);
    const metrics = join(ws, 'glossary', 'metrics.md');
    const errorsBefore = c.statuses.at(-1)!.folders[0].glossaryErrors;
    return { ws, c, uri, metrics, good: readFileSync(metrics, 'utf8'), errorsBefore };
  };

  it('keeps serving the last good index when the build fails, shows the error on the file to blame, and recovers', async () => {
    const { ws, c, uri, metrics, good, errorsBefore } = await hoveredWorkspace();
    try {

      await rewrite(c, metrics, `${good.replace(OLD, NEW)}\n${TEST_FAULT_BUILD}\n`);
      const [problem] = await c.diagnostics(uriOf(metrics), (d) => codes(d).includes('glossary-index-failed'));
      expect(problem).toMatchObject({ severity: 1, source: 'termbridge', range: { start: pos(0, 0), end: pos(0, 0) } });
      expect(problem.message).toBe(
        'Termbridge could not build the glossary index: test fault: the index build failed. Hovers and checks go on: the glossary as it was before this change is still in use.',
      );
      // Only the file that fails on its own is blamed.
      expect(codes(await c.diagnostics(uriOf(join(ws, 'glossary', 'senses.md'))))).not.toContain('glossary-index-failed');
      expect(await hoverIn(c, uri)).toContain(OLD);
      expect(c.statuses.at(-1)!.folders[0].glossaryErrors).toBe(errorsBefore + 1);
      expect(c.shown.filter((m) => m.message.includes('could not build the glossary index'))).toEqual([
        { type: MessageType.Error, message: expect.stringContaining(`of ${ws}: test fault: the index build failed`) },
      ]);

      await rewrite(c, metrics, good.replace(OLD, NEW));
      expect(codes(await c.diagnostics(uriOf(metrics)))).not.toContain('glossary-index-failed');
      expect(await hoverIn(c, uri)).toContain(NEW);
      expect(c.statuses.at(-1)!.folders[0].glossaryErrors).toBe(errorsBefore);
    } finally {
      await c.stop();
    }
  });

  it('keeps the terms of a glossary file that cannot be read as it was last read, says so once, and recovers', async () => {
    const { ws, c, uri, metrics, good, errorsBefore } = await hoveredWorkspace();
    try {
      const told = () => c.shown.filter((m) => m.message.includes('cannot read the glossary file'));

      await rewrite(c, metrics, `${TEST_FAULT_READ}\n${good.replace(OLD, NEW)}`);
      expect(told()).toEqual([
        {
          type: MessageType.Warning,
          message: `Termbridge: cannot read the glossary file ${metrics} (EACCES: permission denied (test fault); its terms as last read are still in use).`,
        },
      ]);
      const [problem] = await c.diagnostics(uriOf(metrics), (d) => codes(d).includes('glossary-unreadable'));
      expect(problem.message).toBe('Termbridge cannot read this glossary file (EACCES: permission denied (test fault)); its terms as last read are still in use.');
      expect(await hoverIn(c, uri)).toContain(OLD);
      expect(c.statuses.at(-1)!.folders[0]).toMatchObject({ glossaryErrors: errorsBefore + 1, terms: c.statuses[0].folders[0].terms });
      // Another reload while it lasts: no second message.
      await rewrite(c, metrics, `${TEST_FAULT_READ}\n${good}`);
      expect(told()).toHaveLength(1);

      await rewrite(c, metrics, good.replace(OLD, NEW));
      expect(await hoverIn(c, uri)).toContain(NEW);
      expect(codes(await c.diagnostics(uriOf(metrics)))).not.toContain('glossary-unreadable');
      expect(c.statuses.at(-1)!.folders[0].glossaryErrors).toBe(errorsBefore);
    } finally {
      await c.stop();
    }
  });

  /** Tells the server a file was created (1) or deleted (3), and waits until the reload it causes has finished. */
  const touched = async (c: TestClient, path: string, type: 1 | 3): Promise<void> => {
    const before = c.statuses.length;
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path), type }] });
    await c.waitFor(() => (c.statuses.length > before ? true : undefined), 'the reload');
  };

  it('keeps the terms of a glossary folder that cannot be listed, reads its files by name, says so once, and recovers', async () => {
    const { ws, c, uri, metrics, good, errorsBefore } = await hoveredWorkspace();
    try {
      const folder = join(ws, 'glossary');
      const config = uriOf(join(ws, '.termbridge.json'));
      const told = () => c.shown.filter((m) => m.message.includes('cannot list the glossary folder'));
      const marker = join(folder, TEST_FAULT_LIST);
      writeFileSync(marker, '');
      await touched(c, marker, 1);
      expect(told()).toEqual([
        { type: MessageType.Warning, message: `Termbridge: cannot list the glossary folder ${folder} (EACCES; the terms of the 2 files indexed from it before are still in use).` },
      ]);
      const [problem] = await c.diagnostics(config, (d) => codes(d).includes('glossary-unlisted'));
      expect(problem).toMatchObject({ severity: 1, message: `Termbridge cannot list the glossary folder ${folder} (EACCES); the terms of the 2 files indexed from it before are still in use.` });
      expect(c.statuses.at(-1)!.folders[0]).toMatchObject({ glossaryErrors: errorsBefore + 1, terms: c.statuses[0].folders[0].terms, bundled: false });
      // Its files are still read by name: an edit of one counts.
      await rewrite(c, metrics, good.replace(OLD, NEW));
      expect(await hoverIn(c, uri)).toContain(NEW);
      expect(told()).toHaveLength(1);

      rmSync(marker);
      await touched(c, marker, 3);
      expect(codes(await c.diagnostics(config))).not.toContain('glossary-unlisted');
      expect(c.statuses.at(-1)!.folders[0].glossaryErrors).toBe(errorsBefore);
    } finally {
      await c.stop();
    }
  });

  it('serves no glossary rather than the starter one when the glossary folder cannot be listed from the start', async () => {
    const ws = workspace({ 'a.md': 'Our customer database.\n', [`glossary/${TEST_FAULT_LIST}`]: '', 'glossary/terms.md': '## Wibble\n\n**Business:** b\n\n**IT:** i\n' }, false);
    const c = await startClient(ws, {}, faults);
    try {
      await c.waitFor(() => c.statuses.at(-1), 'the first status');
      expect(c.statuses.at(-1)!.folders[0]).toMatchObject({ terms: 0, bundled: false, glossaryErrors: 1 });
      expect(c.messages.filter((m) => m.includes('bundled starter glossary'))).toEqual([]);
      expect(c.messages).toContain(`Termbridge: cannot list the glossary folder ${join(ws, 'glossary')} (EACCES; any glossary files in it are left out).`);
    } finally {
      await c.stop();
    }
  });

  it('reads a UTF-16 glossary file with a byte-order mark, and warns on one that is not UTF-8 next to its findings', async () => {
    const entry = (name: string) => `## ${name}\n\n**Business:** What it is.\n\n**IT:** \`${name.toLowerCase().replace(/\W/g, '_')}\`\n\n`;
    const ws = workspace({ 'a.md': 'The Zebra Score and the Yak Rate.\n' }, false);
    const utf16 = join(ws, 'glossary', 'utf16.md');
    const latin1 = join(ws, 'glossary', 'latin1.md');
    mkdirSync(join(ws, 'glossary'));
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entry('Zebra Score'), 'utf16le')]));
    // A Latin-1 "é", and a term without its Business line (a finding of the glossary's own).
    writeFileSync(latin1, Buffer.from(`${entry('Yak Rate')}## Caf\xe9 Index\n\n**IT:** \`cafe\`\n`, 'latin1'));
    const c = await startClient(ws);
    try {
      const uri = await c.open('a.md');
      const hover = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(0, 6) });
      expect((hover?.contents as MarkupContent).value).toContain('Zebra Score');
      expect(codes(await c.diagnostics(uriOf(utf16)))).toEqual([]);
      const notes = await c.diagnostics(uriOf(latin1), (d) => codes(d).includes('glossary-not-utf8'));
      expect(notes[0]).toMatchObject({ severity: 2, range: { start: pos(0, 0), end: pos(0, 0) } });
      expect(notes[0].message).toContain('not UTF-8');
      expect(codes(notes)).toContain('glossary-missing-field');
      expect(c.statuses.at(-1)!.folders[0].terms).toBe(3);
    } finally {
      await c.stop();
    }
  });
});

describe('a big glossary (its index is built on a worker thread)', () => {
  // Over 256 KB: the server builds its index off its own thread and keeps it between sessions.
  const TERMS = 1500;
  const section = (n: number): string =>
    `## Widget ${n}\n\n**Avoid:** gadget ${n}\n\n**Business:** What the team calls widget number ${n}, in words the brief uses.\n\n` +
    `**IT:** Table \`widgets\`, row ${n}; owned by the platform team, read through the catalogue API.\n\n**Owner:** Platform\n\n`;
  const bigText = (extra = ''): string => `# Widgets\n\n${Array.from({ length: TERMS }, (_, n) => section(n)).join('')}${extra}`;
  const faults = { TERMBRIDGE_TEST_FAULTS: '1' };
  const start = async (ws: string, cacheDir: string, env: Record<string, string> = {}) =>
    startClient(ws, {}, { env, initializationOptions: { cacheDir }, timeoutMs: 30_000 });
  const avoided = async (c: TestClient, uri: string) => (await c.diagnostics(uri, (d) => d.length > 0)).map((d) => d.message);

  it('serves the glossary, keeps its index for the next session, and takes the newest of quick edits', async () => {
    const ws = workspace({ 'glossary/widgets.md': bigText(), 'a.md': 'We ship gadget 1234 and a cog.\n' }, false);
    expect(bigText().length).toBeGreaterThan(256 * 1024);
    const cacheDir = mkdtempSync(join(tmpdir(), 'termbridge-cache-'));
    const c = await start(ws, cacheDir);
    try {
      const uri = await c.open('a.md');
      expect(await avoided(c, uri)).toEqual(["Avoid 'gadget 1234': the glossary's word is 'Widget 1234'."]);
      expect(c.statuses.at(-1)!.folders[0]).toMatchObject({ terms: TERMS, glossaryErrors: 0 });
      // The index and the parsed sections are stored for the next session.
      expect(readdirSync(cacheDir).sort()).toEqual([expect.stringMatching(/^glossary-\w+\.index\.json$/), expect.stringMatching(/^glossary-\w+\.json$/)].sort());

      // Two edits in quick succession: the reloads never overlap, and the newer glossary wins.
      const glossaryUri = await c.open('glossary/widgets.md');
      const reloads = c.statuses.length;
      // The first rewrites every section, so remark parses them all again: it takes far longer
      // than the second, whose sections are all stored but one.
      c.change(glossaryUri, bigText('## Sprocket\n\n**Avoid:** cog\n\n**Business:** b\n\n**IT:** i\n').replace(/team calls/g, 'team names'));
      await new Promise((r) => setTimeout(r, 200)); // past the debounce: the first reload starts
      c.change(glossaryUri, bigText('## Sprocket\n\n**Avoid:** cogs, cog\n\n**Business:** b2\n\n**IT:** i\n'));
      await c.waitFor(() => (c.statuses.length >= reloads + 2 ? true : undefined), 'both reloads', 30_000);
      const messages = await c.diagnostics(uri);
      expect(messages.map((d) => d.message)).toEqual([
        "Avoid 'gadget 1234': the glossary's word is 'Widget 1234'.",
        "Avoid 'cog': the glossary's word is 'Sprocket'.",
      ]);
      const h = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(0, 27) });
      expect((h?.contents as MarkupContent).value).toContain('b2');
    } finally {
      await c.stop();
    }
    // A second session reads the stored index: the same answers.
    const again = await start(ws, cacheDir);
    try {
      const uri = await again.open('a.md');
      expect(await avoided(again, uri)).toEqual(["Avoid 'gadget 1234': the glossary's word is 'Widget 1234'."]);
      expect(again.statuses.at(-1)!.folders[0]).toMatchObject({ terms: TERMS, glossaryErrors: 0 });
    } finally {
      await again.stop();
    }
  });

  it('reads the index the CLI keeps in the workspace, and builds its own once the glossary has changed since', async () => {
    const ws = workspace({ 'glossary/widgets.md': bigText(), 'a.md': 'We ship gadget 42 and a cog.\n' }, false);
    mkdirSync(join(ws, 'node_modules'));
    expect((await cli(ws, ['lint', 'a.md'])).stdout).toContain("Avoid 'gadget 42'");
    const shared = join(ws, 'node_modules', '.cache', 'termbridge');
    expect(readdirSync(shared).some((f) => f.endsWith('.index.json'))).toBe(true);
    const cacheDir = mkdtempSync(join(tmpdir(), 'termbridge-cache-'));
    const c = await start(ws, cacheDir);
    try {
      const uri = await c.open('a.md');
      expect(await avoided(c, uri)).toEqual(["Avoid 'gadget 42': the glossary's word is 'Widget 42'."]);
      const h = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(0, 10) });
      expect((h?.contents as MarkupContent).value).toContain('widget number 42');
      // Nothing was built, so the server stored nothing of its own.
      expect(readdirSync(cacheDir)).toEqual([]);
    } finally {
      await c.stop();
    }
    // The glossary changed after the lint run: the CLI's index is not for it, and is not used.
    writeFileSync(join(ws, 'glossary', 'widgets.md'), bigText('## Sprocket\n\n**Avoid:** cog\n\n**Business:** b\n\n**IT:** i\n'));
    const after = await start(ws, cacheDir);
    try {
      const uri = await after.open('a.md');
      expect(await avoided(after, uri)).toEqual([
        "Avoid 'gadget 42': the glossary's word is 'Widget 42'.",
        "Avoid 'cog': the glossary's word is 'Sprocket'.",
      ]);
      expect(readdirSync(cacheDir).sort()).toEqual([expect.stringMatching(/^glossary-\w+\.index\.json$/), expect.stringMatching(/^glossary-\w+\.json$/)].sort());
      expect(after.statuses.at(-1)!.folders[0]).toMatchObject({ terms: TERMS + 1, glossaryErrors: 0 });
    } finally {
      await after.stop();
    }
  });

  it('builds on the server\'s own thread when the worker dies, and shows a failed build on the file', async () => {
    const ws = workspace({ 'glossary/widgets.md': bigText(`${TEST_FAULT_WORKER}\n`), 'a.md': 'We ship gadget 7.\n' }, false);
    const c = await start(ws, mkdtempSync(join(tmpdir(), 'termbridge-cache-')), faults);
    try {
      const uri = await c.open('a.md');
      expect(await avoided(c, uri)).toEqual(["Avoid 'gadget 7': the glossary's word is 'Widget 7'."]);
      expect(c.statuses.at(-1)!.folders[0]).toMatchObject({ terms: TERMS, glossaryErrors: 0 });

      // A build that throws on the worker fails as one on this thread does: the last good index serves.
      const file = join(ws, 'glossary', 'widgets.md');
      const before = c.statuses.length;
      writeFileSync(file, bigText(`${TEST_FAULT_BUILD}\n`).replace('Widget 7\n', 'Gizmo 7\n'));
      await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: 2 }] });
      await c.waitFor(() => (c.statuses.length > before ? true : undefined), 'the reload', 30_000);
      const [problem] = await c.diagnostics(uriOf(file), (d) => d.some((x) => x.code === 'glossary-index-failed'));
      expect(problem.message).toContain('test fault: the index build failed');
      expect(await avoided(c, uri)).toEqual(["Avoid 'gadget 7': the glossary's word is 'Widget 7'."]);
    } finally {
      await c.stop();
    }
  });
});

describe('a broken configuration and the glossary', () => {
  const configOf = (ws: string) => join(ws, '.termbridge.json');
  const breakConfig = async (c: TestClient, ws: string, text: string): Promise<void> => {
    const before = c.statuses.length;
    writeFileSync(configOf(ws), text);
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(configOf(ws)), type: 2 }] });
    await c.waitFor(() => (c.statuses.length > before ? true : undefined), 'the reload');
  };

  it('indexes glossary edits with the last good configuration while .termbridge.json is broken', async () => {
    const ws = workspace({ 'a.md': 'Our ROAS and a flimflam.\n', '.termbridge.json': '{"ignore": ["ROAS"]}' });
    const c = await startClient(ws);
    try {
      const uri = await c.open('a.md');
      expect(await c.diagnostics(uri)).toEqual([]);
      await breakConfig(c, ws, '{"ignore": [ }');
      writeFileSync(join(ws, 'glossary', 'flim.md'), '## Flim\n\nAvoid: flimflam\n\nBusiness: b\n\nIT: i\n');
      await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(ws, 'glossary', 'flim.md')), type: 1 }] });
      const after = await c.diagnostics(uri, (d) => d.length > 0);
      // The new term counts; the last good configuration still ignores ROAS.
      expect(after.map((d) => d.message)).toEqual(["Avoid 'flimflam': the glossary's word is 'Flim'."]);
    } finally {
      await c.stop();
    }
  });

  it('says that .termbridge.json is broken once per distinct error, not on every reload', async () => {
    const ws = workspace({ 'a.md': 'Text.\n', '.termbridge.json': '{}' });
    const c = await startClient(ws);
    try {
      const told = () => c.shown.filter((m) => m.message.includes(configOf(ws)));
      await breakConfig(c, ws, '{"ignore": [ }');
      expect(told()).toHaveLength(1);
      expect(told()[0]).toMatchObject({ type: MessageType.Error, message: expect.stringContaining('invalid JSON') });

      // A glossary edit and a settings change reload the folder: the same error is not told again.
      const metrics = join(ws, 'glossary', 'metrics.md');
      let before = c.statuses.length;
      writeFileSync(metrics, readFileSync(metrics, 'utf8') + '\n');
      await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(metrics), type: 2 }] });
      await c.waitFor(() => (c.statuses.length > before ? true : undefined), 'the reload after the glossary edit');
      before = c.statuses.length;
      await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
      await c.waitFor(() => (c.statuses.length > before ? true : undefined), 'the reload after the settings change');
      expect(told()).toHaveLength(1);

      // Another error is told; so is the first one again once it was fixed in between.
      await breakConfig(c, ws, '{"ignore": 3}');
      expect(told()).toHaveLength(2);
      expect(told()[1].message).toContain("'ignore' must be a string or an array of strings");
      await breakConfig(c, ws, '{}');
      expect(told()).toHaveLength(2);
      await breakConfig(c, ws, '{"ignore": [ }');
      expect(told()).toHaveLength(3);
      expect(told()[2].message).toBe(told()[0].message);
    } finally {
      await c.stop();
    }
  });
});

describe('adding a term to an open glossary file', () => {
  const UNSAVED = 'An unsaved note at the top.\n\n';

  it('is a workspace edit for the version the editor has, made against its unsaved text', async () => {
    const ws = workspace({});
    const c = await startClient(ws);
    try {
      const glossaryUri = await c.open('glossary/metrics.md');
      const saved = readFileSync(join(ws, 'glossary', 'metrics.md'), 'utf8');
      c.change(glossaryUri, UNSAVED + saved);
      c.change(glossaryUri, UNSAVED + UNSAVED + saved); // version 3
      const result = await c.conn.sendRequest(ExecuteCommandRequest.type, {
        command: 'termbridge.server.addTerm',
        arguments: [{ word: 'Bounce Rate', glossaryUri }],
      });
      expect(c.appliedEdits).toHaveLength(1);
      const edit = c.appliedEdits[0];
      expect(edit.documentChanges).toHaveLength(1);
      expect(edit.documentChanges![0]).toMatchObject({ textDocument: { uri: glossaryUri, version: 3 } });
      const after = applyEdit(UNSAVED + UNSAVED + saved, edit, glossaryUri);
      expect(after.startsWith(UNSAVED + UNSAVED + '# Metrics (test glossary)\n\n## Bounce Rate\n')).toBe(true);
      expect(result).toEqual({ uri: glossaryUri, range: { start: pos(6, 0), end: pos(6, 14) } });
    } finally {
      await c.stop();
    }
  });

  it('fails, is reported, and is not retried unversioned when the text changed before the editor got the edit', async () => {
    const ws = workspace({});
    const c = await startClient(ws);
    try {
      const glossaryUri = await c.open('glossary/metrics.md');
      const saved = readFileSync(join(ws, 'glossary', 'metrics.md'), 'utf8');
      c.change(glossaryUri, UNSAVED + saved); // version 2: what the server makes the edit for
      // The user types on while the edit is on its way: the editor is at version 3 when it arrives.
      c.beforeApplyEdit = () => {
        c.beforeApplyEdit = undefined;
        c.change(glossaryUri, UNSAVED + UNSAVED + saved);
      };
      const result = await c.conn.sendRequest(ExecuteCommandRequest.type, {
        command: 'termbridge.server.addTerm',
        arguments: [{ word: 'Bounce Rate', glossaryUri }],
      });
      expect(result).toBeNull();
      expect(c.rejectedEdits).toHaveLength(1);
      expect(c.rejectedEdits[0].documentChanges![0]).toMatchObject({ textDocument: { uri: glossaryUri, version: 2 } });
      expect(c.appliedEdits).toEqual([]); // no second, unversioned try
      expect(c.shown.filter((m) => m.message.includes('Bounce Rate'))).toEqual([
        {
          type: MessageType.Warning,
          message: `Termbridge: 'Bounce Rate' was not added to the glossary (${glossaryUri} is at version 3, the edit is for version 2). If the file changed meanwhile, try again.`,
        },
      ]);
    } finally {
      await c.stop();
    }
  });

  it('adds to an existing glossary/glossary.md outside the configured globs instead of writing over it', async () => {
    const existing = '# Our terms\n\n## Zeta\n\nBusiness: b\n\nIT: i\n';
    const ws = workspace({ 'a.md': 'The ROAS.\n', 'glossary/glossary.md': existing, '.termbridge.json': '{"glossary": ["terms/*.md"]}' }, false);
    const c = await startClient(ws);
    try {
      const doc = await c.open('a.md');
      const glossaryUri = uriOf(join(ws, 'glossary', 'glossary.md'));
      await c.conn.sendRequest(ExecuteCommandRequest.type, { command: 'termbridge.server.addTerm', arguments: [{ word: 'ROAS', documentUri: doc }] });
      const [edit] = c.appliedEdits;
      expect(edit.documentChanges!.some((ch) => 'kind' in ch)).toBe(false);
      expect(applyEdit(existing, edit, glossaryUri)).toBe('# Our terms\n\n## ROAS\n\n**Business:** \n\n**IT:** \n\n**Owner:** \n\n**Status:** draft\n\n## Zeta\n\nBusiness: b\n\nIT: i\n');
    } finally {
      await c.stop();
    }
  });
});
