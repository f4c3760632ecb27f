// writeFileAtomic, which `lint --fix` writes through: a temporary file and a rename, the file's mode
// kept, nothing left behind, and a file that changed since it was read left alone.

import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../server/src/workspace/write';

// Failures no file system gives on demand (a full disk, a rename refused), injected into the
// source's node:fs; every call no test hooks goes to the real one.
const faults = vi.hoisted(() => ({
  /** Replaces writeFileSync for a call (it may write part of the data, then throw). */
  writeFile: undefined as ((path: string, data: string, write: (path: string, data: string) => void) => void) | undefined,
  rename: undefined as ((from: string, to: string) => NodeJS.ErrnoException | undefined) | undefined,
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync = (path: string, data: string, options?: never): void => {
    if (faults.writeFile) faults.writeFile(path, data, (p, d) => fs.writeFileSync(p, d, options));
    else fs.writeFileSync(path, data, options);
  };
  const renameSync = (from: string, to: string): void => {
    const error = faults.rename?.(from, to);
    if (error) throw error;
    fs.renameSync(from, to);
  };
  return { ...fs, writeFileSync, renameSync };
});
afterEach(() => {
  faults.writeFile = undefined;
  faults.rename = undefined;
});

const OLD = '\ufeff# Doc\r\n\r\nOur cost per customer.\r\n';
const NEW = '\ufeff# Doc\r\n\r\nOur Customer Acquisition Cost.\r\n';

function folderWith(name: string, text: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'termbridge-write-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

describe('writeFileAtomic', () => {
  it('writes through a temporary file and a rename, leaving nothing behind', () => {
    const { dir, file } = folderWith('a.md', OLD);
    const before = statSync(file).ino;
    const renamed: string[] = [];
    faults.rename = (from, to) => void renamed.push(`${from} -> ${to}`);
    expect(writeFileAtomic(file, OLD, NEW)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(NEW);
    expect(renamed).toEqual([`${join(dir, `.a.md.termbridge-${process.pid}.tmp`)} -> ${file}`]);
    // A new file took the old one's name: readers saw the old bytes or the new ones, never a mix.
    expect(statSync(file).ino).not.toBe(before);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  // 0o666: a umask (commonly 022) would take the group's and others' write bits from a new file.
  it.each([0o640, 0o755, 0o666].map((mode) => [mode.toString(8), mode] as const))('keeps the file mode %s', (_, mode) => {
    const { file } = folderWith('a.md', OLD);
    chmodSync(file, mode);
    expect(writeFileAtomic(file, OLD, NEW)).toBe(true);
    expect(statSync(file).mode & 0o7777).toBe(mode);
  });

  it('refuses a file that no longer holds what was read, and leaves the newer content', () => {
    const { dir, file } = folderWith('a.md', OLD);
    const newer = OLD + 'A line someone added meanwhile.\r\n';
    writeFileSync(file, newer);
    expect(writeFileAtomic(file, OLD, NEW)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(newer);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('compares bytes: different bytes that decode to the same text count as a change', () => {
    // 0xE9 (Latin-1 'é') and 0xFF both decode to U+FFFD as UTF-8.
    const { file } = folderWith('a.md', Buffer.from([0x43, 0x61, 0x66, 0xff, 0x0a]));
    const read = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]).toString('utf8');
    expect(readFileSync(file, 'utf8')).toBe(read);
    expect(writeFileAtomic(file, read, 'Cafe\n')).toBe(false);
    expect(readFileSync(file)).toEqual(Buffer.from([0x43, 0x61, 0x66, 0xff, 0x0a]));
  });

  it('removes its temporary file when writing it fails (a full disk), and the file stays as it was', () => {
    const { dir, file } = folderWith('a.md', OLD);
    faults.writeFile = (path, data, write) => {
      write(path, data.slice(0, 5));
      throw fsError('ENOSPC');
    };
    expect(() => writeFileAtomic(file, OLD, NEW)).toThrow(/ENOSPC/);
    faults.writeFile = undefined;
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('removes its temporary file when the rename fails, and the file stays as it was', () => {
    const { dir, file } = folderWith('a.md', OLD);
    faults.rename = () => fsError('EXDEV');
    expect(() => writeFileAtomic(file, OLD, NEW)).toThrow(/EXDEV/);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('through a symbolic link, rewrites the file it points to; the link stays a link', () => {
    const { dir, file: target } = folderWith('target.md', OLD);
    chmodSync(target, 0o640);
    const linkDir = mkdtempSync(join(tmpdir(), 'termbridge-link-'));
    const link = join(linkDir, 'link.md');
    symlinkSync(target, link);
    expect(writeFileAtomic(link, OLD, NEW)).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    expect(statSync(target).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['target.md']);
    expect(readdirSync(linkDir)).toEqual(['link.md']);
  });
});
