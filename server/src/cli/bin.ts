import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type ParallelInput, runLintWorker } from './lint-files';
import { run } from './main';

// The same bundle is the CLI and, on worker threads, the lint workers of `--jobs`.
const input = (workerData as { termbridgeLintWorker?: ParallelInput } | null)?.termbridgeLintWorker;
if (!isMainThread && input) {
  parentPort!.postMessage(runLintWorker(input));
} else {
  run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
