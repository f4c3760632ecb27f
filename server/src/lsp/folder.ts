// One workspace folder: its configuration, its glossary index and the files it consists of. Each
// folder of a multi-root workspace has its own; a folder without a glossary is served by the bundled
// starter glossary. A reload that fails keeps the last good index serving, and says why.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from 'vscode-languageserver';
import { buildGlossary, type Glossary, type GlossarySource, LineIndex, type Term } from '../engine';
import { type Config, defaultConfig, loadConfig } from '../workspace/config';
import { type DecodedText, decodeText, findDocuments } from '../workspace/documents';
import { bundledGlossaryDir, globGlossary, glossaryPath } from '../workspace/glossary-files';
import { buildAndStore, cacheFile, editorCacheFile, loadStoredSections, storedGlossary } from '../workspace/glossary-cache';

import { checkWorkspaceGlobs, isInside } from '../workspace/globs';
import { blame, messageOf } from './glossary-build';
import { buildOffThread, canBuildOffThread, WorkerFailure } from './index-worker';
import { effectiveConfig, type EditorSettings } from './settings';
import { testFaultOnBuild, testFaultOnList, testFaultOnRead } from './test-faults';

/** Glossaries larger than this keep their index and parsed sections on disk between sessions. */
const CACHE_FROM_BYTES = 256 * 1024;

export interface FolderStatus {
  uri: string;
  terms: number;
  glossaryErrors: number;
  bundled: boolean;
  glossaryFiles: string[];
}

export interface IndexFailure {
  message: string;
  /** Absolute paths of the glossary files blamed; empty when none can be (the failure came first). */
  files: string[];
}

export interface UnreadableFile {
  /** Absolute path. */
  file: string;
  reason: string;
  /** Its text as last read still serves (it was readable before). */
  kept: boolean;
}

export interface UnlistedFolder {
  /** Absolute path. */
  folder: string;
  /** The error code (`EACCES`). */
  reason: string;
  /** Glossary files indexed from it before, still in use (their names are known; they are read as before). */
  kept: number;
}

export class Folder {
  config!: Config;
  glossary!: Glossary;
  /** Absolute paths of the glossary files in use. */
  glossaryFiles: string[] = [];
  bundled = false;
  /** Bumped on every rebuild, so cached analyses know they are stale. */
  generation = 0;
  configError?: string;
  /** Why the last reload kept the previous index; none: it succeeded. */
  indexError?: IndexFailure;
  /** Glossary files the last reload could not read. */
  unreadable: UnreadableFile[] = [];
  /** Folders under the glossary globs that the last reload could not list. */
  unlisted: UnlistedFolder[] = [];
  /** Glossary files (absolute paths) that are not UTF-8: read with replacement characters. */
  notUtf8: string[] = [];
  settings: EditorSettings = {};
  /** The last `.termbridge.json` that loaded: it serves while the file is broken. */
  private fileConfig?: Config;
  /** Glossary texts by engine path, as indexed; line indexes made from them on demand. */
  private texts = new Map<string, string>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  /** The reload running or last run, and the one waiting to start after it (shared by all who ask). */
  private running: Promise<void> = Promise.resolve();
  private waiting?: Promise<void>;

  constructor(
    readonly uri: string,
    readonly root: string,
    /** Where parsed glossary sections are kept between sessions; none: not kept. */
    private readonly cacheDir?: string,
  ) {}

  /**
   * Re-reads configuration and glossary. `openText(path)` returns the editor's unsaved text of a file
   * when it is open, so edits to an open glossary count before they are saved.
   */
  reload(openText: (path: string) => string | undefined): Promise<void> {
    // One rebuild at a time, as a build may wait for a worker: an older glossary must never replace
    // a newer one. Reloads asked for while one runs are one reload, started when it ends.
    if (this.waiting) return this.waiting;
    const next = this.running.then(() => {
      this.waiting = undefined;
      return this.reloadNow(openText);
    });
    this.waiting = next;
    this.running = next.catch(() => undefined); // a failed reload must not stop the ones after it
    return next;
  }

