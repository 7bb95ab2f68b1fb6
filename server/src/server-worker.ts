import { runWorker } from './lsp/worker/worker-main';

// An analysis worker of the language server (started by the protocol thread, one of a small pool).
runWorker();
