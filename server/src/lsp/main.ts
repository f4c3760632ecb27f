// Entry point of the language server. `createConnection` picks the transport from the arguments:
// `--stdio` (Neovim, Helix, Emacs...) or `--node-ipc` (the VS Code client).

// The same bundle, on a worker thread, builds a big glossary's index (see index-worker.ts).

import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { indexWorkerJob, runIndexWorker } from './index-worker';
import { startServer } from './server';

const job = indexWorkerJob();
if (job) runIndexWorker(job);
else {
  // Every edit leaves the last reading and the text it read (0.9 MB for a 10,000-line document) to
  // the collector, and V8 by default lets the heap grow to several times what is live before a full
  // collection: 100 edits took the server from 150 to 230 MB. Collecting once the heap is 20% over
  // what was live after the last collection keeps it near 160 MB, at no cost to an edit's latency
  // that the benchmark can tell (the marking runs concurrently). Read by V8 at every collection,
  // so it can be set here; the index worker's heap follows the same rule.
  setFlagsFromString('--heap-growing-percent=20');
  startServer(createConnection(ProposedFeatures.all));
}