  private async reloadNow(openText: (path: string) => string | undefined): Promise<void> {
    const attempt: { sources?: GlossarySource[] } = {};
    try {
      await this.rebuild(openText, attempt);
      this.indexError = undefined;
    } catch (e) {
      // Index, configuration and file list stay as they were. With nothing to keep (the first load
      // failed), an empty index serves, so that every feature still has one to ask.
      const files = attempt.sources ? blame(attempt.sources).map((s) => this.absolute(s.path)) : [];
      this.indexError = { message: messageOf(e), files };
      this.glossary ??= buildGlossary([]);
      this.config ??= effectiveConfig(this.fileConfig ?? defaultConfig(), this.settings);
    }
  }

  /** Whether a `.termbridge.json` ever loaded (else the defaults serve while it is broken). */
  get hasGoodConfig(): boolean {
    return this.fileConfig !== undefined;
  }

  /** `attempt.sources`: what the index is being built from, once read (a failed build is blamed on them). */
  private async rebuild(openText: (path: string) => string | undefined, attempt: { sources?: GlossarySource[] }): Promise<void> {
    let fileConfig: Config;
    try {
      fileConfig = loadConfig(this.root).config;
      this.fileConfig = fileConfig;
      this.configError = undefined;
    } catch (e) {
      this.configError = (e as Error).message;
      // Glossary edits still count while the file is broken: they are indexed with the last good one.
      fileConfig = this.fileConfig ?? defaultConfig();
    }
    const fromSettings = !!this.settings.glossary?.length;
    if (fromSettings && !this.settings.glossaryFromUser) {
      try {
        checkWorkspaceGlobs(this.settings.glossary!, 'the workspace setting termbridge.glossary');
      } catch (e) {
        this.configError = (e as Error).message;
        this.settings = { ...this.settings, glossary: undefined };
      }
    }
    const config = effectiveConfig(fileConfig, this.settings);
    const confine = !(fromSettings && this.settings.glossaryFromUser);
    const unlisted = new Map<string, string>();
    let files = await globGlossary(this.root, config.glossary, confine, unlisted);
    testFaultOnList(files, unlisted);
    // A folder that cannot be listed hides its files, not their terms: those indexed from it before
    // are still glossary files (and still read by name), as an unreadable file keeps its last text.
    const listed = new Set(files.map((f) => resolve(f)));
    this.unlisted = [...unlisted].map(([folder, reason]) => {
      const kept = this.glossaryFiles.filter((f) => !listed.has(f) && isInside(folder, f));
      files.push(...kept);
      return { folder, reason, kept: kept.length };
    });
    files.sort();
    let bundled = false;
    // The starter glossary only stands in for a glossary there is none of, not for one that is hidden.
    if (files.length === 0 && unlisted.size === 0) {
      files = await globGlossary(bundledGlossaryDir(), ['**/*.md']);
      bundled = true;
    }
    const sources: GlossarySource[] = [];
    const unreadable: UnreadableFile[] = [];
    const notUtf8: string[] = [];
    for (const file of files) {
      const path = glossaryPath(this.root, file);
      let text = openText(file);
      if (text === undefined) {
        try {
          const read = readGlossaryFile(file);
          text = read.text;
          if (!read.encoding) notUtf8.push(resolve(file));
        } catch (e) {
          // Gone since the glob saw it: the same as deleted. Otherwise its text as last read serves
          // until it can be read again.
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
          text = this.texts.get(path);
          unreadable.push({ file: resolve(file), reason: messageOf(e), kept: text !== undefined });
        }
      }
      if (text !== undefined) sources.push({ path, text });
    }
    this.unreadable = unreadable;
    this.notUtf8 = notUtf8;
    // The bundled glossary is not the user's to fix: a failure with it is shown on the config file.
    if (!bundled) attempt.sources = sources;
    // A big glossary takes seconds for remark to parse: keep its index and parsed sections between sessions.
    // Small ones parse in milliseconds and leave no files behind.
    const size = sources.reduce((n, s) => n + s.text.length, 0);
    const cache = this.cacheDir && size > CACHE_FROM_BYTES ? editorCacheFile(this.cacheDir, this.root, files) : undefined;
    // What the CLI keeps in the workspace (`node_modules/.cache/termbridge/`) for the same files is
    // read too, never written: after a lint run, the editor's first session needs no parse.
    const shared = cache ? cacheFile(this.root, files) : undefined;
    this.glossary = cache ? await buildBig(sources, cache, this.generation === 0, shared) : buildHere(sources);
    this.texts = new Map(sources.map((src) => [src.path, src.text]));
    this.lineIndexes.clear();
    this.config = config;
    this.glossaryFiles = files.map((f) => resolve(f));
    this.bundled = bundled;
    this.generation++;
  }

