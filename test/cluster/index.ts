// Public entry of the cluster test fixture.
export { startEmulator, type Emulator, type EmulatorOptions } from './emulator/start.js';
export type { FailRule, RequestMatch, ExpiredMode } from './emulator/faults.js';
export type { DenyRule } from './emulator/auth.js';
export type { RequestRecord } from './emulator/api-context.js';
export type { KubeObject } from './emulator/types.js';
export { ManualClock, RealClock, type Clock } from './controller/clock.js';
export type { PodScript, PodScriptSource, PodRunContext } from './controller/scripts.js';
export type { NodeStatus, NodePhase, NodeType } from './controller/wf-types.js';
export { fnv32a, nodeId, podName } from './controller/node-ids.js';
