/** Retry delays and an abortable, wakeable sleep. */

/** Attempt 1 retries at once (a dropped stream resumes immediately), then 250 ms doubling to `capMs`, ±20 % jitter. */
export function retryDelayMs(attempt: number, capMs = 10_000, random: () => number = Math.random): number {
  if (attempt <= 1) return 0;
  const base = Math.min(capMs, 250 * 2 ** (attempt - 2));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Waiting for a container to start: 500 ms, 1 s, 2 s, then every `capMs`. */
export function waitDelayMs(attempt: number, capMs = 5_000): number {
  return Math.min(capMs, 500 * 2 ** Math.max(0, attempt - 1));
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Resolves after ms, or at once when the signal aborts (never rejects). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
