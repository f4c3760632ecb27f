// Linting one file as the CLI does (document rules, or the glossary checks for a glossary file;
// --fix written atomically), and many files: in this thread, or spread over worker threads.

import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  configureFindings,
  type Finding,
  type Glossary,
  fromSnapshot,
  lintDocument,
  type LintOptions,
  toSnapshot,
  applyEdits,
  safeEdits,
} from '../engine';
import type { Config } from '../workspace/config';
import { decodeText, type DecodedText } from '../workspace/documents';
import { UsageError } from '../workspace/errors';
import { writeFileAtomic } from '../workspace/write';
import { type FileReport, toFileReport } from './report';

export interface FileJob {
  /** Absolute path. */
  file: string;
  /** As reported: relative to the current folder. */
  rel: string;
  /** As the engine names it: relative to the workspace root. */
  docPath: string;
  isGlossaryFile: boolean;
}

export interface LintSettings {
  config: Config;
  fix: boolean;
  quiet: boolean;
}

export interface FileResult {
  /** Absent when the file could not be read. */
  report?: FileReport;
  /** A line for stderr (a file left alone by --fix). */
  notice?: string;
  /** Why the file could not be read (or its fix written); the run goes on and ends with exit code 2. */
  error?: string;
}

/** Below this much text, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 4 * 1024 * 1024;

export function lintFile(job: FileJob, glossary: Glossary, settings: LintSettings): FileResult {
  let decoded: DecodedText;
  try {
    decoded = decodeText(readFileSync(job.file));
  } catch (e) {
    return { error: `cannot read ${job.rel}: ${errorCode(e)}` };
  }
  const { text } = decoded;
  const { config } = settings;
  const done = (t: string, findings: Finding[], notice?: string): FileResult => ({
    report: toFileReport(job.rel, t, settings.quiet ? findings.filter((f) => f.severity === 'error') : findings),
    notice,
  });
  if (job.isGlossaryFile) return done(text, configureFindings(glossary.findings.get(job.docPath) ?? [], config));
  const options: LintOptions = { path: job.docPath, ignore: config.ignore, rules: config.rules };
  const findings = lintDocument(text, glossary, options);
  if (!settings.fix) return done(text, findings);
  const fixed = fixText(text, (t) => lintDocument(t, glossary, options));
  if (fixed.text === text) return done(text, findings);
  // Written back as UTF-8, a file in another encoding would lose every character not read properly.
  if (decoded.encoding !== 'utf-8') return done(text, findings, `termbridge: ${job.rel} is not UTF-8; --fix left it as it is`);
  let written: boolean;
  try {
    written = writeFileAtomic(job.file, text, fixed.text);
  } catch (e) {
    // The file is as it was (see writeFileAtomic); the other files still get their fixes.
    return { ...done(text, findings), error: `cannot write ${job.rel}: ${errorCode(e)}` };
  }
  if (written) return done(fixed.text, fixed.findings);
  return done(text, findings, `termbridge: ${job.rel} changed while it was being fixed; left as it is`);
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Applies safe fixes until nothing changes (a fix can reveal another); bounded, so it always ends. */
export function fixText(text: string, lintText: (t: string) => Finding[]): { text: string; findings: Finding[] } {
  let current = text;
  let findings = lintText(current);
  for (let pass = 0; pass < 5; pass++) {
    const edits = safeEdits(findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    findings = lintText(current);
  }
  return { text: current, findings };
}

export interface ParallelInput {
  jobs: FileJob[];
  settings: LintSettings;
  /** The index, as `toSnapshot` JSON: a string crosses to a thread at the cost of a copy. */
  glossary: string;
}

/**
 * Lints `jobs`, on `threads` worker threads when that pays (many megabytes, and running from the
 * bundle, which a worker can load), else in this thread. Results keep the order of `jobs`.
 */
export async function lintFiles(
  jobs: FileJob[],
  glossary: Glossary,
  settings: LintSettings,
  parallel: { threads: number; workerScript: string },
): Promise<FileResult[]> {
  const threads = Math.min(parallel.threads, jobs.length);
  const canFork = threads > 1 && parallel.workerScript.endsWith('.js') && totalSize(jobs) > PARALLEL_THRESHOLD;
  if (!canFork) return jobs.map((job) => lintFile(job, glossary, settings));

  // Largest files first, each to the least loaded worker, so the threads finish together.
  const order = jobs.map((job, index) => ({ job, index, size: sizeOf(job.file) })).sort((a, b) => b.size - a.size);
  const buckets: { load: number; items: typeof order }[] = Array.from({ length: threads }, () => ({ load: 0, items: [] }));
  for (const item of order) {
    const bucket = buckets.reduce((a, b) => (b.load < a.load ? b : a));
    bucket.items.push(item);
    bucket.load += item.size;
  }
  const snapshot = JSON.stringify(toSnapshot(glossary));
  const results = new Array<FileResult>(jobs.length);
  await Promise.all(
    buckets.map(
      (bucket) =>
        new Promise<void>((resolvePromise, reject) => {
          const input: ParallelInput = { jobs: bucket.items.map((i) => i.job), settings, glossary: snapshot };
          const worker = new Worker(parallel.workerScript, { workerData: { termbridgeLintWorker: input } });
          worker.once('message', (out: FileResult[] | { error: string }) => {
            if (!Array.isArray(out)) return reject(new UsageError(out.error));
            out.forEach((r, k) => (results[bucket.items[k].index] = r));
            resolvePromise();
          });
          worker.once('error', reject);
        }),
    ),
  );
  return results;
}

/** The body of a worker thread: read the index it was given, lint, answer. */
export function runLintWorker(input: ParallelInput): FileResult[] | { error: string } {
  try {
    const glossary = fromSnapshot(JSON.parse(input.glossary));
    return input.jobs.map((job) => lintFile(job, glossary, input.settings));
  } catch (e) {
    return { error: e instanceof UsageError ? e.message : `internal error in a worker: ${(e as Error).stack ?? e}` };
  }
}

/**
 * The available cores but one: that core is left to V8's garbage collector, which does much of its
 * work beside a linting thread. On a 2-core machine that is 1 thread: measured there, two threads
 * (or two whole processes) lint about 20% slower than one. See docs/performance.md.
 */
export function defaultThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

function totalSize(jobs: FileJob[]): number {
  let total = 0;
  for (const job of jobs) {
    total += sizeOf(job.file);
    if (total > PARALLEL_THRESHOLD) break;
  }
  return total;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
