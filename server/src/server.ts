import { startServer } from './lsp/protocol/start-server';

// The protocol thread: routes messages; the analysis runs in workers started from server-worker.js.
startServer();
