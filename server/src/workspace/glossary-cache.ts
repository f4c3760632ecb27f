// A cache of parsed glossary sections between CLI runs. remark parses a 10,000-term glossary in
// seconds; a CI job that lints on every push should not pay that each time. Entries are keyed by the
// exact section text and the Termbridge version, so a stale entry cannot be used.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cachedSections, type ParsedSection, primeSections, takeParseCount } from '../engine';
import { VERSION } from '../cli/version';

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

export function loadSectionCache(file: string): void {
  takeParseCount();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (data.version === VERSION && Array.isArray(data.entries)) primeSections(data.entries);
  } catch {
    // No cache, or an unreadable one: parse from scratch.
  }
}

/**
 * Stores the sections of `texts` when any had to be parsed since the cache was loaded (otherwise the
 * file on disk is already complete); written atomically so a concurrent run never reads half a file.
 */
export function saveSectionCache(file: string, texts: string[]): void {
  if (takeParseCount() === 0 && existsSync(file)) return;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const data: CacheFile = { version: VERSION, entries: cachedSections(texts) };
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}
