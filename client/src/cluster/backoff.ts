/** Exponential backoff with "equal jitter": half the delay is fixed, half random. */

export interface BackoffOptions {
  /** Delay of the first retry (default 500 ms). */
  readonly initialMs?: number;
  /** Upper bound (default 30 s). */
  readonly maxMs?: number;
  readonly factor?: number;
}

export function backoffDelay(attempt: number, opts: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = opts.initialMs ?? 500;
  const max = opts.maxMs ?? 30_000;
  const base = Math.min(max, initial * (opts.factor ?? 2) ** Math.max(0, attempt));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** An abortable sleep (tests pass a shorter one). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
