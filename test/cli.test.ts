// `termbridge lint` and `termbridge explain`: formats, exit codes, configuration and --fix, as a CI
// job sees them.

import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, workspace } from './helpers/cli';
import { defaultThreads, lintFile, type ParallelInput, runLintWorker } from '../server/src/cli/lint-files';
import { indexHandoff } from '../server/src/workspace/glossary-cache';
import { defaultConfig } from '../server/src/workspace/config';
import { ROOT, testGlossary } from './helpers/fixtures';

// Root may read any file or folder, so permissions cannot make the faults these tests need: the
// sources get a node:fs whose listing and reading a test can make fail (or race with an edit).
// Everything else, and every call no test hooks, goes to the real node:fs.
const faults = vi.hoisted(() => ({
  /** An error for listing this folder, or undefined to list it. */
  readdir: undefined as ((path: string) => NodeJS.ErrnoException | undefined) | undefined,
  /** Called before each readFileSync: may throw, or change the file. */
  readFile: undefined as ((path: string) => void) | undefined,
  /** An error for renaming onto this path, or undefined to rename. */
  rename: undefined as ((to: string) => NodeJS.ErrnoException | undefined) | undefined,
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdir = (path: string, options: object, callback: (error: Error | null, entries: unknown[]) => void): void => {
    const error = faults.readdir?.(path);
    if (error) process.nextTick(callback, error, []);
    else fs.readdir(path, options, callback as never);
  };
  const readdirSync = (path: string, options?: never): unknown => {
    const error = faults.readdir?.(String(path));
    if (error) throw error;
    return fs.readdirSync(path, options);
  };
  const readFileSync = (path: string, options?: never): unknown => {
    faults.readFile?.(String(path));
    return fs.readFileSync(path, options);
  };
  const renameSync = (from: string, to: string): void => {
    const error = faults.rename?.(to);
    if (error) throw error;
    fs.renameSync(from, to);
  };
  return { ...fs, readdir, readdirSync, readFileSync, renameSync };
});
afterEach(() => {
  faults.readdir = undefined;
  faults.readFile = undefined;
  faults.rename = undefined;
});

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** Root ignores file modes (and Windows ignores chmod): there, the permission tests cannot deny anything. */
const CAN_DENY_ACCESS = process.platform !== 'win32' && process.getuid?.() !== 0;

const BRIEF = '# Brief\n\nOur cost per customer and the ROAS.\n';
const CLEAN = '# Clean\n\nThe Customer Acquisition Cost is tracked.\n';

describe('lint --format json', () => {
  it('lists every linted file with 0-based UTF-16 ranges, paths relative to the cwd', async () => {
    const root = workspace({ 'docs/brief.md': BRIEF, 'docs/clean.md': CLEAN, 'docs/emoji.md': '\ufeff🚀 cost per customer\n' });
    const { code, stdout } = await cli(root, ['lint', 'docs', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      files: [
        {
          path: 'docs/brief.md',
          diagnostics: [
            {
              code: 'avoid-term',
              severity: 'warning',
              message: "Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.",
              range: { start: { line: 2, character: 4 }, end: { line: 2, character: 21 } },
            },
            {
              code: 'undefined-acronym',
              severity: 'warning',
              message: "'ROAS' is not in the glossary and is not spelled out in this document.",
              range: { start: { line: 2, character: 30 }, end: { line: 2, character: 34 } },
            },
          ],
        },
        { path: 'docs/clean.md', diagnostics: [] },
        {
          path: 'docs/emoji.md',
          diagnostics: [
            {
              code: 'avoid-term',
              severity: 'warning',
              message: "Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.",
              // The rocket is two UTF-16 units; the byte-order mark is not counted.
              range: { start: { line: 0, character: 3 }, end: { line: 0, character: 20 } },
            },
          ],
        },
      ],
    });
    // One line, as programs read it (an indented report of a big corpus is twice the size).
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.trimEnd()).not.toContain('\n');
  });

  it('paths are relative to where the command runs', async () => {
    const root = workspace({ 'docs/a.md': CLEAN });
    const { stdout } = await cli(join(root, 'docs'), ['lint', '--format', 'json']);
    expect(JSON.parse(stdout).files.map((f: { path: string }) => f.path)).toEqual(['a.md']);
  });
});

