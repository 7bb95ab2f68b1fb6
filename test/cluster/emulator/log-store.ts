// Container logs as the kubelet would keep them: per pod UID, container and restart instance, each line
// with the time it was written. Followers are told about new lines and about the end of the container.

export interface LogEntry {
  /** Milliseconds since the epoch, on the emulator's clock. */
  time: number;
  text: string;
}

export type LogSignal = { kind: 'line'; entry: LogEntry } | { kind: 'end' };

interface ContainerLog {
  entries: LogEntry[];
  ended: boolean;
  listeners: Set<(s: LogSignal) => void>;
}

function key(uid: string, container: string, instance: number): string {
  return `${uid}/${container}/${instance}`;
}

/** Go's time.RFC3339Nano in UTC: trailing zeros of the fraction are dropped. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const m = /^(.*T\d\d:\d\d:\d\d)\.(\d{3})Z$/.exec(iso);
  if (!m) return iso;
  const frac = `${m[2]}000000`.replace(/0+$/, '');
  return frac === '' ? `${m[1]}Z` : `${m[1]}.${frac}Z`;
}

export class LogStore {
  private readonly logs = new Map<string, ContainerLog>();
  /** Pods the kubelet does not know yet (their log answers 404 through the apiserver). */
  private readonly unadmitted = new Set<string>();
  /** Containers that have started (uid/container). */
  private readonly startedContainers = new Set<string>();

  /** The kubelet has not admitted the pod yet. */
  hold(uid: string): void {
    this.unadmitted.add(uid);
  }

  admit(uid: string): void {
    this.unadmitted.delete(uid);
  }

  admitted(uid: string): boolean {
    return !this.unadmitted.has(uid);
  }

  markStarted(uid: string, container: string): void {
    this.startedContainers.add(`${uid}/${container}`);
  }

  started(uid: string, container: string): boolean {
    return this.startedContainers.has(`${uid}/${container}`);
  }

  private entry(uid: string, container: string, instance: number): ContainerLog {
    const k = key(uid, container, instance);
    let log = this.logs.get(k);
    if (!log) this.logs.set(k, (log = { entries: [], ended: false, listeners: new Set() }));
    return log;
  }

  append(uid: string, container: string, instance: number, text: string, time: number): void {
    const log = this.entry(uid, container, instance);
    if (log.ended) return;
    const e: LogEntry = { time, text };
    log.entries.push(e);
    for (const l of [...log.listeners]) l({ kind: 'line', entry: e });
  }

  end(uid: string, container: string, instance: number): void {
    const log = this.entry(uid, container, instance);
    if (log.ended) return;
    log.ended = true;
    for (const l of [...log.listeners]) l({ kind: 'end' });
  }

  lines(uid: string, container: string, instance: number): LogEntry[] {
    return [...(this.logs.get(key(uid, container, instance))?.entries ?? [])];
  }

  ended(uid: string, container: string, instance: number): boolean {
    return this.logs.get(key(uid, container, instance))?.ended ?? false;
  }

  subscribe(uid: string, container: string, instance: number, fn: (s: LogSignal) => void): () => void {
    const log = this.entry(uid, container, instance);
    log.listeners.add(fn);
    return () => log.listeners.delete(fn);
  }

  /** The pod is gone: end every follower of its containers, and forget its logs. */
  dropPod(uid: string): void {
    this.unadmitted.delete(uid);
    for (const k of this.startedContainers) if (k.startsWith(`${uid}/`)) this.startedContainers.delete(k);
    for (const [k, log] of this.logs) {
      if (!k.startsWith(`${uid}/`)) continue;
      for (const l of [...log.listeners]) l({ kind: 'end' });
      this.logs.delete(k);
    }
  }
}
