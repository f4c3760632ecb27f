// Linting one file as the CLI does (document rules, or the glossary checks for a glossary file;
// --fix written atomically), and many files: in this thread, or spread over worker threads.

import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  configureFindings,
  type Finding,
  type Glossary,
  lintDocument,
  type LintOptions,
  applyEdits,
  safeEdits,
} from '../engine';
import type { Config } from '../workspace/config';
import { decodeText, type DecodedText } from '../workspace/documents';
import { type IndexHandoff, indexHandoff, receiveIndex } from '../workspace/glossary-cache';
import { UsageError } from '../workspace/errors';
import { writeFileAtomic } from '../workspace/write';
import { type FileReport, toFileReport } from './report';
import { newQueue, takeEach } from './shared-queue';

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
  /** Every job of the run; a worker lints those it takes from `next`. */
  jobs: FileJob[];
  /** Job indexes, largest file first. */
  order: number[];
  /** One Int32: the next place in `order` to take. Every thread takes jobs from it. */
  next: SharedArrayBuffer;
  settings: LintSettings;
  glossary: IndexHandoff;
}

/** What a worker answers: the results of the jobs it took, by job index. */
export type ParallelOutput = { taken: number[]; results: FileResult[] } | { error: string };

/**
 * Lints `jobs`, on this thread and `threads - 1` worker threads when that pays (many megabytes, and
 * running from the bundle, which a worker can load), else on this thread. Results keep the order of
 * `jobs`.
 */
export async function lintFiles(
  jobs: FileJob[],
  glossary: Glossary,
  settings: LintSettings,
  parallel: { threads: number; workerScript: string },
): Promise<FileResult[]> {
  const threads = Math.min(parallel.threads, jobs.length);
  // Sizes are needed only where workers could run: to see whether they pay, and to order the files.
  const sizes = threads > 1 && parallel.workerScript.endsWith('.js') ? jobs.map((job) => sizeOf(job.file)) : [];
  if (sizes.reduce((a, b) => a + b, 0) <= PARALLEL_THRESHOLD) return jobs.map((job) => lintFile(job, glossary, settings));

  // One queue, largest files first: each thread takes the next file when it is done with one, so
  // the threads finish together however their speeds differ (this one starts first: it already
  // has the index and its code loaded).
  const order = jobs.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a]);
  const next = newQueue();
  const input: ParallelInput = { jobs, order, next, settings, glossary: indexHandoff(glossary) };
  const answers = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<ParallelOutput>((resolvePromise, reject) => {
        const worker = new Worker(parallel.workerScript, { workerData: { termbridgeLintWorker: input }, resourceLimits: WORKER_LIMITS });
        worker.once('message', resolvePromise);
        worker.once('error', reject);
        // After its answer this settles nothing; without one, the run must not wait for ever.
        worker.once('exit', (code) => reject(new Error(`a lint worker stopped before answering (exit code ${code})`)));
      }),
  );
  const results = new Array<FileResult>(jobs.length);
  takeJobs(input, (index) => (results[index] = lintFile(jobs[index], glossary, settings)));
  for (const answer of await Promise.all(answers)) {
    if ('error' in answer) throw new UsageError(answer.error);
    answer.taken.forEach((index, k) => (results[index] = answer.results[k]));
  }
  return results;
}

/**
 * A larger young generation than a worker gets by default: linting makes many short-lived objects,
 * and with fewer scavenges a worker linted its share in 0.83-0.99 s instead of 1.06-1.22 s. (The
 * main thread's heap is sized before any code runs.)
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 48 };

/** Takes jobs from the shared queue until none is left. */
function takeJobs(input: ParallelInput, lint: (index: number) => void): void {
  takeEach(input.next, input.order.length, (k) => lint(input.order[k]));
}

/**
 * The body of a worker thread: read the index, take jobs until none is left, answer. A worker that
 * cannot read the index takes none (the other threads lint them all).
 */
export function runLintWorker(input: ParallelInput): ParallelOutput {
  try {
    const glossary = receiveIndex(input.glossary);
    const taken: number[] = [];
    const results: FileResult[] = [];
    if (glossary) {
      takeJobs(input, (index) => {
        taken.push(index);
        results.push(lintFile(input.jobs[index], glossary, input.settings));
      });
    }
    return { taken, results };
  } catch (e) {
    return { error: e instanceof UsageError ? e.message : `internal error in a worker: ${(e as Error).stack ?? e}` };
  }
}

/**
 * The available cores but one: that core is left to V8, which compiles the hot functions and
 * collects garbage beside a linting thread. On a 2-core machine that is 1 thread: measured there,
 * `--jobs 2` lints about 10% slower than one thread. See docs/performance.md.
 */
export function defaultThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
