/**
 * Exact de-duplication across resumed log streams.
 *
 * A resumed stream asks for `sinceTime` = the last timestamp seen, truncated to the second, so the
 * server sends again every line of that second. Lines older than the last timestamp were shown and are
 * dropped. Lines *at* the last timestamp are matched one by one against the lines already shown at
 * that timestamp (count and content, in order): those are dropped, anything after them is new. A
 * line that genuinely repeats (same text, same timestamp) is therefore never lost: it is only dropped
 * when it is the replay of a line already shown at the same position.
 */

export class ResumeFilter {
  private lastKey: string | undefined;
  /** Texts shown at `lastKey`, in order. */
  private group: string[] = [];
  private replaying = false;
  private replayIndex = 0;
  private dropped = 0;

  /** True once a line has been shown: a new stream must resume from sinceTime. */
  get started(): boolean {
    return this.lastKey !== undefined;
  }

  get lastTimestampKey(): string | undefined {
    return this.lastKey;
  }

  /** Lines dropped as replays so far. */
  get droppedCount(): number {
    return this.dropped;
  }

  /** Call when a new stream starts after lines were shown. */
  beginResume(): void {
    this.replaying = this.lastKey !== undefined;
    this.replayIndex = 0;
  }

  /**
   * Decides whether a line is new. `key` undefined (no timestamp) counts as the last timestamp.
   * Returns the key to show the line with, or undefined to drop it.
   */
  accept(key: string | undefined, text: string): string | undefined {
    const k = key ?? this.lastKey;
    if (k === undefined) return ''; // no timestamp and nothing seen yet: nothing to compare with
    if (this.lastKey === undefined || k > this.lastKey) {
      this.replaying = false;
      this.lastKey = k;
      this.group = [text];
      return k;
    }
    if (k === this.lastKey) {
      if (this.replaying) {
        if (this.replayIndex < this.group.length && this.group[this.replayIndex] === text) {
          this.replayIndex++;
          this.dropped++;
          return undefined;
        }
        this.replaying = false; // past the lines already shown (or the server's log changed)
      }
      this.group.push(text);
      return k;
    }
    // Older than the last timestamp.
    if (this.replaying) {
      this.dropped++;
      return undefined;
    }
    return k; // out of order in a live stream: show it, the cursor stays
  }
}
