// Finding and reading the glossary files of a workspace, with the bundled starter glossary as the
// fallback when a workspace has none.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { buildGlossary, type Glossary, type GlossarySource } from '../engine';
import { decodeText, noteFailures } from './documents';
import { UsageError } from './errors';
import { buildAndStore, cacheFile, loadStoredSections, storedGlossary } from './glossary-cache';
import { insideRoot } from './globs';
import { toPosix } from './paths';

export interface LoadedGlossary {
  glossary: Glossary;
  /** Absolute paths of the files read, in the order given to the engine. */
  files: string[];
  /** True when the workspace had no glossary and the bundled one serves. */
  bundled: boolean;
}

/** Where the starter glossary ships: `glossary/` beside the package root (source tree or bundle). */
export function bundledGlossaryDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'glossary');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate) && statSync(candidate).isDirectory()) {
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new UsageError('the bundled starter glossary is missing from this installation');
    dir = parent;
  }
}

/** `confine`: the globs are the workspace's, so files whose real location is outside `root` are dropped. */
/** `unlisted`: collects the folders that could not be listed (their files would be missing). */
export async function globGlossary(root: string, patterns: string[], confine = false, unlisted?: Map<string, string>): Promise<string[]> {
  const files = await glob(patterns, {
    cwd: root,
    absolute: true,
    ignore: ['**/node_modules/**', '**/.git/**'],
    ...(unlisted ? { fs: { readdir: noteFailures(unlisted) } } : {}),
  });
  const markdown = files.filter((f) => /\.(md|markdown)$/i.test(f)).sort();
  return confine ? insideRoot(root, markdown) : markdown;
}

/**
 * Reads the glossary for a workspace. `explicit`: the user named the globs, so matching nothing is
 * an error rather than a reason to fall back to the starter glossary.
 */
export async function loadGlossary(
  root: string,
  patterns: string[],
  explicit: boolean,
  options: {
    /** Where the globs are relative to (the command line's cwd); default the root. */
    base?: string;
    /** Keep the index and parsed sections between runs (the CLI; the server keeps its own). */
    cache?: boolean;
    /** The globs are the workspace's own (not typed by the user): stay inside the root. */
    confine?: boolean;
    /** Where a line about a file that is not UTF-8 goes; default stderr. */
    warn?: (line: string) => void;
    /**
     * Parses the sections a build would parse (`sectionsToParse`) ahead of it, e.g. on worker
     * threads, keeping them with `addParsedSections`; not called when the stored index is used.
     */
    parseAhead?: (texts: string[]) => Promise<void>;
  } = {},
): Promise<LoadedGlossary> {
  const base = options.base ?? root;
  const unlisted = new Map<string, string>();
  let files = await globGlossary(base, patterns, options.confine, unlisted);
  // Terms missing without a word would turn into false findings: a glossary folder that cannot be
  // listed is a glossary problem (exit 2), as an unreadable glossary file is.
  const [unlistedDir] = unlisted.keys();
  if (unlistedDir) throw new UsageError(`cannot list glossary folder ${toPosix(relative(base, unlistedDir)) || '.'}`);
  let bundled = false;
  if (files.length === 0) {
    if (explicit) throw new UsageError(`no glossary files match ${patterns.map((p) => `'${p}'`).join(', ')} in ${base}`);
    files = await globGlossary(bundledGlossaryDir(), ['**/*.md']);
    bundled = true;
  }
  const sources: GlossarySource[] = files.map((file) => ({ path: glossaryPath(root, file), text: readText(file, options.warn) }));
  const cache = options.cache ? cacheFile(root, files) : undefined;
  let glossary = cache ? storedGlossary(sources, cache) : undefined;
  if (!glossary) {
    if (cache) loadStoredSections(cache);
    await options.parseAhead?.(sources.map((s) => s.text));
    glossary = cache ? buildAndStore(sources, cache, true).glossary : buildGlossary(sources);
  }
  return { glossary, files, bundled };
}

/** The name the engine knows a glossary file by: relative to the workspace root, forward slashes. */
export function glossaryPath(root: string, file: string): string {
  return toPosix(relative(root, resolve(file)));
}

function readText(file: string, warn = (line: string): void => void process.stderr.write(line)): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read glossary file ${file}: ${(e as Error).message}`);
  }
  const { text, encoding } = decodeText(bytes);
  // Terms with replacement characters in them would otherwise go unnoticed until nobody's word matches.
  if (!encoding) warn(`termbridge: glossary file ${file} is not UTF-8; read with replacement characters (save it as UTF-8)\n`);
  return text;
}