  isGlossaryFile(path: string): boolean {
    const file = resolve(path);
    // A file blamed for a failed build counts too, so that editing it rebuilds (and recovers).
    return (!this.bundled && this.glossaryFiles.includes(file)) || !!this.indexError?.files.includes(file);
  }

  /** The engine's name for a path in this folder: relative to the root, forward slashes. */
  relative(path: string): string {
    return glossaryPath(this.root, path);
  }

  absolute(relativePath: string): string {
    return resolve(this.root, relativePath);
  }

  /** Documents of the folder that the CLI would lint (for references and rename). */
  async documents(): Promise<string[]> {
    try {
      return await findDocuments(this.root, this.root, [], this.config);
    } catch {
      return [];
    }
  }

  status(): Omit<FolderStatus, 'uri' | 'glossaryFiles'> {
    let errors = 0;
    for (const list of this.glossary.findings.values()) errors += list.filter((f) => f.severity === 'error').length;
    // Errors of the glossary that no finding tells: each is a diagnostic on the file it concerns.
    errors += this.unreadable.length + this.unlisted.length + (this.indexError ? Math.max(1, this.indexError.files.length) : 0);
    return { terms: this.glossary.terms.length, glossaryErrors: errors, bundled: this.bundled };
  }

  /**
   * Where a term's heading is, from the glossary text the index was built from (the editor's text
   * when the file is open): no file is read per hover, definition or symbol.
   */
  headingRange(term: Term): Range {
    const lines = this.lines(term.file);
    return { start: lines.positionAt(term.start), end: lines.positionAt(term.end) };
  }

  /** Positions in a glossary file's text as indexed: what its terms' and findings' offsets are into. */
  lines(relativePath: string): LineIndex {
    let lines = this.lineIndexes.get(relativePath);
    if (!lines) {
      lines = new LineIndex(this.texts.get(relativePath) ?? '');
      this.lineIndexes.set(relativePath, lines);
    }
    return lines;
  }
}

/**
 * A big glossary's index: the stored one when the glossary is unchanged, else built on a worker
 * thread (in this one when no worker can run). `saveIndex`: store the index built (the first build
 * only: not a 10 MB file on every glossary edit). `shared`: the CLI's cache file for the same
 * glossary files, whose index and sections serve as this server's own do.
 */
async function buildBig(sources: GlossarySource[], cache: string, saveIndex: boolean, shared?: string): Promise<Glossary> {
  const stored = storedGlossary(sources, cache, ...(shared ? [shared] : []));
  if (stored) return stored;
  if (canBuildOffThread(__filename)) {
    try {
      return await buildOffThread({ sources, cacheFile: cache, saveIndex, sharedCacheFile: shared }, __filename);
    } catch (e) {
      if (!(e instanceof WorkerFailure)) throw e;
      // Out of memory under the worker's limits, or no worker at all: as before workers.
    }
  }
  testFaultOnBuild(sources.map((s) => s.text));
  if (shared) loadStoredSections(shared);
  return buildAndStore(sources, cache, saveIndex).glossary;
}

function buildHere(sources: GlossarySource[]): Glossary {
  testFaultOnBuild(sources.map((s) => s.text));
  return buildGlossary(sources);
}

/** As the CLI reads it: UTF-8, or UTF-16 with a byte-order mark; other bytes with replacement characters. */
function readGlossaryFile(file: string): DecodedText {
  const read = decodeText(readFileSync(file));
  testFaultOnRead(read.text);
  return read;
}
