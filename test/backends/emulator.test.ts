// The client suite of client-suite.ts against the API emulator (real clock, 1 s requeue). The same
// suite runs against a real cluster with `npm run test:real-cluster` (real-cluster.real.ts).
import { defineClientSuite } from './client-suite';
import { startEmulatorBackend } from './emulator-backend';

defineClientSuite(startEmulatorBackend, false);
