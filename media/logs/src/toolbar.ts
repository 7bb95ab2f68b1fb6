/** Toolbar, search bar, banner and status line of the logs view (DOM APIs only, no inline handlers). */
import type { LogRange, SessionInfo } from '../../../client/src/logs/log-types';
import type { StepView } from '../../../client/src/logs/log-types';
import type { ViewOptions } from '../../../client/src/logs/messages';
import { stepStatusWord } from './view-model';

export interface ToolbarActions {
  step(podName: string | undefined): void;
  container(name: string): void;
  range(range: LogRange): void;
  toggle(option: 'follow' | 'timestamps' | 'wrap' | 'regex' | 'caseSensitive' | 'filter'): void;
  search(text: string): void;
  next(backwards: boolean): void;
  copy(): void;
  save(): void;
}

export interface Toolbar {
  readonly search: HTMLInputElement;
  /** The status line; the caller places it below the list. */
  readonly statusElement: HTMLElement;
  setSteps(steps: readonly StepView[], selected: string | undefined, info: SessionInfo | undefined): void;
  setContainers(containers: readonly string[], selected: string): void;
  setRange(range: LogRange): void;
  setOptions(o: ViewOptions): void;
  setMatches(current: number, total: number, error: string | undefined): void;
  setStatus(text: string): void;
  setBanner(text: string | undefined): void;
}

const RANGES: readonly { label: string; range: LogRange }[] = [
  { label: 'All lines', range: {} },
  { label: 'Last 100 lines', range: { tailLines: 100 } },
  { label: 'Last 1,000 lines', range: { tailLines: 1000 } },
  { label: 'Last 10,000 lines', range: { tailLines: 10000 } },
  { label: 'Since 5 minutes', range: { sinceSeconds: 300 } },
  { label: 'Since 1 hour', range: { sinceSeconds: 3600 } },
  { label: 'Since 1 day', range: { sinceSeconds: 86400 } },
];

function rangeKey(r: LogRange): string {
  return `${r.tailLines ?? ''}/${r.sinceSeconds ?? ''}`;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

function select(title: string, onChange: (value: string) => void): HTMLSelectElement {
  const s = document.createElement('select');
  s.title = title;
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

function options(s: HTMLSelectElement, items: readonly { value: string; label: string; title?: string }[], selected: string): void {
  const same = s.options.length === items.length && items.every((it, i) => s.options[i].value === it.value && s.options[i].textContent === it.label);
  if (!same) {
    s.replaceChildren(
      ...items.map((it) => {
        const o = document.createElement('option');
        o.value = it.value;
        o.textContent = it.label;
        if (it.title) o.title = it.title;
        return o;
      }),
    );
  }
  s.value = selected;
}

export function buildToolbar(root: HTMLElement, a: ToolbarActions): Toolbar {
  const bar = document.createElement('div');
  bar.className = 'toolbar';
  bar.setAttribute('role', 'toolbar');
  const stepSel = select('Step', (v) => a.step(v === '' ? undefined : v));
  const containerSel = select('Container', (v) => a.container(v));
  const rangeSel = select('Since / tail', (v) => a.range(RANGES[Number(v)]?.range ?? {}));
  options(
    rangeSel,
    RANGES.map((r, i) => ({ value: String(i), label: r.label })),
    '0',
  );
  const toggles = {
    follow: button('Follow', 'Follow new lines (End)', () => a.toggle('follow')),
    timestamps: button('Timestamps', 'Show timestamps', () => a.toggle('timestamps')),
    wrap: button('Wrap', 'Wrap long lines', () => a.toggle('wrap')),
  };
  const search = document.createElement('input');
  search.type = 'search';
  search.placeholder = 'Search (Ctrl+F)';
  search.title = 'Search: Enter next, Shift+Enter previous, Esc clears';
  search.setAttribute('aria-label', 'Search the logs');
  search.addEventListener('input', () => a.search(search.value));
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      a.next(e.shiftKey);
    } else if (e.key === 'Escape') {
      search.value = '';
      a.search('');
    }
  });
  const searchToggles = {
    caseSensitive: button('Aa', 'Match case', () => a.toggle('caseSensitive')),
    regex: button('.*', 'Regular expression', () => a.toggle('regex')),
    filter: button('Filter', 'Show only matching lines', () => a.toggle('filter')),
  };
  const count = document.createElement('span');
  count.className = 'count';
  const sep = (): HTMLElement => {
    const s = document.createElement('span');
    s.className = 'sep';
    return s;
  };
  bar.append(
    stepSel,
    containerSel,
    rangeSel,
    sep(),
    toggles.follow,
    toggles.timestamps,
    toggles.wrap,
    sep(),
    search,
    searchToggles.caseSensitive,
    searchToggles.regex,
    searchToggles.filter,
    button('↑', 'Previous match (Shift+Enter)', () => a.next(true)),
    button('↓', 'Next match (Enter)', () => a.next(false)),
    count,
    sep(),
    button('Copy', 'Copy the lines shown', () => a.copy()),
    button('Save as…', 'Save the lines shown to a file', () => a.save()),
  );
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.hidden = true;
  const status = document.createElement('div');
  status.className = 'status';
  status.setAttribute('aria-live', 'polite');
  root.append(bar, banner);

  return {
    search,
    statusElement: status,
    setSteps(steps, selected, info) {
      const all = info && !info.streamAll ? 'All steps (start all)' : 'All steps';
      options(
        stepSel,
        [
          { value: '', label: all },
          ...steps.map((s) => ({
            value: s.podName,
            label: `${s.label} — ${s.status.kind === 'ended' && s.status.reason === 'completed' ? s.podPhase.toLowerCase() || 'done' : stepStatusWord(s, info)}`,
            title: `${s.nodeName} (pod ${s.podName})`,
          })),
        ],
        selected ?? '',
      );
    },
    setContainers(containers, selected) {
      const list = containers.includes(selected) ? containers : [selected, ...containers];
      options(
        containerSel,
        list.map((c) => ({ value: c, label: c })),
        selected,
      );
    },
    setRange(range) {
      const i = RANGES.findIndex((r) => rangeKey(r.range) === rangeKey(range));
      rangeSel.value = String(i < 0 ? 0 : i);
    },
    setOptions(o) {
      for (const [k, b] of Object.entries({ ...toggles, ...searchToggles }))
        b.setAttribute('aria-pressed', String(o[k as keyof typeof toggles | keyof typeof searchToggles]));
      if (document.activeElement !== search) search.value = o.search;
    },
    setMatches(current, total, error) {
      count.textContent = error
        ? 'bad regex'
        : total === 0
          ? search.value
            ? 'no match'
            : ''
          : current < 0
            ? `${total} match${total === 1 ? '' : 'es'}`
            : `${current + 1}/${total}`;
      count.title = error ?? '';
      search.classList.toggle('error', error !== undefined);
    },
    setStatus(text) {
      status.textContent = text;
    },
    setBanner(text) {
      banner.hidden = text === undefined;
      banner.textContent = text ?? '';
    },
  };
}
