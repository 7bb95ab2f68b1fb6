/**
 * The state of the logs view, without the DOM: the mirrored line store, the steps, the user's view
 * options, and what is visible (step filter, search filter) with the search matches. Unit-tested in
 * Node; the webview renders from it.
 */
import { stripAnsi } from '../../../client/src/logs/ansi';
import { exportText } from '../../../client/src/logs/export-text';
import { LineStore } from '../../../client/src/logs/line-store';
import type { LogLine, StepView } from '../../../client/src/logs/log-types';
import type { SessionInfo } from '../../../client/src/logs/log-types';
import type { ViewOptions } from '../../../client/src/logs/messages';
import { compileSearch, type Matcher } from './search';

/** A step's state in a word or two (status line, step picker). */
export function stepStatusWord(s: StepView, info: SessionInfo | undefined): string {
  switch (s.status.kind) {
    case 'waiting':
      return `waiting (${s.status.reason})`;
    case 'scheduling':
      return 'waiting to be scheduled';
    case 'ended':
      return s.status.reason === 'completed' ? 'done' : s.status.reason;
    case 'pending':
      return info && !info.streamAll ? 'not followed' : 'pending';
    default:
      return s.status.kind;
  }
}

export const DEFAULT_VIEW: ViewOptions = {
  timestamps: false,
  wrap: false,
  follow: true,
  search: '',
  regex: false,
  caseSensitive: false,
  filter: false,
  step: undefined,
};

export class LogsModel {
  store = new LineStore(100_000);
  steps: readonly StepView[] = [];
  info: SessionInfo | undefined;
  opts: ViewOptions = DEFAULT_VIEW;
  matcher: Matcher | undefined;
  searchError: string | undefined;
  /** Store indexes of the visible lines; undefined when every line is visible. */
  private visible: number[] | undefined;
  /** View indexes of the lines that match the search. */
  matches: number[] = [];
  private readonly plainCache = new WeakMap<LogLine, string>();
  /** Search results per line for the current query: +gen when it matches, -gen when not. */
  private readonly matchCache = new WeakMap<LogLine, number>();
  private matchGen = 1;
  private dirty = true;

  reset(lines: readonly LogLine[], steps: readonly StepView[], info: SessionInfo | undefined): void {
    this.store = new LineStore(info?.maxLines ?? this.store.max);
    this.store.add(lines);
    this.steps = steps;
    this.info = info;
    this.dirty = true;
  }

  update(lines: readonly LogLine[], steps?: readonly StepView[], info?: SessionInfo): void {
    if (info && info.maxLines !== this.store.max) this.store.setMax(info.maxLines);
    if (lines.length > 0) this.store.add(lines);
    if (steps) this.steps = steps;
    if (info) this.info = info;
    this.dirty = true;
  }

  setOptions(change: Partial<ViewOptions>): void {
    this.opts = { ...this.opts, ...change };
    if ('search' in change || 'regex' in change || 'caseSensitive' in change) {
      const c = compileSearch({ text: this.opts.search, regex: this.opts.regex, caseSensitive: this.opts.caseSensitive });
      this.matcher = c.ok ? c.matcher : undefined;
      this.searchError = c.ok ? undefined : c.error;
      this.matchGen++;
    }
    this.dirty = true;
  }

  /** The step index of the step filter, or undefined for all steps. */
  stepFilter(): number | undefined {
    return this.opts.step === undefined ? undefined : (this.steps.find((s) => s.podName === this.opts.step)?.index ?? -2);
  }

  plain(line: LogLine): string {
    let p = this.plainCache.get(line);
    if (p === undefined) {
      p = line.notice ? line.text : stripAnsi(line.text);
      this.plainCache.set(line, p);
    }
    return p;
  }

  /** Does the line match the search (cached per query, so a refresh while streaming tests only new lines)? */
  isMatch(line: LogLine): boolean {
    const m = this.matcher;
    if (!m) return false;
    const v = this.matchCache.get(line);
    if (v === this.matchGen) return true;
    if (v === -this.matchGen) return false;
    const hit = m.test(this.plain(line));
    this.matchCache.set(line, hit ? this.matchGen : -this.matchGen);
    return hit;
  }

  /** Recomputes what is visible and the matches (when something changed). */
  refresh(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const step = this.stepFilter();
    const m = this.matcher;
    const filterOn = this.opts.filter && m !== undefined;
    const n = this.store.size;
    if (step === undefined && !filterOn) {
      this.visible = undefined;
    } else {
      const vis: number[] = [];
      for (let i = 0; i < n; i++) {
        const l = this.store.at(i);
        if (step !== undefined && l.step !== step && l.step !== -1) continue;
        if (filterOn && !this.isMatch(l)) continue;
        vis.push(i);
      }
      this.visible = vis;
    }
    const matches: number[] = [];
    if (m) {
      const count = this.count;
      for (let i = 0; i < count; i++) if (filterOn || this.isMatch(this.line(i))) matches.push(i);
    }
    this.matches = matches;
    return true;
  }

  get count(): number {
    return this.visible ? this.visible.length : this.store.size;
  }

  line(i: number): LogLine {
    return this.store.at(this.visible ? this.visible[i] : i);
  }

  /** Prefix lines with the step when more than one step can show. */
  get showStep(): boolean {
    return this.opts.step === undefined && this.steps.length > 1;
  }

  /** The text of what is visible (for copy / save as). */
  exportVisible(): string {
    const lines: LogLine[] = [];
    for (let i = 0; i < this.count; i++) lines.push(this.line(i));
    return exportText(lines, this.steps, { timestamps: this.opts.timestamps, stepPrefix: this.showStep });
  }

  /** Summary for the status line. */
  status(): string {
    const by = new Map<string, number>();
    for (const s of this.steps) {
      const k = stepStatusWord(s, this.info);
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    const parts = [
      `${this.store.size.toLocaleString('en-US')} line${this.store.size === 1 ? '' : 's'}${this.count !== this.store.size ? ` (${this.count.toLocaleString('en-US')} shown)` : ''}`,
    ];
    if (this.steps.length > 0) parts.push(`${this.steps.length} step${this.steps.length === 1 ? '' : 's'}: ${[...by].map(([k, v]) => `${v} ${k}`).join(', ')}`);
    if (this.info?.done) parts.push('workflow finished');
    return parts.join(' · ');
  }
}
