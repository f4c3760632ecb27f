// A glossary that has to be parsed (a first run, `--no-cache`, a fresh CI checkout) is parsed by
// remark at about 1.4 MB/s: seconds for a big glossary, most of such a run. With `--jobs n`, this
// thread and n - 1 worker threads share the sections out before the index is built, as the lint
// workers share the files.

import { Worker } from 'node:worker_threads';
import { addParsedSections, type ParsedSection, parseSections, sectionsToParse } from '../engine';
import { newQueue, takeEach } from './shared-queue';

export interface ParseInput {
  /** The sections to parse; a thread parses the chunks it takes from `next`. */
  sections: string[];
  /** One Int32: the next chunk to take. */
  next: SharedArrayBuffer;
}

/** Sections per chunk: small enough that the threads finish together, large enough to cost nothing to take. */
const CHUNK = 100;

/** Below this much section text, starting a worker costs more than it saves (remark parses it in about 0.3 s). */
const PARALLEL_THRESHOLD = 512 * 1024;

/**
 * Parses the sections of `texts` not parsed yet on this thread and `threads - 1` workers running
 * `workerScript` (this bundle), and keeps them for the build. A worker that fails leaves its
 * chunks to the build, which parses them here: the index is the same either way.
 */
export async function parseAhead(texts: string[], threads: number, workerScript: string): Promise<void> {
  if (threads < 2 || !workerScript.endsWith('.js')) return;
  const sections = sectionsToParse(texts);
  if (sections.reduce((n, s) => n + s.length, 0) <= PARALLEL_THRESHOLD) return;
  const input: ParseInput = { sections, next: newQueue() };
  const workers = Math.min(threads - 1, Math.ceil(sections.length / CHUNK) - 1);
  const answers = Array.from(
    { length: workers },
    () =>
      new Promise<[string, ParsedSection][]>((resolve) => {
        const worker = new Worker(workerScript, { workerData: { termbridgeParseWorker: input } });
        worker.once('message', resolve);
        worker.once('error', () => resolve([]));
        // After its answer this changes nothing.
        worker.once('exit', () => resolve([]));
      }),
  );
  addParsedSections(runParseWorker(input));
  for (const entries of await Promise.all(answers)) addParsedSections(entries);
}

/** The body of a parse worker (and this thread's share): take chunks until none is left. */
export function runParseWorker(input: ParseInput): [string, ParsedSection][] {
  const out: [string, ParsedSection][] = [];
  takeEach(input.next, Math.ceil(input.sections.length / CHUNK), (k) => out.push(...parseSections(input.sections.slice(k * CHUNK, (k + 1) * CHUNK))));
  return out;
}
