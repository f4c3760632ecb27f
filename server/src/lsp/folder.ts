// One workspace folder: its configuration, its glossary index and the files it consists of. Each
// folder of a multi-root workspace has its own; a folder without a glossary is served by the bundled
// starter glossary. A reload that fails keeps the last good index serving.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from 'vscode-languageserver';
import { buildGlossary, type Glossary, LineIndex, type Term } from '../engine';
import { type Config, defaultConfig, loadConfig } from '../workspace/config';
import { findDocuments } from '../workspace/documents';
import { bundledGlossaryDir, globGlossary, glossaryPath } from '../workspace/glossary-files';
import { editorCacheFile, loadSectionCache, saveSectionCache } from '../workspace/glossary-cache';

const CACHE_FROM_BYTES = 256 * 1024;
import { checkWorkspaceGlobs } from '../workspace/globs';
import { effectiveConfig, type EditorSettings } from './settings';

export interface FolderStatus {
  uri: string;
  terms: number;
  glossaryErrors: number;
  bundled: boolean;
  glossaryFiles: string[];
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
  settings: EditorSettings = {};
  /** Glossary texts by engine path, as indexed; line indexes made from them on demand. */
  private texts = new Map<string, string>();
  private readonly lineIndexes = new Map<string, LineIndex>();

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
  async reload(openText: (path: string) => string | undefined): Promise<void> {
    let fileConfig: Config;
    try {
      fileConfig = loadConfig(this.root).config;
      this.configError = undefined;
    } catch (e) {
      this.configError = (e as Error).message;
      if (this.config) return; // keep the last good configuration
      fileConfig = defaultConfig();
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
    let files = await globGlossary(this.root, config.glossary, confine);
    let bundled = false;
    if (files.length === 0) {
      files = await globGlossary(bundledGlossaryDir(), ['**/*.md']);
      bundled = true;
    }
    const sources = [];
    for (const file of files) {
      const text = openText(file) ?? safeRead(file);
      if (text !== undefined) sources.push({ path: glossaryPath(this.root, file), text });
    }
    // A big glossary takes seconds for remark to parse: keep its parsed sections between sessions.
    // Small ones parse in milliseconds and leave no files behind.
    const size = sources.reduce((n, s) => n + s.text.length, 0);
    const cache = this.cacheDir && size > CACHE_FROM_BYTES ? editorCacheFile(this.cacheDir, this.root, files) : undefined;
    if (cache && this.generation === 0) loadSectionCache(cache);
    this.glossary = buildGlossary(sources);
    this.texts = new Map(sources.map((src) => [src.path, src.text]));
    this.lineIndexes.clear();
    if (cache) saveSectionCache(cache, sources.map((s) => s.text));
    this.config = config;
    this.glossaryFiles = files.map((f) => resolve(f));
    this.bundled = bundled;
    this.generation++;
  }

  isGlossaryFile(path: string): boolean {
    return !this.bundled && this.glossaryFiles.includes(resolve(path));
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
    return { terms: this.glossary.terms.length, glossaryErrors: errors, bundled: this.bundled };
  }

  /**
   * Where a term's heading is, from the glossary text the index was built from (the editor's text
   * when the file is open): no file is read per hover, definition or symbol.
   */
  headingRange(term: Term): Range {
    let lines = this.lineIndexes.get(term.file);
    if (!lines) {
      lines = new LineIndex(this.texts.get(term.file) ?? '');
      this.lineIndexes.set(term.file, lines);
    }
    return { start: lines.positionAt(term.start), end: lines.positionAt(term.end) };
  }
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
