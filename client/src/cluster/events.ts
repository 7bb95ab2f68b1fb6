/** A tiny typed event emitter (no `vscode` import: the cluster layer is plain Node). */

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  /** Subscribes; the returned object unsubscribes. */
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  /** Calls every listener; a throwing listener does not stop the others. */
  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch {
        // A listener's failure is its own business.
      }
    }
  }

  get size(): number {
    return this.listeners.length;
  }

  dispose(): void {
    this.listeners = [];
  }
}
