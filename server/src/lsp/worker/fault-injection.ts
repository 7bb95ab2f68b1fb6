/**
 * Fault injection for tests of the scheduling: with ARGO_STUDIO_FAULT_SLOW_MS and
 * ARGO_STUDIO_FAULT_SLOW_MATCH set, the analysis of a document whose URI contains the match blocks
 * its worker for that long (like a pathological input would), every time it is analysed.
 */
const SLOW_MS = Number(process.env.ARGO_STUDIO_FAULT_SLOW_MS ?? '0');
const SLOW_MATCH = process.env.ARGO_STUDIO_FAULT_SLOW_MATCH ?? '';

export function injectedDelay(uri: string): void {
  if (!(SLOW_MS > 0) || SLOW_MATCH === '' || !uri.includes(SLOW_MATCH)) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLOW_MS);
}
