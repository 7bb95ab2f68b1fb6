/**
 * A virtualised list: only the rows in (and near) the viewport exist in the DOM. Rows may span
 * several text rows (wrapped or expanded lines); their offsets are prefix sums, recomputed in one
 * pass when the content changes.
 */

export interface RowSource {
  count(): number;
  /** Text rows of line i (1 unless wrapped or expanded). */
  rows(i: number): number;
  render(i: number): HTMLElement;
}

const OVERSCAN = 15;

export class VirtualList {
  readonly scroller: HTMLElement;
  private readonly layer: HTMLElement;
  private offsets = new Float64Array(1);
  private n = 0;
  /** Where our own last scroll went: a scroll event that lands there is ours, not the user's. */
  private programmaticTop: number | undefined;
  private userIntentAt = 0;
  lineHeight = 18;

  constructor(
    parent: HTMLElement,
    private readonly source: RowSource,
    private readonly onUserScroll: (atBottom: boolean) => void,
  ) {
    this.scroller = document.createElement('div');
    this.scroller.className = 'scroller';
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'log');
    this.scroller.setAttribute('aria-live', 'off');
    this.layer = document.createElement('div');
    this.layer.className = 'layer';
    this.scroller.append(this.layer);
    parent.append(this.scroller);
    // Only scrolls the user asked for (wheel, keys, scroll bar, touch) may pause or resume following:
    // the browser also scrolls when the content shrinks (a filter), and our own scrolls are marked.
    const intent = (): void => {
      this.userIntentAt = Date.now();
    };
    for (const ev of ['wheel', 'pointerdown', 'keydown', 'touchstart']) this.scroller.addEventListener(ev, intent, { passive: true });
    this.scroller.addEventListener('scroll', () => {
      this.render();
      // Compare positions, not "the next event": scroll events are coalesced per frame, so a user's
      // scroll can arrive in the same event as (or right after) one of ours.
      const ours = this.programmaticTop !== undefined && Math.abs(this.scroller.scrollTop - this.programmaticTop) < 1;
      this.programmaticTop = undefined;
      if (ours) return;
      if (Date.now() - this.userIntentAt < 1500) this.onUserScroll(this.isAtBottom());
    });
  }

  /** Rows in the DOM now (for tests: the list is virtual). */
  get renderedRows(): number {
    return this.layer.childElementCount;
  }

  /** Recomputes offsets (content changed) and renders. */
  invalidate(): void {
    const n = this.source.count();
    if (this.offsets.length < n + 1) this.offsets = new Float64Array(Math.max(n + 1, this.offsets.length * 2));
    let y = 0;
    for (let i = 0; i < n; i++) {
      this.offsets[i] = y;
      y += this.source.rows(i);
    }
    this.offsets[n] = y;
    this.n = n;
    this.layer.style.height = `${y * this.lineHeight}px`;
    this.render();
  }

  /** The first line at or below text row `row`. */
  private indexAtRow(row: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid + 1] <= row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  render(): void {
    const lh = this.lineHeight;
    const top = this.scroller.scrollTop / lh;
    const bottom = (this.scroller.scrollTop + this.scroller.clientHeight) / lh;
    const first = Math.max(0, this.indexAtRow(top) - OVERSCAN);
    const last = Math.min(this.n, this.indexAtRow(bottom) + 1 + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const el = this.source.render(i);
      el.style.top = `${this.offsets[i] * lh}px`;
      el.style.height = `${(this.offsets[i + 1] - this.offsets[i]) * lh}px`;
      el.dataset.index = String(i);
      rows.push(el);
    }
    this.layer.replaceChildren(...rows);
  }

  isAtBottom(): boolean {
    return this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - this.lineHeight;
  }

  scrollToBottom(): void {
    const target = Math.max(0, this.scroller.scrollHeight - this.scroller.clientHeight);
    if (Math.abs(this.scroller.scrollTop - target) < 1) return;
    this.scroller.scrollTop = target;
    this.programmaticTop = this.scroller.scrollTop;
    this.render();
  }

  /** Brings line i into view (centred when it is off screen). */
  scrollToIndex(i: number): void {
    if (i < 0 || i >= this.n) return;
    const y = this.offsets[i] * this.lineHeight;
    const h = (this.offsets[i + 1] - this.offsets[i]) * this.lineHeight;
    const st = this.scroller.scrollTop;
    if (y >= st && y + h <= st + this.scroller.clientHeight) return;
    this.scroller.scrollTop = Math.max(0, y - this.scroller.clientHeight / 2);
    this.programmaticTop = this.scroller.scrollTop;
    this.render();
  }
}
