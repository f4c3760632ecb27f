// What a glossary build keeps on disk: the parsed sections (written a few hundred at a time) and the
// built index (ASCII only, its key on the first line). Both must read back whole, or every run would
// quietly parse the glossary again.

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addParsedSections, buildGlossary, forgetSections, parseSections, sectionsToParse, toSnapshot, type GlossarySource } from '../server/src/engine';
import { type ParseInput, runParseWorker } from '../server/src/cli/parse-ahead';
import { splitSections } from '../server/src/engine/glossary/parse';
import { buildAndStore, indexHandoff, loadStoredSections, receiveIndex, storedGlossary } from '../server/src/workspace/glossary-cache';

// More sections than one part of the section file holds, and names beyond ASCII.
const SECTIONS = 1234;
const text =
  '# Widgets\n\n' +
  Array.from({ length: SECTIONS }, (_, n) => `## Café Widget ${n}\n\n**Business:** Widget ${n}, “quoted” — 顧客.\n\n**IT:** t${n}\n\n**Owner:** o\n\n**Avoid:** gadget ${n}\n\n`).join('');

function build(name: string, keepSections = true) {
  const dir = mkdtempSync(join(tmpdir(), 'termbridge-glossary-cache-'));
  const sources: GlossarySource[] = [{ path: join(dir, 'widgets.md'), text }];
  const file = join(dir, `${name}.json`);
  return { dir, sources, file, built: buildAndStore(sources, file, true, keepSections) };
}

