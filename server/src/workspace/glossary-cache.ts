// What is kept of a glossary between runs, in two files per set of glossary files:
// - the built index (`.index.json`), keyed by a hash of every glossary file's path and text and the
//   Termbridge version: an unchanged glossary is read back without parsing or building anything;
// - the parsed sections (`.json`), keyed by each section's exact text: after an edit, remark parses
//   only the sections that changed (it takes seconds for a 10,000-term glossary).
// A stale entry can never be used: any change to a file, or a new version, changes the key.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import {
  buildGlossary,
  cachedSections,
  forgetSections,
  fromSnapshot,
  type Glossary,
  type GlossarySnapshot,
  type GlossarySource,
  type ParsedSection,
  primeSections,
  type SectionHandOff,
  takeParseCount,
  toSnapshot,
} from '../engine';
import { VERSION } from '../cli/version';

// Stored data is only as good as the code that made it: bump this whenever what the parser or the
// index builder produces changes, so that caches written by an earlier build are not used.
const STAMP = `${VERSION}/5`;

interface CacheFile {
  version: string;
  entries: [string, ParsedSection][];
}

/**
 * In `node_modules/.cache/termbridge`, as Babel and ESLint loaders do, and only when the workspace
 * has `node_modules` (a workspace without one gets no files written behind its back). One file per
 * set of glossary files, so linting with another glossary does not evict this one.
 */
export function cacheFile(root: string, glossaryFiles: string[]): string | undefined {
  if (!existsSync(join(root, 'node_modules'))) return undefined;
  return join(root, 'node_modules', '.cache', 'termbridge', `glossary-${hashOf([...glossaryFiles].sort().join('\n'))}.json`);
}

/**
 * For the language server: a file in the user's cache folder (the editor's storage folder when it
 * gives one), per workspace and set of glossary files.
 */
export function editorCacheFile(cacheDir: string, root: string, glossaryFiles: string[]): string {
  return join(cacheDir, `glossary-${hashOf([root, ...[...glossaryFiles].sort()].join('\n'))}.json`);
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'termbridge');
}

function hashOf(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 12);
}

/** Section cache files already read into memory by this process. */
const loadedSectionFiles = new Set<string>();

/** Where each index read from or written to a file is stored: another thread can read it there. */
const storedAt = new WeakMap<Glossary, { file: string; key: string }>();

/**
 * The stored index of `sources`, when it is there and they have not changed since: from the first
 * of `files` (cache files) that holds it. The glossary is hashed once for all of them.
 */
export function storedGlossary(sources: GlossarySource[], ...files: string[]): Glossary | undefined {
  const key = indexKey(sources);
  for (const file of files) {
    const glossary = loadIndex(indexFileOf(file), key);
    if (glossary) return glossary;
  }
  return undefined;
}

/**
 * Builds the index from the stored sections (remark parses only the sections not among them),
 * stores the sections and, with `saveIndex`, the index (`stored`: it was written). `snapshot()`
 * gives the index as the stored JSON text, what another thread reads it back from when it was not
 * stored.
 */
export function buildAndStore(
  sources: GlossarySource[],
  file: string,
  saveIndex: boolean,
  keepSections = true,
): { glossary: Glossary; stored: boolean; snapshot: () => string } {
  loadStoredSections(file);
  let glossary: Glossary;
  if (keepSections) {
    glossary = buildGlossary(sources);
    saveSectionCache(file, sources.map((s) => s.text));
  } else {
    // A thread that builds once (the server's index worker) need not hold remark's output, a copy of
    // every term: each section is written out as it is read, and the stored ones read are dropped.
    // A build that throws still stores the sections read before (each a whole entry).
    const stream = sectionCacheStream(file);
    try {
      glossary = buildGlossary(sources, stream.add);
    } finally {
      stream.finish();
      forgetSections();
    }
  }
  let stored = false;
  if (saveIndex) {
    // Hashed only to store: the server's rebuilds on every glossary edit do not store.
    const key = indexKey(sources);
    const indexFile = indexFileOf(file);
    stored = writeAtomic(indexFile, indexText(key, toSnapshot(glossary)));
    if (stored) storedAt.set(glossary, { file: indexFile, key });
  }
  return { glossary, stored, snapshot: () => snapshotJson(glossary) };
}

/** The index as the JSON text it is stored as (without its key line). */
function snapshotJson(glossary: Glossary): string {
  return [...snapshotText(toSnapshot(glossary))].join('');
}

/**
 * How another thread gets the same index (a lint worker of `--jobs` from the CLI's thread, the
 * server's thread from its index worker): the file it was read from or written to, which that
 * thread reads as a second run would; else the index as JSON, made here.
 */
export type IndexHandoff = { file: string; key: string } | { json: string };

export function indexHandoff(glossary: Glossary): IndexHandoff {
  return storedAt.get(glossary) ?? { json: snapshotJson(glossary) };
}

/** The index handed off, or undefined when its file no longer holds it (rewritten for changed glossary files). */
export function receiveIndex(handoff: IndexHandoff): Glossary | undefined {
  return 'json' in handoff ? fromSnapshot(JSON.parse(handoff.json)) : loadIndex(handoff.file, handoff.key);
}

const indexFileOf = (file: string): string => file.replace(/\.json$/, '.index.json');

function indexKey(sources: GlossarySource[]): string {
  const hash = createHash('sha1').update(STAMP);
  for (const s of sources) hash.update(`\0${s.path}\0${s.text.length}\0`).update(s.text);
  return hash.digest('hex');
}

