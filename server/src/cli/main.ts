// `termbridge`: the CI face of the engine. `run` takes arguments and an I/O surface and returns the
// exit code, so tests drive it in-process and `bin.ts` wires it to the real process.

import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../workspace/config';
import { UsageError } from '../workspace/errors';
import { findDocuments } from '../workspace/documents';
import { loadGlossary, type LoadedGlossary } from '../workspace/glossary-files';
import { toPosix } from '../workspace/paths';
import { defaultThreads, type FileJob, lintFiles } from './lint-files';
import { parseAhead } from './parse-ahead';
import { explain } from './explain';
import { formatGithub } from './formatters/github';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { type FileReport, totals } from './report';
import { VERSION } from './version';

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

export const HELP = `Usage: termbridge <command> [options]

Commands:
  lint [paths or globs...]   Check documents against the glossary (default: Markdown under .)
  explain <term>             Print a glossary entry: both meanings, IT concept, owner, see also

Options:
  --glossary <glob>          Glossary files (repeatable; default from .termbridge.json or glossary/**/*.md)
  --config <file>            Use this config file instead of searching for .termbridge.json
  --format <name>            stylish (default), json, sarif or github
  --max-warnings <n>         Exit 1 when there are more than n warnings
  --fix                      Replace avoided terms in place (never inside code)
  --quiet                    Report errors only
  --no-cache                 Parse the glossary afresh (parsed sections are cached between runs)
  --jobs <n>                 Threads for large runs and for parsing a big glossary, this one and n-1
                             workers (default: the cores but one, at least 1)
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage, config or glossary problem.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    const message = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? (e as Error).message
      : `internal error: ${(e as Error).stack ?? e}`;
    io.stderr(`termbridge: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'lint') return lint(rest, io);
  if (command === 'explain') return explainCommand(rest, io);
  io.stderr(command ? `termbridge: unknown command '${command}'. Run 'termbridge --help'.\n` : HELP);
  return 2;
}

const OPTIONS = {
  glossary: { type: 'string', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  'max-warnings': { type: 'string' },
  fix: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Workspace {
  root: string;
  loaded: LoadedGlossary;
  config: ReturnType<typeof loadConfig>['config'];
}

async function openWorkspace(
  io: CliIO,
  startDir: string,
  values: { glossary?: string[]; config?: string; 'no-cache'?: boolean },
  threads = 1,
): Promise<Workspace> {
  const { config, root, glossaryExplicit } = loadConfig(startDir, values.config && resolve(io.cwd, values.config), io.cwd);
  // Globs typed on the command line are relative to where the user stands; the config's to its folder.
  const cache = !values['no-cache'];
  const warn = (line: string): void => io.stderr(line);
  const ahead = (texts: string[]): Promise<void> => parseAhead(texts, threads, __filename);
  const loaded = values.glossary
    ? await loadGlossary(root, values.glossary, true, { base: io.cwd, cache, warn, parseAhead: ahead })
    : await loadGlossary(root, config.glossary, glossaryExplicit, { cache, confine: true, warn, parseAhead: ahead });
  if (loaded.bundled) {
    io.stderr(
      `termbridge: no glossary in ${root} (${config.glossary.join(', ')}); ` +
        `using the bundled starter glossary (${loaded.glossary.terms.length} terms)\n`,
    );
  }
  return { root, loaded, config };
}


async function lint(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}' (use ${FORMATS.join(', ')})`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings needs a whole number, got '${values['max-warnings']}'`);
    if (maxWarnings === -1) maxWarnings = Infinity;
  }

  let threads = defaultThreads();
  if (values.jobs !== undefined) {
    threads = Number(values.jobs);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--jobs needs a whole number of at least 1, got '${values.jobs}'`);
  }

  const ws = await openWorkspace(io, startDirFor(io.cwd, positionals), values, threads);
  const unlisted = new Map<string, string>();
  const documents = await findDocuments(io.cwd, ws.root, positionals, ws.config, unlisted);
  const glossaryFiles = new Set(ws.loaded.bundled ? [] : ws.loaded.files.map((f) => resolve(f)));
  const jobs: FileJob[] = documents.map((file) => ({
    file,
    rel: toPosix(relative(io.cwd, file)) || '.',
    docPath: toPosix(relative(ws.root, file)),
    isGlossaryFile: glossaryFiles.has(file),
  }));
  const results = await lintFiles(
    jobs,
    ws.loaded.glossary,
    { config: ws.config, fix: !!values.fix, quiet: !!values.quiet },
    { threads, workerScript: __filename },
  );
  for (const r of results) if (r.notice) io.stderr(r.notice + '\n');
  const reports = results.flatMap((r) => (r.report ? [r.report] : []));

  for (const part of inChunks(render(format, reports, io))) io.stdout(part);
  // Folders that could not be listed and files that could not be read are not silently skipped:
  // every one is named, and the run fails.
  const problems = [
    ...[...unlisted].map(([dir, code]) => `cannot list folder ${toPosix(relative(io.cwd, dir)) || '.'}: ${code}`),
    ...results.flatMap((r) => (r.error ? [r.error] : [])),
  ];
  for (const problem of problems) io.stderr(`termbridge: ${problem}\n`);
  if (problems.length) return 2;
  const t = totals(reports);
  return t.error > 0 || t.warning > maxWarnings ? 1 : 0;
}



/**
 * The report, in parts. It is written a few tens of kilobytes at a time: made whole, a report of
 * thousands of findings is a string of megabytes (two bytes a character once one is beyond ASCII),
 * and then as many again encoded for the write, all in memory touched for the first time.
 */
function render(format: Format, reports: FileReport[], io: CliIO): Iterable<string> {
  switch (format) {
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return [formatSarif(reports, VERSION)];
    case 'github':
      return formatGithub(reports);
    default: {
      const color = io.env.NO_COLOR === undefined && (io.isTTY || (io.env.FORCE_COLOR ?? '0') !== '0');
      return formatStylish(reports, color);
    }
  }
}

/** `parts` joined into pieces of at least `size` characters (the last one may be shorter). */
function* inChunks(parts: Iterable<string>, size = 1 << 16): Iterable<string> {
  let chunk = '';
  for (const part of parts) {
    chunk += part;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The config is searched from the first path given (its folder, for a file), else from the cwd. */
function startDirFor(cwd: string, positionals: string[]): string {
  const first = positionals.find((p) => !/[*?[\]{}]/.test(p));
  if (!first) return cwd;
  const abs = resolve(cwd, first);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return cwd;
  }
}


async function explainCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { glossary: OPTIONS.glossary, config: OPTIONS.config, help: OPTIONS.help },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const name = positionals.join(' ').trim();
  if (!name) throw new UsageError("explain needs a term, e.g. 'termbridge explain CAC'");
  const ws = await openWorkspace(io, io.cwd, values);
  const result = explain(ws.loaded.glossary, name);
  if (result.ok) {
    io.stdout(result.text);
    return 0;
  }
  io.stderr(result.text);
  return 1;
}