describe('glossary cache files', () => {
  it('stores every parsed section, in one file JSON reads back whole', () => {
    const { file, built } = build('a');
    expect(built.glossary.terms).toHaveLength(SECTIONS);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(typeof stored.version).toBe('string');
    expect(stored.entries.map((e: [string, unknown]) => e[0])).toEqual(splitSections(text).map((s) => s.text));
    expect(stored.entries[SECTIONS][1].terms[0].name).toBe(`Café Widget ${SECTIONS - 1}`);
  });

  it('reads the stored sections back instead of parsing them again', () => {
    const { dir, sources, file, built } = build('b', false);
    // A file the process has not read yet, with a mark that a rewrite (after parsing) would drop.
    const copy = join(dir, 'copy.json');
    copyFileSync(file, copy);
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}\n`);
    forgetSections();
    const again = buildAndStore(sources, copy, false);
    expect(readFileSync(copy, 'utf8').endsWith('}\n')).toBe(true);
    expect(JSON.stringify(toSnapshot(again.glossary))).toBe(JSON.stringify(toSnapshot(built.glossary)));
  });

  it('stores the same sections when it builds once and keeps none, also those read from the stored file', () => {
    const kept = build('once-kept');
    const keptEntries = JSON.parse(readFileSync(kept.file, 'utf8')).entries;
    forgetSections();
    const once = build('once', false);
    expect(JSON.parse(readFileSync(once.file, 'utf8')).entries).toEqual(keptEntries);
    const index = (b: typeof kept) => JSON.stringify(toSnapshot(b.built.glossary)).replaceAll(b.dir, '');
    expect(index(once)).toBe(index(kept));
    expect(sectionsToParse([text])).toHaveLength(SECTIONS + 1); // nothing left in memory
    // An edited glossary, built once more from the stored file: the section read from it and the
    // edited one both go into the rewritten file (in a copy the process has not read yet).
    const copy = join(once.dir, 'copy.json');
    copyFileSync(once.file, copy);
    const edited = text.replace('**IT:** t7\n', '**IT:** t7 edited\n');
    const rebuilt = buildAndStore([{ path: once.sources[0].path, text: edited }], copy, false, false);
    expect(rebuilt.glossary.terms[7].it).toContain('t7 edited');
    const entries = JSON.parse(readFileSync(copy, 'utf8')).entries as [string, unknown][];
    expect(entries.map(([t]) => t).sort()).toEqual(splitSections(edited).map((x) => x.text).sort());
    expect(sectionsToParse([edited])).toHaveLength(SECTIONS + 1);
  });

  it('stores the index as ASCII after its key (written in parts), and hands back that same text', () => {
    const { sources, file, built } = build('c');
    const stored = readFileSync(file.replace(/\.json$/, '.index.json'), 'latin1');
    const [key, body] = [stored.slice(0, stored.indexOf('\n')), stored.slice(stored.indexOf('\n') + 1)];
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(body).toMatch(/^[\x00-\x7f]*$/);
    expect(built.stored).toBe(true);
    expect(body).toBe(built.snapshot());
    expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(toSnapshot(built.glossary))));
    const read = storedGlossary(sources, file)!;
    expect(read.terms.map((t) => t.name)).toEqual(built.glossary.terms.map((t) => t.name));
    expect(read.byName.get('café widget 7')).toEqual(built.glossary.byName.get('café widget 7'));
  });

  it('builds all the same when the cache cannot be written', () => {
    const { dir, sources } = build('d');
    writeFileSync(join(dir, 'widgets.md'), text);
    const blocked = join(dir, 'widgets.md', 'glossary-x.json'); // a folder that is a file
    const unstored = buildAndStore(sources, blocked, true);
    expect(unstored.glossary.terms).toHaveLength(SECTIONS);
    expect(unstored.stored).toBe(false);
    expect(JSON.parse(unstored.snapshot())).toEqual(JSON.parse(JSON.stringify(toSnapshot(unstored.glossary))));
  });

  it('hands an index to another thread by the file it was stored in, and refuses the file once it holds another', () => {
    const { dir, sources, file, built } = build('e');
    const snapshot = JSON.stringify(toSnapshot(built.glossary));
    const handoff = indexHandoff(built.glossary);
    expect(handoff).toEqual({ file: file.replace(/\.json$/, '.index.json'), key: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(JSON.stringify(toSnapshot(receiveIndex(handoff)!))).toBe(snapshot);
    // Read back from the file, the index is handed off by the same file.
    expect(indexHandoff(storedGlossary(sources, file)!)).toEqual(handoff);
    // The glossary changed and another run stored its index there: not the index handed off.
    buildAndStore([{ path: sources[0].path, text: text + '## One More Widget\n\n**Business:** b\n' }], file, true);
    expect(receiveIndex(handoff)).toBeUndefined();
    // An index that could not be stored (a folder in its path is a file) goes as its JSON.
    writeFileSync(join(dir, 'widgets.md'), text);
    const unstored = buildAndStore(sources, join(dir, 'widgets.md', 'glossary-y.json'), true).glossary;
    const json = indexHandoff(unstored);
    expect('json' in json && JSON.parse(json.json)).toEqual(JSON.parse(snapshot));
    expect(JSON.stringify(toSnapshot(receiveIndex(json)!))).toBe(snapshot);
  });
});

describe('sections parsed on other threads', () => {
  it('build the same index, and are stored as sections parsed here would be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'termbridge-parse-ahead-'));
    const sources: GlossarySource[] = [{ path: join(dir, 'widgets.md'), text }];
    forgetSections();
    const here = buildGlossary(sources);
    forgetSections();
    // A section file from an older build: read first (as the CLI does), then rewritten.
    const file = join(dir, 'ahead.json');
    writeFileSync(file, '{"version":"old","entries":[]}');
    loadStoredSections(file);
    const todo = sectionsToParse([text]);
    expect(todo).toEqual(splitSections(text).map((s) => s.text));
    // As `--jobs` shares them: this thread parses one share, a worker the other; both are kept.
    const input: ParseInput = { sections: todo, next: new SharedArrayBuffer(4) };
    new Int32Array(input.next)[0] = 1; // the first chunk is another thread's
    const mine = runParseWorker(input);
    expect(mine.map(([s]) => s)).toEqual(todo.slice(100));
    addParsedSections(mine);
    expect(sectionsToParse([text])).toEqual(todo.slice(0, 100));
    addParsedSections(parseSections(todo.slice(0, 100)));
    expect(sectionsToParse([text])).toEqual([]);
    const built = buildAndStore(sources, file, true);
    expect(toSnapshot(built.glossary)).toEqual(toSnapshot(here));
    // Counted as parsed, so the section file is rewritten though the build itself parsed nothing.
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.entries).toHaveLength(SECTIONS + 1);
  });
});
