// Which documents to lint: explicit files as given, folders and globs expanded with the config's
// include/exclude, skipping node_modules, .git and what the root .gitignore ignores. And how any
// Markdown file (document or glossary) is decoded.

import { isUtf8 } from 'node:buffer';
import { type Dirent, existsSync, readdir, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import ignore from 'ignore';
import { glob } from 'tinyglobby';
import type { Config } from './config';
import { UsageError } from './errors';
import { toPosix } from './paths';

const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

/**
 * `unlisted`: where folders that could not be listed go (path -> error code), so that the caller can
 * name them instead of their documents silently dropping out of the run.
 */
export async function findDocuments(
  cwd: string,
  root: string,
  args: string[],
  config: Config,
  unlisted = new Map<string, string>(),
): Promise<string[]> {
  const ignored = gitignore(root);
  const isIgnored = (abs: string, folder = false): boolean => {
    const rel = toPosix(relative(root, abs));
    // A folder's path ends with '/', or a pattern like `build/` would not match it.
    return !rel.startsWith('..') && rel !== '' && ignored.ignores(folder ? `${rel}/` : rel);
  };
  const found = new Set<string>();
  const failed = new Map<string, string>();
  const expand = async (base: string, patterns: string[]): Promise<void> => {
    const files = await glob(patterns, {
      cwd: base,
      absolute: true,
      ignore: [...ALWAYS_SKIPPED, ...config.exclude],
      followSymbolicLinks: false,
      fs: { readdir: noteFailures(failed) },
    });
    for (const f of files) if (!isIgnored(f)) found.add(resolve(f));
  };

  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    let stat;
    try {
      stat = existsSync(abs) ? statSync(abs) : undefined;
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) found.add(abs);
    else if (stat?.isDirectory()) await expand(abs, config.include);
    else if (/[*?[\]{}]/.test(arg)) await expand(cwd, [isAbsolute(arg) ? toPosix(relative(cwd, arg)) : arg]);
    else throw new UsageError(`no such file or folder: ${arg}`);
  }
  // Ignored folders are crawled too, but their documents would not count: no need to report those.
  for (const [dir, code] of failed) if (!isIgnored(dir, true)) unlisted.set(dir, code);
  return [...found].sort();
}

/**
 * fdir (under tinyglobby) skips a folder it cannot list without a word: it suppresses the error and
 * tinyglobby offers no way to see it. Listing through this notes each such folder and its error code.
 */
export function noteFailures(unlisted: Map<string, string>): typeof readdir {
  const list = (path: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void): void =>
    readdir(path, options, (error, entries) => {
      // A folder that is not there (a glob's base that does not exist, or one deleted meanwhile) hides nothing.
      if (error && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') unlisted.set(resolve(path), error.code ?? error.message);
      callback(error, entries);
    });
  return list as unknown as typeof readdir;
}

export interface DecodedText {
  text: string;
  /** Undefined when the bytes are not valid UTF-8 (nor UTF-16 with a byte-order mark). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined;
}

/**
 * UTF-8, or UTF-16 when a byte-order mark says so (Windows tools still save "Unicode" that way, and
 * the mark makes it unambiguous). Any other bytes could be Latin-1, Windows-1252 or anything else:
 * rather than guess, they are read as UTF-8 with replacement characters and flagged for the caller.
 * UTF-8's byte-order mark stays in the text (--fix writes it back); UTF-16's is dropped, as such a
 * file is never written and positions do not count a mark anyway.
 */
export function decodeText(bytes: Buffer): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  return { text: bytes.toString('utf8'), encoding: isUtf8(bytes) ? 'utf-8' : undefined };
}

function gitignore(root: string): ReturnType<typeof ignore> {
  const ig = ignore();
  const file = join(root, '.gitignore');
  if (existsSync(file)) {
    try {
      ig.add(readFileSync(file, 'utf8'));
    } catch {
      // An unreadable .gitignore only means nothing extra is skipped.
    }
  }
  return ig;
}
