import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type ParallelInput, runLintWorker } from './lint-files';
import { run } from './main';
import { type ParseInput, runParseWorker } from './parse-ahead';

// The same bundle is the CLI and, on worker threads, the parse and lint workers of `--jobs`.
const data = workerData as { termbridgeLintWorker?: ParallelInput; termbridgeParseWorker?: ParseInput } | null;
if (!isMainThread && data?.termbridgeLintWorker) {
  parentPort!.postMessage(runLintWorker(data.termbridgeLintWorker));
} else if (!isMainThread && data?.termbridgeParseWorker) {
  parentPort!.postMessage(runParseWorker(data.termbridgeParseWorker));
} else {
  // A reader that stops early (`termbridge lint docs | head`) closes the pipe: the rest of the report
  // is dropped, quietly, and the run ends with its own exit code (not a stack trace for EPIPE).
  let readerGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    readerGone = true;
  });
  run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => {
      if (!readerGone) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
