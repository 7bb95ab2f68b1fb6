import { setFlagsFromString } from 'node:v8';
import { startServer } from './lsp/protocol/start-server';

// Grow the heaps (this thread's and the analysis workers') by 20 % between full collections rather
// than V8's default (up to 2x): each edit's analysis leaves its predecessor as garbage, and the
// default growth let a 1000-task document's server peak near 190 MB instead of 150 MB. Measured: no
// slower per edit.
setFlagsFromString('--heap-growing-percent=20');

// The protocol thread: routes messages; the analysis runs in workers started from server-worker.js.
startServer();
