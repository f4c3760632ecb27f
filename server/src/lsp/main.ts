// Entry point of the language server. `createConnection` picks the transport from the arguments:
// `--stdio` (Neovim, Helix, Emacs...) or `--node-ipc` (the VS Code client).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
