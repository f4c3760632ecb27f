// Entry point of the language server. `createConnection` picks the transport from the arguments:
// `--stdio` (Neovim, Helix, Emacs...) or `--node-ipc` (the VS Code client).

// The same bundle, on a worker thread, builds a big glossary's index (see index-worker.ts).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { indexWorkerJob, runIndexWorker } from './index-worker';
import { startServer } from './server';

const job = indexWorkerJob();
if (job) runIndexWorker(job);
else startServer(createConnection(ProposedFeatures.all));
