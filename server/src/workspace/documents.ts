// Which documents to lint: explicit files as given, folders and globs expanded with the config's
// include/exclude, skipping node_modules, .git and what the root .gitignore ignores.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import ignore from 'ignore';
import { glob } from 'tinyglobby';
import type { Config } from './config';
import { UsageError } from './errors';
import { toPosix } from './paths';

const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

export async function findDocuments(cwd: string, root: string, args: string[], config: Config): Promise<string[]> {
  const ignored = gitignore(root);
  const isIgnored = (abs: string): boolean => {
    const rel = toPosix(relative(root, abs));
    return !rel.startsWith('..') && rel !== '' && ignored.ignores(rel);
  };
  const found = new Set<string>();
  const expand = async (base: string, patterns: string[]): Promise<void> => {
    const files = await glob(patterns, {
      cwd: base,
      absolute: true,
      ignore: [...ALWAYS_SKIPPED, ...config.exclude],
      followSymbolicLinks: false,
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
  return [...found].sort();
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