describe('exit codes', () => {
  it('0 when there are only warnings, 1 when there are errors', async () => {
    const root = workspace({ 'a.md': BRIEF, 'b.md': 'See [[No Such Term]].\n' });
    expect((await cli(root, ['lint', 'a.md'])).code).toBe(0);
    expect((await cli(root, ['lint', 'b.md'])).code).toBe(1);
  });

  it('1 when warnings exceed --max-warnings', async () => {
    const root = workspace({ 'a.md': BRIEF });
    expect((await cli(root, ['lint', 'a.md', '--max-warnings', '1'])).code).toBe(1);
    expect((await cli(root, ['lint', 'a.md', '--max-warnings', '2'])).code).toBe(0);
  });

  it.each([
    [['lint', '--bogus'], /Unknown option '--bogus'/],
    [['lint', '--format', 'xml'], /unknown format 'xml'/],
    [['lint', '--max-warnings', 'many'], /--max-warnings needs a whole number/],
    [['lint', '--jobs', '0'], /--jobs needs a whole number of at least 1/],
    [['lint', 'missing.md'], /no such file or folder: missing.md/],
    [['lint', '--glossary', 'nothing/*.md'], /no glossary files match 'nothing\/\*\.md'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('2 with one clear line for %j', async (args, message) => {
    const root = workspace({ 'a.md': CLEAN });
    const { code, stderr } = await cli(root, args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('2 for a malformed .termbridge.json, naming the file and the JSON error', async () => {
    const root = workspace({ 'a.md': CLEAN, '.termbridge.json': '{ "ignore": [ }' });
    const { code, stderr } = await cli(root, ['lint']);
    expect(code).toBe(2);
    expect(stderr).toContain(join(root, '.termbridge.json'));
    expect(stderr).toMatch(/invalid JSON.*(Unexpected|Expected)/);
  });

  it('2 for a config glob that reaches outside the workspace', async () => {
    const root = workspace({ 'a.md': CLEAN, '.termbridge.json': '{"glossary": ["../shared/glossary/*.md"]}' });
    const { code, stderr } = await cli(root, ['lint']);
    expect(code).toBe(2);
    expect(stderr).toContain("the glob '../shared/glossary/*.md' reaches outside the workspace folder");
  });

  it('drops a glossary file that is a symbolic link to outside the workspace', async () => {
    const outside = workspace({ 'evil.md': '## Evil\n\nAvoid: tracked\n\nBusiness: b\n\nIT: i\n' }, false);
    const root = workspace({ 'a.md': CLEAN });
    symlinkSync(join(outside, 'evil.md'), join(root, 'glossary', 'evil.md'));
    const out = JSON.parse((await cli(root, ['lint', 'a.md', '--format', 'json'])).stdout);
    expect(out.files[0].diagnostics).toEqual([]);
    // The same file named on the command line is the user's own choice, and counts.
    const own = JSON.parse((await cli(root, ['lint', 'a.md', '--glossary', `${outside}/*.md`, '--format', 'json'])).stdout);
    expect(own.files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['avoid-term']);
  });

  it('2 for an unknown rule or setting in the config', async () => {
    const root = workspace({ 'a.md': CLEAN, '.termbridge.json': '{"rules": {"avoid-terms": "off"}}' });
    expect((await cli(root, ['lint'])).stderr).toMatch(/unknown rule 'avoid-terms'/);
  });
});

describe('other formats', () => {
  it('sarif: SARIF 2.1.0 with one rule per code and 1-based regions', async () => {
    const root = workspace({ 'a.md': BRIEF });
    const sarif = JSON.parse((await cli(root, ['lint', 'a.md', '--format', 'sarif'])).stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['avoid-term', 'undefined-acronym', 'undefined-term', 'ambiguous-term', 'glossary-duplicate']));
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(run.results).toHaveLength(2);
    const first = run.results[0];
    expect(first.ruleId).toBe('avoid-term');
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe('avoid-term');
    expect(first.level).toBe('warning');
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'a.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 22 },
    });
  });

  it('github: one workflow command per finding', async () => {
    const root = workspace({ 'a.md': BRIEF, 'b.md': 'See [[No Such Term]].\n' });
    const lines = (await cli(root, ['lint', '--format', 'github'])).stdout.trim().split('\n');
    expect(lines).toEqual([
      "::warning file=a.md,line=3,col=5,endLine=3,endColumn=22,title=Termbridge avoid-term::Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.",
      "::warning file=a.md,line=3,col=31,endLine=3,endColumn=35,title=Termbridge undefined-acronym::'ROAS' is not in the glossary and is not spelled out in this document.",
      "::error file=b.md,line=1,col=5,endLine=1,endColumn=21,title=Termbridge undefined-term::'[[No Such Term]]' names no term in the glossary.",
    ]);
  });

  it('stylish: grouped by file, line:col severity message code, a summary, no colour off a terminal', async () => {
    const root = workspace({ 'a.md': BRIEF, 'c.md': CLEAN });
    const { stdout } = await cli(root, ['lint']);
    expect(stdout).toBe(
      '\na.md\n' +
        "  3:5   warning  Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.  avoid-term\n" +
        "  3:31  warning  'ROAS' is not in the glossary and is not spelled out in this document.  undefined-acronym\n" +
        '\n✖ 2 problems (0 errors, 2 warnings, 0 info) in 4 files checked\n',
    );
  });

  it('stylish: colour on a terminal', async () => {
    const root = workspace({ 'a.md': BRIEF });
    expect((await cli(root, ['lint', 'a.md'], { isTTY: true })).stdout).toContain('\u001b[33m');
  });

  it('--quiet reports errors only', async () => {
    const root = workspace({ 'a.md': BRIEF + '\n[[No Such Term]]\n' });
    const out = JSON.parse((await cli(root, ['lint', 'a.md', '--quiet', '--format', 'json'])).stdout);
    expect(out.files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['undefined-term']);
  });
});

describe('lint --fix', () => {
  const DOC =
    '\ufeff# Fix me\r\n\r\nOur cost per customer and click rates.\r\n\r\n```sql\r\nselect cost per customer from t; -- click rate\r\n```\r\n\r\n' +
    'Keep `cost per customer` in code.\r\n';

  it('replaces avoided terms in prose only, keeps line endings, byte-order mark and file mode, and is idempotent', async () => {
    const root = workspace({ 'a.md': DOC });
    const file = join(root, 'a.md');
    chmodSync(file, 0o640);
    const first = await cli(root, ['lint', 'a.md', '--fix', '--format', 'json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).files[0].diagnostics).toEqual([]);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toBe(
      '\ufeff# Fix me\r\n\r\nOur Customer Acquisition Cost and Click-Through Rates.\r\n\r\n```sql\r\nselect cost per customer from t; -- click rate\r\n```\r\n\r\n' +
        'Keep `cost per customer` in code.\r\n',
    );
    expect(statSync(file).mode & 0o777).toBe(0o640);
    await cli(root, ['lint', 'a.md', '--fix']);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('leaves files without fixes untouched', async () => {
    const root = workspace({ 'a.md': CLEAN });
    const before = statSync(join(root, 'a.md')).mtimeMs;
    await cli(root, ['lint', '--fix']);
    expect(statSync(join(root, 'a.md')).mtimeMs).toBe(before);
  });

  it('fixes the file a symbolic link points to, and the link stays a link', async () => {
    const root = workspace({ 'shared/target.md': 'Our cost per customer.\n' });
    symlinkSync(join('shared', 'target.md'), join(root, 'link.md'));
    const { code, stderr } = await cli(root, ['lint', 'link.md', '--fix']);
    expect([code, stderr]).toEqual([0, '']);
    expect(lstatSync(join(root, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'shared', 'target.md'), 'utf8')).toBe('Our Customer Acquisition Cost.\n');
    expect(readdirSync(join(root, 'shared'))).toEqual(['target.md']);
  });

  it('leaves a file alone when it changes while it is being fixed, and fixes the others', async () => {
    const root = workspace({ 'a.md': 'Our cost per customer.\n', 'b.md': 'Their cost per customer.\n' });
    const a = realpathSync(join(root, 'a.md'));
    const newer = 'Someone saved this meanwhile: cost per customer.\n';
    let reads = 0;
    // The first read is the lint's; the second, just before the write, finds the editor's save.
    faults.readFile = (path) => {
      if (resolve(path) === a && ++reads === 2) writeFileSync(a, newer);
    };
    const { code, stdout, stderr } = await cli(root, ['lint', 'a.md', 'b.md', '--fix', '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('termbridge: a.md changed while it was being fixed; left as it is\n');
    expect(readFileSync(a, 'utf8')).toBe(newer);
    expect(readFileSync(join(root, 'b.md'), 'utf8')).toBe('Their Customer Acquisition Cost.\n');
    // a.md is reported as it was read: its finding still stands.
    expect(JSON.parse(stdout).files.map((f: { diagnostics: unknown[] }) => f.diagnostics.length)).toEqual([1, 0]);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not rewrite a file that is not UTF-8 (its other characters would be lost)', async () => {
    const root = workspace({});
    const latin1 = Buffer.from('Caf\u00e9 notes: our cost per customer.\n', 'latin1');
    writeFileSync(join(root, 'a.md'), latin1);
    const { code, stdout, stderr } = await cli(root, ['lint', 'a.md', '--fix', '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('termbridge: a.md is not UTF-8; --fix left it as it is\n');
    expect(readFileSync(join(root, 'a.md')).equals(latin1)).toBe(true);
    expect(JSON.parse(stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['avoid-term']);
  });

  it('a fix that cannot be written is named, the other files are still fixed, exit 2', async () => {
    const root = workspace({ 'a.md': 'Our cost per customer.\n', 'b.md': 'Their cost per customer.\n' });
    const a = realpathSync(join(root, 'a.md'));
    faults.rename = (to) => (resolve(to) === a ? fsError('EXDEV') : undefined);
    const { code, stderr } = await cli(root, ['lint', 'a.md', 'b.md', '--fix']);
    expect(code).toBe(2);
    expect(stderr).toBe('termbridge: cannot write a.md: EXDEV\n');
    expect(readFileSync(a, 'utf8')).toBe('Our cost per customer.\n');
    expect(readFileSync(join(root, 'b.md'), 'utf8')).toBe('Their Customer Acquisition Cost.\n');
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('configuration', () => {
  it('ignore words and rule severities from .termbridge.json', async () => {
    const root = workspace({
      'a.md': BRIEF,
      '.termbridge.json': JSON.stringify({ ignore: ['ROAS'], rules: { 'avoid-term': 'error' } }),
    });
    const out = JSON.parse((await cli(root, ['lint', 'a.md', '--format', 'json'])).stdout);
    expect(out.files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`)).toEqual([
      'avoid-term:error',
    ]);
  });

  it('include/exclude, .gitignore and node_modules decide what a folder lint covers', async () => {
    const root = workspace({
      'docs/a.md': CLEAN,
      'docs/b.txt': CLEAN,
      'docs/drafts/c.md': CLEAN,
      'build/d.md': CLEAN,
      'node_modules/pkg/e.md': CLEAN,
      '.gitignore': 'build/\n',
      '.termbridge.json': JSON.stringify({ include: ['**/*.md', '**/*.txt'], exclude: ['**/drafts/**'] }),
    });
    const out = JSON.parse((await cli(root, ['lint', '--format', 'json'])).stdout);
    expect(out.files.map((f: { path: string }) => f.path)).toEqual([
      'docs/a.md',
      'docs/b.txt',
      'glossary/metrics.md',
      'glossary/senses.md',
    ]);
  });

  it('glossary files in the linted paths get the glossary checks', async () => {
    const root = workspace({ 'glossary/extra.md': '# Extra\n\n## Orphan\n\nBusiness: only one side.\n' });
    const out = JSON.parse((await cli(root, ['lint', 'glossary', '--format', 'json'])).stdout);
    const extra = out.files.find((f: { path: string }) => f.path === 'glossary/extra.md');
    expect(extra.diagnostics.map((d: { code: string }) => d.code)).toEqual(['glossary-missing-field']);
  });

  it('--glossary picks other glossary files', async () => {
    const root = workspace({ 'terms/t.md': '## Wibble\n\nAvoid: wobble\n\nBusiness: b\n\nIT: i\n', 'a.md': 'A wobble.\n' }, false);
    const out = JSON.parse((await cli(root, ['lint', 'a.md', '--glossary', 'terms/*.md', '--format', 'json'])).stdout);
    expect(out.files[0].diagnostics[0].message).toContain("'Wibble'");
  });

  it('without any glossary the bundled starter glossary serves, and says so', async () => {
    const root = workspace({ 'a.md': 'The customer database.\n' }, false);
    const { stdout, stderr } = await cli(root, ['lint', 'a.md', '--format', 'json']);
    expect(stderr).toMatch(/using the bundled starter glossary \(\d+ terms\)/);
    expect(JSON.parse(stdout).files[0].diagnostics[0].code).toBe('avoid-term');
  });
});

describe('hostile file trees', () => {
  it('does not follow a symlink loop', async () => {
    const root = workspace({ 'docs/a.md': CLEAN });
    symlinkSync('..', join(root, 'docs', 'loop'));
    const { code, stdout } = await cli(root, ['lint', 'docs', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).files.map((f: { path: string }) => f.path)).toEqual(['docs/a.md']);
  });

  it('says which path does not exist (a dangling symlink), exit 2', async () => {
    const root = workspace({ 'docs/a.md': BRIEF });
    symlinkSync(join(root, 'nowhere.md'), join(root, 'docs', 'broken.md'));
    const { code, stderr } = await cli(root, ['lint', 'docs/a.md', 'docs/broken.md']);
    expect(code).toBe(2);
    expect(stderr).toBe('termbridge: no such file or folder: docs/broken.md\n');
  });

  it('a file that cannot be read when its turn comes is named, not skipped', () => {
    const result = lintFile(
      { file: '/nonexistent/termbridge/a.md', rel: 'a.md', docPath: 'a.md', isGlossaryFile: false },
      testGlossary(),
      { config: defaultConfig(), fix: false, quiet: false },
    );
    expect(result).toEqual({ error: 'cannot read a.md: ENOENT' });
  });

  const TREE = { 'docs/a.md': BRIEF, 'docs/secret/b.md': BRIEF, 'docs/z.md': 'See [[No Such Term]].\n' };
  const linted = (stdout: string): string[] => JSON.parse(stdout).files.map((f: { path: string }) => f.path);

  it('a folder that cannot be listed is named on stderr, the other files are linted, exit 2', async () => {
    const root = workspace(TREE);
    faults.readdir = (path) => (resolve(path) === join(root, 'docs', 'secret') ? fsError('EACCES') : undefined);
    const { code, stdout, stderr } = await cli(root, ['lint', 'docs', '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('termbridge: cannot list folder docs/secret: EACCES\n');
    expect(linted(stdout)).toEqual(['docs/a.md', 'docs/z.md']);
    // The same through a glob.
    const glob = await cli(root, ['lint', 'docs/**/*.md', '--format', 'json']);
    expect([glob.code, glob.stderr]).toEqual([2, 'termbridge: cannot list folder docs/secret: EACCES\n']);
    expect(linted(glob.stdout)).toEqual(['docs/a.md', 'docs/z.md']);
  });

  it('a glossary folder that cannot be listed is a glossary problem: exit 2, one line naming it', async () => {
    const root = workspace({ 'a.md': BRIEF, 'glossary/more/extra.md': '## Wibble\n\nBusiness: b\n\nIT: i\n' });
    faults.readdir = (path) => (resolve(path) === join(root, 'glossary', 'more') ? fsError('EACCES') : undefined);
    const { code, stdout, stderr } = await cli(root, ['lint', 'a.md']);
    expect([code, stdout, stderr]).toEqual([2, '', 'termbridge: cannot list glossary folder glossary/more\n']);
    faults.readdir = undefined;
    expect((await cli(root, ['lint', 'a.md'])).code).toBe(0);
  });

  it('an ignored folder that cannot be listed is not reported', async () => {
    const root = workspace({ ...TREE, '.gitignore': 'docs/secret/\n' });
    faults.readdir = (path) => (resolve(path) === join(root, 'docs', 'secret') ? fsError('EACCES') : undefined);
    const { code, stderr } = await cli(root, ['lint', 'docs']);
    expect([code, stderr]).toEqual([1, '']);
  });

  it.skipIf(!CAN_DENY_ACCESS)('a folder without read permission is named (a real EACCES; not as root)', async () => {
    const root = workspace(TREE);
    const secret = join(root, 'docs', 'secret');
    chmodSync(secret, 0o000);
    try {
      const { code, stdout, stderr } = await cli(root, ['lint', 'docs', '--format', 'json']);
      expect(code).toBe(2);
      expect(stderr).toBe('termbridge: cannot list folder docs/secret: EACCES\n');
      expect(linted(stdout)).toEqual(['docs/a.md', 'docs/z.md']);
    } finally {
      chmodSync(secret, 0o755);
    }
  });

  it('a file that cannot be read is named on stderr, the other files are still linted, exit 2', async () => {
    const root = workspace(TREE);
    const b = join(root, 'docs', 'secret', 'b.md');
    faults.readFile = (path) => {
      if (resolve(path) === b) throw fsError('EACCES');
    };
    const { code, stdout, stderr } = await cli(root, ['lint', 'docs', '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('termbridge: cannot read docs/secret/b.md: EACCES\n');
    const files = JSON.parse(stdout).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual(['docs/a.md', 'docs/z.md']);
    expect(files.map((f: { diagnostics: unknown[] }) => f.diagnostics.length)).toEqual([2, 1]);
  });

  it.skipIf(!CAN_DENY_ACCESS)('a file without read permission is named (a real EACCES; not as root)', async () => {
    const root = workspace(TREE);
    chmodSync(join(root, 'docs', 'secret', 'b.md'), 0o000);
    const { code, stdout, stderr } = await cli(root, ['lint', 'docs', '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('termbridge: cannot read docs/secret/b.md: EACCES\n');
    expect(linted(stdout)).toEqual(['docs/a.md', 'docs/z.md']);
  });

  it('survives a binary glossary file', async () => {
    const root = workspace({ 'a.md': BRIEF });
    writeFileSync(join(root, 'glossary', 'binary.md'), Buffer.from([0, 159, 146, 150, 255, 0, 35, 35, 32, 0xc3, 0x28, 10]));
    const { code, stdout, stderr } = await cli(root, ['lint', 'a.md', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['avoid-term', 'undefined-acronym']);
    expect(stderr).toContain(`glossary file ${join(root, 'glossary', 'binary.md')} is not UTF-8`);
  });
});

describe('glossary files that are not UTF-8', () => {
  const TERM = '## Wibble\r\n\r\nAvoid: wobble\r\n\r\nBusiness: b\r\n\r\nIT: i\r\n\r\n## Orphan\r\n\r\nBusiness: only one side.\r\n';

  it.each([
    ['UTF-16LE', Buffer.from('\ufeff' + TERM, 'utf16le')],
    ['UTF-16BE', Buffer.from('\ufeff' + TERM, 'utf16le').swap16()],
  ])('%s with a byte-order mark is decoded: its terms work, its findings land on the right lines', async (_, bytes) => {
    const root = workspace({ 'a.md': 'A wobble.\n' });
    writeFileSync(join(root, 'glossary', 'utf16.md'), bytes);
    const { code, stdout, stderr } = await cli(root, ['lint', 'a.md', 'glossary/utf16.md', '--format', 'json']);
    expect([code, stderr]).toEqual([0, '']);
    const [doc, glossary] = JSON.parse(stdout).files;
    expect(doc.diagnostics[0].message).toContain("'Wibble'");
    expect(glossary.diagnostics).toEqual([
      expect.objectContaining({ code: 'glossary-missing-field', range: expect.objectContaining({ start: { line: 8, character: 0 } }) }),
    ]);
  });

  it('Latin-1 is read with replacement characters and named on stderr; the other glossary files keep working', async () => {
    const root = workspace({ 'a.md': 'Our cost per customer at the coffee stop.\n' });
    const file = join(root, 'glossary', 'latin1.md');
    writeFileSync(file, Buffer.from('## Caf\u00e9 Visit\n\nAvoid: coffee stop\n\nBusiness: b\n\nIT: i\n', 'latin1'));
    const { code, stdout, stderr } = await cli(root, ['lint', 'a.md', '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe(`termbridge: glossary file ${file} is not UTF-8; read with replacement characters (save it as UTF-8)\n`);
    expect(JSON.parse(stdout).files[0].diagnostics.map((d: { message: string }) => d.message)).toEqual([
      "Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.",
      "Avoid 'coffee stop': the glossary's word is 'Caf\ufffd Visit'.",
    ]);
    // The installed CLI prints the same line on its stderr.
    const bin = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', 'a.md'], { cwd: root, encoding: 'utf8' });
    expect([bin.status, bin.stderr]).toEqual([0, stderr]);
  });
});

describe('glossary cache', () => {
  it('keeps parsed sections in node_modules/.cache between runs, with the same results', async () => {
    const root = workspace({ 'a.md': BRIEF, 'node_modules/.keep': '' });
    const first = await cli(root, ['lint', 'a.md', '--format', 'json']);
    const cached = readdirSync(join(root, 'node_modules', '.cache', 'termbridge')).sort();
    expect(cached).toHaveLength(2);
    expect(cached[0]).toMatch(/^glossary-[0-9a-f]{12}\.index\.json$/);
    expect(cached[1]).toBe(cached[0].replace('.index.json', '.json'));
    const second = await cli(root, ['lint', 'a.md', '--format', 'json']);
    expect(second).toEqual(first);
    const uncached = await cli(root, ['lint', 'a.md', '--format', 'json', '--no-cache']);
    expect(uncached).toEqual(first);
  });

  it('gives back names and meanings beyond ASCII exactly from the stored index (kept as ASCII, read as Latin-1)', async () => {
    const glossary = '# G\n\n## Café Visit 🚀\n\n**Business:** Un café crème, 顧客 — “quoted”.\n\n**IT:** i\n\n**Owner:** o\n\n**Avoid:** coffee stop\n';
    const root = workspace({ 'a.md': 'We met at the coffee stop.\n', 'glossary/g.md': glossary, 'node_modules/.keep': '' }, false);
    const messages = async (args: string[] = []) =>
      JSON.parse((await cli(root, ['lint', 'a.md', '--format', 'json', ...args])).stdout).files[0].diagnostics.map((d: { message: string }) => d.message);
    const expected = ["Avoid 'coffee stop': the glossary's word is 'Café Visit 🚀'."];
    expect(await messages()).toEqual(expected);
    const dir = join(root, 'node_modules', '.cache', 'termbridge');
    const index = readdirSync(dir).find((f) => f.endsWith('.index.json'))!;
    expect(readFileSync(join(dir, index), 'latin1')).toMatch(/^[\x00-\x7f]*$/);
    expect(await messages()).toEqual(expected); // from the stored index
    const explained = await cli(root, ['explain', 'Café Visit 🚀']);
    expect(explained.stdout).toContain('Un café crème, 顧客 — “quoted”.');
  });

  it('never serves a stored index for a glossary that has changed since', async () => {
    const glossary = '# G\n\n## Return on Ad Spend\n\n**Business:** b\n\n**IT:** i\n\n**Owner:** o\n\n**Aliases:** ROAS\n';
    const root = workspace({ 'a.md': BRIEF, 'glossary/g.md': glossary, 'node_modules/.keep': '' }, false);
    const codes = async () => JSON.parse((await cli(root, ['lint', 'a.md', '--format', 'json'])).stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(await codes()).toEqual([]);
    writeFileSync(join(root, 'glossary/g.md'), glossary.replace('**Aliases:** ROAS', '**Avoid:** cost per customer, ROAS'));
    expect(await codes()).toEqual(['avoid-term', 'avoid-term']);
  });
});

describe('explain', () => {
  it('prints both meanings, the IT concept, owner and see also', async () => {
    const root = workspace({});
    const { code, stdout } = await cli(root, ['explain', 'CAC']);
    expect(code).toBe(0);
    expect(stdout).toContain('Customer Acquisition Cost');
    expect(stdout).toContain('Business:  What it costs to win one new customer.');
    expect(stdout).toContain('IT:        `marketing_spend`');
    expect(stdout).toContain('Owner:     Marketing Operations');
    expect(stdout).toContain('See also:  Customer Lifetime Value');
  });

  it('shows every sense of an ambiguous name', async () => {
    const { stdout } = await cli(workspace({}), ['explain', 'SQL']);
    expect(stdout).toContain("'SQL' has 2 meanings");
    expect(stdout).toContain('Sales Qualified Lead  (Sales)');
    expect(stdout).toContain('Structured Query Language  (Engineering)');
  });

  it('suggests close names for an unknown term, exit 1', async () => {
    const { code, stderr } = await cli(workspace({}), ['explain', 'Customer Lifetime Valeu']);
    expect(code).toBe(1);
    expect(stderr).toContain("Did you mean 'Customer Lifetime Value'?");
  });
});

describe('the installed bin', () => {
  it('runs from the built bundle with the same exit codes', () => {
    const root = workspace({ 'a.md': 'See [[No Such Term]].\n' });
    const bin = join(ROOT, 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [bin, 'lint', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).files[0].diagnostics[0].code).toBe('undefined-term');
    const usage = spawnSync(process.execPath, [bin, 'lint', '--nope'], { cwd: root, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('stops writing quietly when the reader goes away (| head), and exits with the run\'s own code', () => {
    // Megabytes of report: far more than a pipe holds, so writes fail once `head` has exited.
    const root = workspace({ 'a.md': 'See [[No Such Term]] and the ROAS.\n'.repeat(20000) });
    const bin = join(ROOT, 'dist', 'cli.js');
    const script = `"${process.execPath}" "${bin}" lint --format json | head -c 100 > /dev/null; echo "exit \${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('exit 1\n');
  });

  it('--jobs spreads a large run over worker threads with the same output', () => {
    const big = ('Our cost per customer and the ROAS. ' + 'Plain words of a long specification. '.repeat(40) + '\n').repeat(1000);
    const root = workspace({ 'a.md': big, 'b.md': big, 'c.md': big });
    const bin = join(ROOT, 'dist', 'cli.js');
    const one = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--jobs', '1'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    const two = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--jobs', '2'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(two.status).toBe(one.status);
    expect(JSON.parse(two.stdout).files[0].diagnostics).toHaveLength(2000);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);

  it('a lint worker takes from the shared queue only the files no other thread took', () => {
    const root = workspace({ 'a.md': BRIEF, 'b.md': 'See [[No Such Term]].\n', 'c.md': BRIEF });
    const jobs = ['a.md', 'b.md', 'c.md'].map((rel) => ({ file: join(root, rel), rel, docPath: rel, isGlossaryFile: false }));
    const glossary = testGlossary();
    const settings = { config: defaultConfig(), fix: false, quiet: false };
    const next = new SharedArrayBuffer(4);
    new Int32Array(next)[0] = 1; // the first in order (c.md) is taken
    const input: ParallelInput = { jobs, order: [2, 1, 0], next, settings, glossary: indexHandoff(glossary) };
    const out = runLintWorker(input);
    expect(out).toEqual({ taken: [1, 0], results: [lintFile(jobs[1], glossary, settings), lintFile(jobs[0], glossary, settings)] });
    expect(new Int32Array(next)[0]).toBeGreaterThanOrEqual(3);
    // A worker that cannot read the index (its file now holds another) takes nothing: the others lint it all.
    new Int32Array(next)[0] = 0;
    expect(runLintWorker({ ...input, glossary: { file: join(root, 'a.md'), key: 'gone' } })).toEqual({ taken: [], results: [] });
    expect(new Int32Array(next)[0]).toBe(0);
  });

  it('--jobs gives the same output when the workers read the index from its stored file', () => {
    const big = ('Our cost per customer and the ROAS. ' + 'Plain words of a long specification. '.repeat(40) + '\n').repeat(1000);
    // Enough text that the workers start before this thread has taken every file.
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((name, k) => [`${name}.md`, k === 2 ? big.replace(/ROAS/g, 'CAC') : big]));
    const root = workspace(files);
    mkdirSync(join(root, 'node_modules')); // where the CLI keeps the index
    const bin = join(ROOT, 'dist', 'cli.js');
    const run = (jobs: string) => spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--jobs', jobs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = run('1');
    expect(readdirSync(join(root, 'node_modules', '.cache', 'termbridge')).some((f) => f.endsWith('.index.json'))).toBe(true);
    const three = run('3');
    expect(three.status).toBe(one.status);
    const counts = JSON.parse(three.stdout).files.map((f: { path: string; diagnostics: unknown[] }) => [f.path, f.diagnostics.length]);
    expect(counts.filter(([path]: [string]) => !path.startsWith('glossary/'))).toEqual(Object.keys(files).map((path) => [path, path === 'c.md' ? 1000 : 2000]));
    expect(three.stdout).toBe(one.stdout);
  }, 60_000);

  it('--jobs shares out the parse of a big glossary, with the same findings and the same stored cache', () => {
    // 3,000 terms (760 kB): enough that the threads share the parse. One name twice and one
    // term without a Business field, so that there are glossary findings to compare.
    const terms = Array.from({ length: 3000 }, (_, n) => {
      const name = n === 2999 ? 'Widget Term 7' : `Widget Term ${n}`;
      const business = n === 500 ? '' : `**Business:** What widget ${n} means to marketing, in a sentence or two of plain words.\n\n`;
      return `## ${name}\n\n**Aliases:** wt${n}\n\n**Avoid:** gadget thing ${n}\n\n${business}**IT:** \`widget_${n}\` in the \`analytics\` schema.\n\n**Owner:** Analytics\n\n**Status:** approved\n\n`;
    });
    // An avoided name from every chunk of 100 sections, whichever thread parses it.
    const brief = `Widget Term 2999 and wt7, ${Array.from({ length: 60 }, (_, k) => `gadget thing ${k * 50 + 7}`).join(', ')}.\n`;
    const root = workspace({ 'a.md': brief, 'glossary/widgets.md': `# Widgets\n\n${terms.join('')}` });
    const bin = join(ROOT, 'dist', 'cli.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'lint', '.', '--format', 'json', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = run('--no-cache', '--jobs', '1');
    const findings = JSON.parse(one.stdout).files.flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code));
    expect(findings).toEqual(expect.arrayContaining(['avoid-term', 'glossary-duplicate', 'glossary-missing-field']));
    const two = run('--no-cache', '--jobs', '2');
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
    // With the cache: the sections the threads parsed are stored, and a later run reads them.
    mkdirSync(join(root, 'node_modules'));
    const cached = run('--jobs', '2');
    expect(cached.stdout).toBe(one.stdout);
    const dir = join(root, 'node_modules', '.cache', 'termbridge');
    const sectionFile = readdirSync(dir).find((f) => f.endsWith('.json') && !f.endsWith('.index.json'))!;
    expect(JSON.parse(readFileSync(join(dir, sectionFile), 'utf8')).entries.length).toBeGreaterThan(3000);
    expect(run('--jobs', '1').stdout).toBe(one.stdout);
  }, 60_000);

  it('--jobs defaults to the available cores but one, and never to less than one', () => {
    expect([1, 2, 4, 8].map((cores) => defaultThreads(cores))).toEqual([1, 1, 3, 7]);
  });

  it('writes nothing through a temporary file left behind', () => {
    const root = workspace({ 'a.md': 'Our cost per customer.\n' });
    writeFileSync(join(root, 'b.md'), 'clean\n');
    spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--fix'], { cwd: root });
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('Our Customer Acquisition Cost.\n');
    const leftovers = spawnSync('ls', ['-A', root], { encoding: 'utf8' }).stdout;
    expect(leftovers).not.toMatch(/\.tmp/);
  });
});
