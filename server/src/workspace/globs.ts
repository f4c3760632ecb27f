// Globs from a workspace (its `.termbridge.json`, its editor settings) arrive with a clone or a pull
// and must not read files outside the workspace folder. Only the user's own choices may: command-line
// globs, and editor settings made in the user's (not the workspace's) settings.

import { realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { UsageError } from './errors';

/** Absolute patterns, `~`, and `..` segments reach outside the folder the pattern is relative to. */
export function reachesOutside(pattern: string): boolean {
  const p = pattern.replace(/\\/g, '/').replace(/^!/, '');
  return isAbsolute(p) || /^[A-Za-z]:/.test(p) || p.startsWith('~') || p.split('/').includes('..');
}

export function checkWorkspaceGlobs(patterns: string[], where: string): void {
  const bad = patterns.find(reachesOutside);
  if (bad) throw new UsageError(`${where}: the glob '${bad}' reaches outside the workspace folder`);
}

/** Keeps the files whose real location (symbolic links resolved) is inside `root`. */
export function insideRoot(root: string, files: string[]): string[] {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return [];
  }
  return files.filter((file) => {
    try {
      return isInside(realRoot, realpathSync(file));
    } catch {
      return false;
    }
  });
}

/** `file` is below `folder` (both absolute; the folder itself is not below itself). */
export function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
