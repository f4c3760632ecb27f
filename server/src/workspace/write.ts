// Writing a fixed file without ever leaving it half-written: a temporary file beside it, the same
// mode, then a rename. A file that changed since it was read is left alone.

import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Returns false (and writes nothing) when the file no longer holds `expected`. */
export function writeFileAtomic(file: string, expected: string, next: string): boolean {
  if (readFileSync(file, 'utf8') !== expected) return false;
  const mode = statSync(file).mode & 0o7777;
  const temp = join(dirname(file), `.${basename(file)}.termbridge-${process.pid}.tmp`);
  try {
    writeFileSync(temp, next, { encoding: 'utf8', mode });
    chmodSync(temp, mode);
    renameSync(temp, file);
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
