// Writing a fixed file without ever leaving it half-written: a temporary file beside it, the same
// mode, then a rename. A file that changed since it was read is left alone.

import { chmodSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Returns false (and writes nothing) when the file no longer holds `expected`, byte for byte: text
 * decoded with replacement characters could look unchanged when the bytes are not.
 */
export function writeFileAtomic(file: string, expected: string, next: string): boolean {
  // Through a symbolic link, the file it points to is rewritten: a rename onto the link's own path
  // would replace the link with a regular file (and leave its target unfixed).
  const target = realpathSync(file);
  if (!readFileSync(target).equals(Buffer.from(expected, 'utf8'))) return false;
  const mode = statSync(target).mode & 0o7777;
  // Beside the target, so that the rename stays on one file system and is atomic.
  const temp = join(dirname(target), `.${basename(target)}.termbridge-${process.pid}.tmp`);
  try {
    writeFileSync(temp, next, { encoding: 'utf8', mode });
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing left behind to clean
    }
    throw e;
  }
  return true;
}