/**
 * The stored index is written in ASCII only (JSON escapes for the rest), so that it is read back as
 * Latin-1: Node decodes a 7 MB file holding some UTF-8 at about 100 MB/s, and Latin-1 at memory speed.
 */
function asciiOnly(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The key is the first line, so a stale file is recognised from its first bytes: the server checks
 * on every rebuild of a big glossary, and the rest is megabytes.
 */
function loadIndex(file: string, key: string): Glossary | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(key.length + 1);
    if (readSync(fd, head, 0, head.length, null) !== head.length || head.toString('latin1') !== `${key}\n`) return undefined;
    // Read on from where the key line ends.
    const glossary = fromSnapshot(JSON.parse(readFileSync(fd, 'latin1')));
    storedAt.set(glossary, { file, key });
    return glossary;
  } catch {
    return undefined; // No stored index, or an unreadable one: build it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads the sections `file` keeps into memory, once per process (a build then parses only the rest). */
export function loadStoredSections(file: string): void {
  if (loadedSectionFiles.has(file)) return;
  loadSectionCache(file);
  loadedSectionFiles.add(file);
}

function loadSectionCache(file: string): void {
  takeParseCount();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (data.version === STAMP && Array.isArray(data.entries)) primeSections(data.entries);
  } catch {
    // No cache, or an unreadable one: parse from scratch.
  }
}

/**
 * Stores the sections of `texts` when any had to be parsed since the cache was loaded (otherwise the
 * file on disk is already complete).
 */
function saveSectionCache(file: string, texts: string[]): void {
  if (takeParseCount() === 0 && existsSync(file)) return;
  writeAtomic(file, sectionCacheText(cachedSections(texts)));
}

/**
 * The section cache written while the build reads the sections (each handed to `add`), 500
 * entries at a time; kept as `saveSectionCache` would keep it: only when a section had to be parsed.
 */
function sectionCacheStream(file: string): { add: SectionHandOff; finish: () => void } {
  const out = atomicWriter(file);
  out.write(`{"version":${JSON.stringify(STAMP)},"entries":[`);
  const written = new Set<string>();
  let batch: string[] = [];
  const flush = (): void => {
    if (batch.length) out.write((written.size > batch.length ? ',' : '') + batch.join(','));
    batch = [];
  };
  return {
    add: (text, section) => {
      if (written.has(text)) return; // the same section twice in the glossary
      written.add(text);
      batch.push(JSON.stringify([text, section]));
      if (batch.length === 500) flush();
    },
    finish: () => {
      if (takeParseCount() === 0 && existsSync(file)) return out.discard();
      flush();
      out.write(']}');
      out.commit();
    },
  };
}

/**
 * The JSON of a `CacheFile`, a few hundred entries at a time: the whole text (10 MB for 10,000
 * terms) is never held at once, which would add as much to the peak memory of the build.
 */
function* sectionCacheText(entries: CacheFile['entries']): Iterable<string> {
  yield `{"version":${JSON.stringify(STAMP)},"entries":[`;
  yield* jsonItems(entries);
  yield ']}';
}

/** The items of a JSON array (without its brackets), 500 at a time, each part through `encode`. */
function* jsonItems(items: unknown[], encode = (json: string): string => json): Iterable<string> {
  for (let i = 0; i < items.length; i += 500) {
    yield (i > 0 ? ',' : '') + encode(items.slice(i, i + 500).map((item) => JSON.stringify(item)).join(','));
  }
}

/** The key line, then the index. */
function* indexText(key: string, snapshot: GlossarySnapshot): Iterable<string> {
  yield `${key}\n`;
  yield* snapshotText(snapshot);
}

/**
 * The snapshot's JSON in ASCII, a few hundred items at a time: for 10,000 terms the whole text is
 * 7 MB (and JSON.stringify's would be a two-byte string of twice that, with a character beyond
 * ASCII in it), which the index worker would otherwise hold at its peak, next to the index.
 */
function* snapshotText(snapshot: GlossarySnapshot): Iterable<string> {
  const keys = Object.keys(snapshot) as (keyof GlossarySnapshot)[];
  for (let k = 0; k < keys.length; k++) {
    yield `${k === 0 ? '{' : ','}${JSON.stringify(keys[k])}:[`;
    yield* jsonItems(snapshot[keys[k]], asciiOnly);
    yield ']';
  }
  yield '}';
}

/**
 * Written atomically, so a concurrent run never reads half a file; `parts` one after another.
 * False when it could not be written.
 */
function writeAtomic(file: string, parts: Iterable<string>): boolean {
  const out = atomicWriter(file);
  for (const part of parts) out.write(part);
  return out.commit();
}

/**
 * A file written part by part into a temporary file, which `commit` renames into place (false when
 * any part could not be written) and `discard` removes. A cache that cannot be written only costs
 * time: a full disk leaves no half-written file.
 */
function atomicWriter(file: string): { write: (part: string) => void; commit: () => boolean; discard: () => void } {
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  let fd: number | undefined;
  let failed = false;
  const attempt = (step: () => void): void => {
    if (failed) return;
    try {
      step();
    } catch {
      failed = true;
    }
  };
  const close = (): void => {
    if (fd === undefined) return;
    const open = fd;
    fd = undefined;
    attempt(() => closeSync(open));
  };
  const discard = (): void => {
    close();
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written there.
    }
  };
  attempt(() => {
    mkdirSync(join(file, '..'), { recursive: true });
    fd = openSync(temp, 'w');
  });
  return {
    write: (part) => attempt(() => writeSync(fd!, part)),
    commit: () => {
      close();
      attempt(() => renameSync(temp, file));
      if (failed) discard();
      return !failed;
    },
    discard,
  };
}
