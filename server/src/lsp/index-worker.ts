// A big glossary's index is built on a worker thread. remark's parse of a 3 MB glossary allocates
// hundreds of megabytes of short-lived objects, and V8 keeps the heap it grew for the rest of the
// session: on a worker, with a small young generation, that garbage is collected as it goes and the
// heap is given back when the worker ends. The server's thread meanwhile stays free to answer the
// editor with the last good index. The index comes back through the file the index cache stores
// it in (its JSON only when it could not be stored).

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Glossary, GlossarySource } from '../engine';
import { buildAndStore, type IndexHandoff, indexHandoff, loadStoredSections, receiveIndex } from '../workspace/glossary-cache';
import { testFaultInWorker, testFaultOnBuild } from './test-faults';

export interface IndexJob {
  sources: GlossarySource[];
  /** The glossary cache file (its sections and index are read and written as in this thread). */
  cacheFile: string;
  saveIndex: boolean;
  /** Another cache file whose parsed sections are read too (the CLI's, in the workspace); never written. */
  sharedCacheFile?: string;
}

/**
 * The index as `indexHandoff` gives it: the cache file it was stored in, to be read from there (no
 * 7 MB message from a thread at its peak), or its JSON when it could not be stored.
 */
type IndexAnswer = IndexHandoff | { error: string };

/** Why a build on a worker did not answer: the worker ran out of memory or could not start. */
export class WorkerFailure extends Error {}

/** The job this thread was started for, when it is an index worker. */
export function indexWorkerJob(): IndexJob | undefined {
  return isMainThread ? undefined : (workerData as { termbridgeIndexWorker?: IndexJob } | null)?.termbridgeIndexWorker;
}

/** The body of an index worker: build, store, answer with where the index is. */
export function runIndexWorker(job: IndexJob): void {
  let answer: IndexAnswer;
  const texts = job.sources.map((s) => s.text);
  testFaultInWorker(texts);
  try {
    testFaultOnBuild(texts);
    if (job.sharedCacheFile) loadStoredSections(job.sharedCacheFile);
    const built = buildAndStore(job.sources, job.cacheFile, job.saveIndex, false);
    answer = indexHandoff(built.glossary);
  } catch (e) {
    answer = { error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(answer);
}

/** Whether `script` (this bundle) can run a worker: a built `.js` file, not TypeScript source. */
export function canBuildOffThread(script: string): boolean {
  return script.endsWith('.js');
}

/**
 * Builds the index on a worker thread running `script`. A build that throws rejects with its error,
 * as it would in this thread; a worker that dies without answering rejects with `WorkerFailure`.
 */
export function buildOffThread(job: IndexJob, script: string): Promise<Glossary> {
  const megabytes = job.sources.reduce((n, s) => n + s.text.length, 0) / 1e6;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { termbridgeIndexWorker: job },
      // Over stdio the server's stdout is the protocol: whatever a worker prints goes to stderr.
      stdout: true,
      // The young generation is where remark's garbage lives: kept small, it is collected often and
      // never grows to hundreds of megabytes. The old one holds what is kept (sections, index).
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: Math.ceil(128 + 64 * megabytes) },
    });
    worker.stdout.pipe(process.stderr);
    let answered = false;
    worker.once('message', async (answer: IndexAnswer) => {
      answered = true;
      // The worker's heap (remark's sections and what is left of its garbage) is given back before
      // this thread parses the index, so that the two are never held at once.
      await worker.terminate().catch(() => undefined);
      try {
        if ('error' in answer) throw new Error(answer.error);
        // Read back as a second session reads it; gone meanwhile, it is built in this thread.
        const glossary = receiveIndex(answer);
        if (glossary) resolve(glossary);
        else reject(new WorkerFailure('the index the worker stored could not be read back'));
      } catch (e) {
        reject(e);
      }
    });
    worker.once('error', (e) => {
      answered = true;
      reject(new WorkerFailure(e.message));
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new WorkerFailure(`the index worker stopped (exit code ${code})`));
    });
  });
}
