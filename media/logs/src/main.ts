/**
 * Logs webview entry: mirrors the host's line store from reset/update messages, renders the visible
 * lines in a virtual list at most once per frame, follows new lines, searches and filters, and keeps
 * the user's choices (setState) so the view comes back as it was.
 */
import type { LogRange, SessionInfo } from '../../../client/src/logs/log-types';
import { logFileName } from '../../../client/src/logs/export-text';
import type { ExportAction, HostMessage, PersistedLogsState, ViewOptions, WebviewMessage } from '../../../client/src/logs/messages';
import { renderLine } from './render-line';
import { buildToolbar } from './toolbar';
import { DEFAULT_VIEW, LogsModel } from './view-model';
import { VirtualList } from './virtual-list';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PersistedLogsState | undefined;
  setState(state: PersistedLogsState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const TRUNCATE_AT = 4000;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
const model = new LogsModel();
model.setOptions({ ...DEFAULT_VIEW, ...(saved?.view ?? {}) });
let hasSavedView = saved?.view !== undefined;
let currentMatch = -1;
let lastFocusPod: string | undefined;
/** namespace/workflow of the run shown. */
let shownTarget: string | undefined;
let empty: string | undefined;
const expanded = new Set<number>();
let charWidth = 7;
let frame = 0;
let fallback: ReturnType<typeof setTimeout> | undefined;
let contentChanged = true;

const post = (m: WebviewMessage): void => vscode.postMessage(m);

function persist(): void {
  const info = model.info;
  vscode.setState({ ...(info ? { target: info.target, container: info.container, range: info.range } : {}), view: model.opts });
}

const app = document.getElementById('app') ?? document.body;
const toolbar = buildToolbar(app, {
  step: (pod) => {
    if (pod === undefined && model.info && !model.info.streamAll) post({ type: 'streamAll' });
    setOptions({ step: pod });
  },
  container: (c) => post({ type: 'setContainer', container: c }),
  range: (r: LogRange) => post({ type: 'setRange', range: r }),
  toggle: (k) => {
    setOptions({ [k]: !model.opts[k] });
    if (k === 'follow' && model.opts.follow) list.scrollToBottom();
  },
  search: (text) => {
    currentMatch = -1;
    setOptions({ search: text });
  },
  next: (back) => gotoMatch(back),
  copy: () => doExport('copy'),
  save: () => doExport('save'),
});

const list = new VirtualList(
  app,
  {
    count: () => model.count,
    rows: (i) => rowsOf(i),
    render: (i) => {
      const line = model.line(i);
      return renderLine(line, {
        steps: model.steps,
        showStep: model.showStep,
        timestamps: model.opts.timestamps,
        wrap: model.opts.wrap,
        matcher: model.matcher,
        current: currentMatch >= 0 && model.matches[currentMatch] === i,
        expanded: expanded.has(line.seq),
        truncateAt: TRUNCATE_AT,
        plain: model.plain(line),
        onToggle: (seq) => {
          if (expanded.has(seq)) expanded.delete(seq);
          else expanded.add(seq);
          contentChanged = true;
          schedule();
        },
      });
    },
  },
  (atBottom) => {
    // Scrolling up pauses following; scrolling back to the end resumes it.
    if (atBottom !== model.opts.follow) setOptions({ follow: atBottom });
  },
);
app.append(toolbar.statusElement);

/** Text columns left for the line text after the step and timestamp columns. */
function textColumns(): number {
  const stepCh = model.showStep ? stepWidth() + 1 : 0;
  const tsCh = model.opts.timestamps ? 25 : 0;
  return Math.max(10, Math.floor((list.scroller.clientWidth - 16) / charWidth) - stepCh - tsCh);
}

let cols = 80;
function rowsOf(i: number): number {
  const line = model.line(i);
  const wrapped = model.opts.wrap || expanded.has(line.seq);
  if (!wrapped) return 1;
  const len = Math.min(model.plain(line).length, expanded.has(line.seq) ? Infinity : TRUNCATE_AT + 30);
  return Math.max(1, Math.ceil(len / cols));
}

function stepWidth(): number {
  return Math.min(24, Math.max(4, ...model.steps.map((s) => s.label.length)));
}

function measure(): void {
  const probe = document.createElement('span');
  probe.className = 'probe';
  probe.textContent = 'M'.repeat(100);
  app.append(probe);
  const w = probe.getBoundingClientRect().width / 100;
  const h = probe.getBoundingClientRect().height;
  probe.remove();
  if (w > 0) charWidth = w;
  if (h > 0) list.lineHeight = Math.ceil(h);
  document.documentElement.style.setProperty('--line-height', `${list.lineHeight}px`);
  document.documentElement.style.setProperty('--step-width', `${stepWidth()}ch`);
}

function setOptions(change: Partial<ViewOptions>): void {
  model.setOptions(change);
  hasSavedView = true;
  contentChanged = true;
  persist();
  schedule();
}

function gotoMatch(back: boolean): void {
  model.refresh();
  const n = model.matches.length;
  if (n === 0) return;
  if (currentMatch < 0) {
    // The first match after (or before) the top of the view.
    const top = Number(list.scroller.querySelector<HTMLElement>('.row')?.dataset.index ?? 0);
    const i = model.matches.findIndex((m) => m >= top);
    currentMatch = back ? (i <= 0 ? n - 1 : i - 1) : i < 0 ? 0 : i;
  } else currentMatch = (currentMatch + (back ? n - 1 : 1)) % n;
  if (model.opts.follow) model.setOptions({ follow: false });
  list.scrollToIndex(model.matches[currentMatch]);
  contentChanged = true;
  schedule();
}

function doExport(action: ExportAction): void {
  const step = model.opts.step ? model.steps.find((s) => s.podName === model.opts.step)?.label : undefined;
  post({
    type: 'export',
    action,
    text: model.exportVisible(),
    fileName: logFileName(model.info?.target.workflowName ?? 'logs', step, model.info?.container ?? 'main'),
  });
}

/** Draws at the next animation frame (at most once per frame), or after 100 ms if frames are held back. */
function schedule(): void {
  if (frame) return;
  frame = requestAnimationFrame(draw);
  fallback = setTimeout(draw, 100);
}

function applyInfo(info: SessionInfo | undefined): void {
  if (!info) return;
  toolbar.setContainers(info.containers.length > 0 ? info.containers : [info.container], info.container);
  toolbar.setRange(info.range);
  if (info.focusPod !== lastFocusPod) {
    lastFocusPod = info.focusPod;
    if (info.focusPod !== undefined) model.setOptions({ step: info.focusPod });
  }
}

function draw(): void {
  if (frame) cancelAnimationFrame(frame);
  if (fallback) clearTimeout(fallback);
  frame = 0;
  fallback = undefined;
  const changed = model.refresh() || contentChanged;
  contentChanged = false;
  toolbar.setOptions(model.opts);
  toolbar.setSteps(model.steps, model.opts.step, model.info);
  document.body.classList.toggle('wrap', model.opts.wrap);
  document.documentElement.style.setProperty('--step-width', `${stepWidth()}ch`);
  if (currentMatch >= model.matches.length) currentMatch = model.matches.length - 1;
  toolbar.setMatches(currentMatch, model.matches.length, model.searchError);
  toolbar.setStatus(model.status());
  toolbar.setBanner(empty ?? model.info?.banner);
  if (changed) {
    cols = textColumns();
    list.invalidate();
  }
  if (model.opts.follow) list.scrollToBottom();
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'reset': {
      empty = m.empty;
      if (!hasSavedView) model.setOptions(m.defaults);
      // Another run than the one the saved step filter belongs to: start from its focus (or all steps).
      const target = m.info ? `${m.info.target.namespace}/${m.info.target.workflowName}` : undefined;
      const before = saved?.target ? `${saved.target.namespace}/${saved.target.workflowName}` : undefined;
      if (target !== undefined && target !== (shownTarget ?? before)) {
        model.setOptions({ step: m.info?.focusPod });
        lastFocusPod = m.info?.focusPod;
      }
      shownTarget = target ?? shownTarget;
      model.reset(m.lines, m.steps, m.info);
      expanded.clear();
      currentMatch = -1;
      applyInfo(m.info);
      persist();
      break;
    }
    case 'update':
      empty = undefined;
      model.update(m.lines, m.steps, m.info);
      applyInfo(m.info);
      if (m.info) persist();
      break;
    case 'focus':
      lastFocusPod = m.podName;
      model.setOptions({ step: m.podName, follow: true });
      persist();
      break;
    case 'requestExport':
      doExport(m.action);
      return;
  }
  contentChanged = true;
  schedule();
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => onMessage(e.data));
window.addEventListener('resize', () => {
  contentChanged = true;
  schedule();
});
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
    e.preventDefault();
    toolbar.search.focus();
    toolbar.search.select();
  } else if (e.key === 'End' && document.activeElement !== toolbar.search) {
    setOptions({ follow: true });
    list.scrollToBottom();
  }
});
measure();
schedule();
post({ type: 'ready', state: saved });
