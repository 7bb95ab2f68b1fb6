/**
 * The editor pattern: what VS Code sends after each keystroke. The change, then at once
 * textDocument/documentSymbol (outline, breadcrumbs), foldingRange, codeLens, codeAction at the cursor
 * (context = the shown diagnostics under the cursor, triggerKind automatic) and, with the graph panel
 * open, argoStudio/graph (the extension sends it 300 ms after the last edit; here right after the edit,
 * so the server's own cost shows). A new edit cancels ($/cancelRequest) what is pending of the previous
 * version, as VS Code does.
 *
 * Two runs per server: typing cadence (the next edit once everything of the previous one is answered)
 * and fast typing (bursts of 10 edits 50 ms apart regardless; the figure is the last edit of a burst ->
 * the diagnostics of that last version).
 */
import {
  CancellationTokenSource,
  CodeActionTriggerKind,
  type Diagnostic,
  type Position,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GRAPH_REQUEST_METHOD, type GraphRequestParams } from '../server/src/core/graph';
import { BenchClient, type Failure, type Outcome, type ServerUnderTest } from './bench-client';
import { Sampler, type Stat } from './stats';

export interface EditorOptions {
  /** Also send argoStudio/graph (the graph panel is open). */
  readonly graph: boolean;
  /** Edits at typing cadence. */
  readonly edits: number;
  /** Fast-typing bursts (10 edits, 50 ms apart, each). */
  readonly bursts: number;
  /** Bound of every wait (a request, the diagnostics of a version). */
  readonly timeoutMs: number;
  /** Bound of each run (typing, fast typing): no new edit after it (a wait in flight finishes or times out). */
  readonly budgetMs: number;
}

export interface EditorNumbers {
  readonly server: string;
  readonly graph: boolean;
  /** open -> diagnostics of version 1 (the open's requests sent alongside). */
  readonly openMs: number | null;
  /** open -> every request of the open answered and its diagnostics published. */
  readonly openEveryAnswerMs: number | null;
  readonly openFailure?: string;
  readonly findings: number | null;
  readonly typing: {
    readonly edits: number;
    readonly diagnostics: Stat;
    readonly everyAnswer: Stat;
    readonly graph?: Stat;
    /** edit -> answer, by method. */
    readonly requests: Record<string, Stat>;
    readonly stopped?: string;
  };
  readonly fastTyping: {
    readonly bursts: number;
    readonly editsPerBurst: number;
    readonly intervalMs: number;
    /** last edit of a burst -> diagnostics of that version. */
    readonly lastDiagnostics: Stat;
    /** last edit of a burst -> every answer of that version and its diagnostics. */
    readonly lastEveryAnswer: Stat;
    readonly lastGraph?: Stat;
    /**
     * Requests of a superseded version still pending when the next edit was sent (so cancelled with
     * $/cancelRequest): then answered anyway, answered "cancelled" (RequestCancelled / ServerCancelled), failed.
     */
    readonly superseded: {
      readonly cancelledPending: number;
      readonly answered: number;
      readonly cancelled: number;
      readonly failed: number;
      readonly failures: string[];
    };
    readonly stopped?: string;
  };
  /** VmHWM of the server process (worker threads included) at the end. */
  readonly peakRssMb: number | null;
  /** Requests of the pattern the server does not declare in its capabilities (not sent). */
  readonly skipped: string[];
  /** The server publishes diagnostics without a version: "diagnostics of version v" is then the first publication after the change. */
  readonly unversionedDiagnostics: boolean;
  readonly error?: string;
}

const EDITOR_REQUESTS = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/codeAction'] as const;
const BURST_EDITS = 10;
const BURST_INTERVAL_MS = 50;
const URI = 'file:///bench/workflow.yaml';

interface PendingRequest {
  readonly method: string;
  readonly source: CancellationTokenSource;
  readonly outcome: Promise<Outcome<unknown>>;
  /** Set once the outcome is known. */
  readonly state: { settled: boolean };
}

function pending(method: string, source: CancellationTokenSource, outcome: Promise<Outcome<unknown>>): PendingRequest {
  const state = { settled: false };
  void outcome.then(() => {
    state.settled = true;
  });
  return { method, source, outcome, state };
}

/** What was sent for one version: the change (or open) at `t0`, the requests, the diagnostics wait. */
interface Round {
  readonly t0: number;
  readonly requests: PendingRequest[];
  readonly diagnostics?: Promise<Outcome<PublishDiagnosticsParams>>;
}

interface Settled {
  readonly diagnostics?: Outcome<PublishDiagnosticsParams>;
  readonly requests: { readonly method: string; readonly outcome: Outcome<unknown> }[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function contains(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

/** A graph answer `{ ok: false }` is a failure too. */
async function graphOutcome(p: Promise<Outcome<unknown>>): Promise<Outcome<unknown>> {
  const o = await p;
  if (!o.ok) return o;
  const v = o.value as { ok?: boolean; error?: string } | null;
  return v && v.ok === true ? o : { ok: false, at: o.at, failure: 'error', message: `graph: ${v?.error ?? 'no answer'}` };
}

class EditorSession {
  private doc: TextDocument;
  readonly skipped: string[];

  constructor(
    readonly client: BenchClient,
    text: string,
    private readonly opts: EditorOptions,
  ) {
    this.doc = TextDocument.create(URI, 'yaml', 1, text);
    this.skipped = [...EDITOR_REQUESTS, GRAPH_REQUEST_METHOD].filter((m) => (m !== GRAPH_REQUEST_METHOD || opts.graph) && !client.supports(m));
  }

  get version(): number {
    return this.doc.version;
  }

  get text(): string {
    return this.doc.getText();
  }

  /** Sends the pattern's requests for the current version, the cursor at `cursor`. */
  private sendRequests(cursor: Position, graph: boolean): PendingRequest[] {
    const uri = this.doc.uri;
    const shown = this.client.shownDiagnostics(uri).filter((d) => contains(d, cursor));
    const params: Record<string, unknown> = {
      'textDocument/documentSymbol': { textDocument: { uri } },
      'textDocument/foldingRange': { textDocument: { uri } },
      'textDocument/codeLens': { textDocument: { uri } },
      'textDocument/codeAction': {
        textDocument: { uri },
        range: { start: cursor, end: cursor },
        context: { diagnostics: shown, triggerKind: CodeActionTriggerKind.Automatic },
      },
    };
    const out: PendingRequest[] = [];
    for (const method of EDITOR_REQUESTS) {
      if (!this.client.supports(method)) continue;
      const source = new CancellationTokenSource();
      out.push(pending(method, source, this.client.request(method, params[method], { timeoutMs: this.opts.timeoutMs, source })));
    }
    if (graph && this.opts.graph && this.client.supports(GRAPH_REQUEST_METHOD)) {
      const source = new CancellationTokenSource();
      const p: GraphRequestParams = { uri, direction: 'TB', collapsed: [], showArtifacts: true, offset: this.doc.offsetAt(cursor) };
      out.push(pending(GRAPH_REQUEST_METHOD, source, graphOutcome(this.client.request(GRAPH_REQUEST_METHOD, p, { timeoutMs: this.opts.timeoutMs, source }))));
    }
    return out;
  }

  async open(): Promise<Round> {
    const diagnostics = this.client.diagnostics(this.doc.uri, 1, this.opts.timeoutMs);
    const t0 = performance.now();
    await this.client.open(this.doc.uri, this.doc.getText(), 1);
    return { t0, requests: this.sendRequests({ line: 0, character: 0 }, true), diagnostics };
  }

  /** Applies one change (a new version), then sends the requests; waits for the diagnostics only if `awaitDiagnostics`. */
  async edit(change: TextDocumentContentChangeEvent, cursor: Position, o: { graph: boolean; awaitDiagnostics: boolean }): Promise<Round> {
    const version = this.doc.version + 1;
    this.doc = TextDocument.update(this.doc, [change], version);
    const diagnostics = o.awaitDiagnostics ? this.client.diagnostics(this.doc.uri, version, this.opts.timeoutMs) : undefined;
    const t0 = performance.now();
    await this.client.change(this.doc.uri, version, [change]);
    return { t0, requests: this.sendRequests(cursor, o.graph), diagnostics };
  }
}

async function settle(r: Round): Promise<Settled> {
  const [diagnostics, ...outcomes] = await Promise.all([r.diagnostics, ...r.requests.map((q) => q.outcome)]);
  return { diagnostics, requests: r.requests.map((q, i) => ({ method: q.method, outcome: outcomes[i] as Outcome<unknown> })) };
}

/** The first failure of a settled round (timeouts first), if any. */
function firstFailure(s: Settled): { failure: Failure; message: string } | undefined {
  const all = [s.diagnostics, ...s.requests.map((r) => r.outcome)].filter((o): o is Outcome<unknown> => o !== undefined);
  const failed = all.filter((o) => !o.ok);
  const pick = failed.find((o) => !o.ok && o.failure === 'timeout') ?? failed[0];
  return pick && !pick.ok ? { failure: pick.failure, message: pick.message } : undefined;
}

/** Records edit -> diagnostics, edit -> every answer and edit -> graph of a settled round. */
function record(r: Round, s: Settled, into: { diagnostics: Sampler; everyAnswer: Sampler; graph?: Sampler; requests?: Map<string, Sampler> }): void {
  if (s.diagnostics) {
    if (s.diagnostics.ok) into.diagnostics.add(s.diagnostics.at - r.t0);
    else into.diagnostics.fail(s.diagnostics.failure);
  }
  for (const q of s.requests) {
    if (q.method === GRAPH_REQUEST_METHOD && into.graph) {
      if (q.outcome.ok) into.graph.add(q.outcome.at - r.t0);
      else into.graph.fail(q.outcome.failure);
    }
    if (into.requests) {
      const m = into.requests.get(q.method) ?? new Sampler();
      into.requests.set(q.method, m);
      if (q.outcome.ok) m.add(q.outcome.at - r.t0);
      else m.fail(q.outcome.failure);
    }
  }
  const failed = firstFailure(s);
  if (failed) into.everyAnswer.fail(failed.failure);
  else into.everyAnswer.add(Math.max(s.diagnostics?.at ?? r.t0, ...s.requests.map((q) => q.outcome.at)) - r.t0);
}

/** Places inside string values spread over the document: `value: "|...`. */
function editTargets(text: string): Position[] {
  const lines = text.split('\n');
  return [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => {
    let line = Math.floor(lines.length * f);
    while (line < lines.length - 1 && !/value: "/.test(lines[line])) line++;
    const at = lines[line].indexOf('value: "');
    return { line, character: at >= 0 ? at + 8 : 0 };
  });
}

/** Runs the editor pattern on `text` in a fresh server. Never throws; failures are in the numbers. */
export async function measureEditorPattern(server: ServerUnderTest, text: string, opts: EditorOptions): Promise<EditorNumbers> {
  const diagnostics = new Sampler();
  const everyAnswer = new Sampler();
  const graph = opts.graph ? new Sampler() : undefined;
  const requests = new Map<string, Sampler>();
  const lastDiagnostics = new Sampler();
  const lastEveryAnswer = new Sampler();
  const lastGraph = opts.graph ? new Sampler() : undefined;
  const superseded = { cancelledPending: 0, answered: 0, cancelled: 0, failed: 0, failures: [] as string[] };
  const cancelledByUs = new Set<PendingRequest>();
  let openMs: number | null = null;
  let openEveryAnswerMs: number | null = null;
  let openFailure: string | undefined;
  let findings: number | null = null;
  let typingStopped: string | undefined;
  let fastStopped: string | undefined;
  let edits = 0;
  let bursts = 0;
  let peakRssMb: number | null = null;
  let skipped: string[] = [];
  let unversioned = false;
  let error: string | undefined;

  let client: BenchClient | undefined;
  try {
    client = await BenchClient.start(server);
    const session = new EditorSession(client, text, opts);
    skipped = session.skipped;

    // Open: the editor asks for the outline, folding, lenses and actions (and the graph) at once.
    const openRound = await session.open();
    const opened = await settle(openRound);
    if (opened.diagnostics?.ok) {
      openMs = opened.diagnostics.at - openRound.t0;
      findings = opened.diagnostics.value.diagnostics.length;
    }
    const openFailed = firstFailure(opened);
    if (openFailed) openFailure = `${openFailed.failure}: ${openFailed.message.slice(0, 200)}`;
    else openEveryAnswerMs = Math.max(opened.diagnostics?.at ?? openRound.t0, ...opened.requests.map((q) => q.outcome.at)) - openRound.t0;
    // A timeout or a dead server ends the measure; an error answer is recorded and typing goes on.
    const fatal = (f: { failure: Failure } | undefined): boolean => client?.exited === true || f?.failure === 'timeout';

    // Typing cadence: one character inserted, then deleted, at five places in turn.
    const targets = editTargets(text);
    const typingStart = performance.now();
    let gaveUp = false;
    for (let i = 0; i < opts.edits && !fatal(openFailed); i++) {
      if (performance.now() - typingStart > opts.budgetMs) {
        typingStopped = `budget of ${opts.budgetMs} ms reached after ${i} edits`;
        break;
      }
      const pos = targets[i % targets.length];
      const insert = i % 2 === 0;
      const change = insert
        ? { range: { start: pos, end: pos }, text: 'x' }
        : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      const cursor = insert ? { line: pos.line, character: pos.character + 1 } : pos;
      const round = await session.edit(change, cursor, { graph: true, awaitDiagnostics: true });
      const settled = await settle(round);
      record(round, settled, { diagnostics, everyAnswer, graph, requests });
      edits++;
      const failed = firstFailure(settled);
      if (fatal(failed)) {
        gaveUp = true;
        typingStopped = `${client.exited ? 'server exited' : failed?.failure} at edit ${i + 1}: ${failed?.message.slice(0, 200)}`;
        break;
      }
    }

    // Fast typing: bursts of 10 characters typed 50 ms apart; each edit cancels the previous version's requests.
    const fastStart = performance.now();
    for (let b = 0; b < opts.bursts && !fatal(openFailed) && !gaveUp; b++) {
      if (performance.now() - fastStart > opts.budgetMs) {
        fastStopped = `budget of ${opts.budgetMs} ms reached after ${b} bursts`;
        break;
      }
      const at = targets[(b * 2 + 1) % targets.length];
      const rounds: Round[] = [];
      const start = performance.now();
      for (let k = 0; k < BURST_EDITS; k++) {
        await sleep(start + k * BURST_INTERVAL_MS - performance.now());
        const pos = { line: at.line, character: at.character + k };
        const last = k === BURST_EDITS - 1;
        // The extension debounces the graph request (300 ms): during a burst only the last edit asks for it.
        const round = await session.edit(
          { range: { start: pos, end: pos }, text: 'x' },
          { line: pos.line, character: pos.character + 1 },
          { graph: last, awaitDiagnostics: last },
        );
        for (const q of rounds[rounds.length - 1]?.requests ?? []) {
          if (q.state.settled) continue;
          cancelledByUs.add(q);
          q.source.cancel();
        }
        rounds.push(round);
      }
      const lastRound = rounds[rounds.length - 1];
      const settled = await settle(lastRound);
      record(lastRound, settled, { diagnostics: lastDiagnostics, everyAnswer: lastEveryAnswer, graph: lastGraph });
      for (const r of rounds.slice(0, -1)) {
        await settle(r);
        for (const q of r.requests) {
          if (!cancelledByUs.has(q)) continue;
          const o = await q.outcome;
          superseded.cancelledPending++;
          if (o.ok) superseded.answered++;
          else if (o.failure === 'cancelled') superseded.cancelled++;
          else {
            superseded.failed++;
            const m = `${q.method}: ${o.failure}: ${o.message.slice(0, 160)}`;
            if (superseded.failures.length < 3 && !superseded.failures.includes(m)) superseded.failures.push(m);
          }
        }
      }
      bursts++;
      const failed = firstFailure(settled);
      if (fatal(failed)) {
        fastStopped = `${client.exited ? 'server exited' : failed?.failure} in burst ${b + 1}: ${failed?.message.slice(0, 200)}`;
        break;
      }
    }
    peakRssMb = client.peakRssMb();
    unversioned = client.unversionedDiagnostics;
    if (client.exited) error = `server exited: ${client.stderr.slice(-300)}`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    await client?.stop();
  }
  const nan = (x: number | null): number | null => (x === null || Number.isNaN(x) ? null : Math.round(x * 10) / 10);
  return {
    server: server.name,
    graph: opts.graph,
    openMs: nan(openMs),
    openEveryAnswerMs: nan(openEveryAnswerMs),
    ...(openFailure ? { openFailure } : {}),
    findings,
    typing: {
      edits,
      diagnostics: diagnostics.stat(),
      everyAnswer: everyAnswer.stat(),
      ...(graph ? { graph: graph.stat() } : {}),
      requests: Object.fromEntries([...requests].map(([k, v]) => [k, v.stat()])),
      ...(typingStopped ? { stopped: typingStopped } : {}),
    },
    fastTyping: {
      bursts,
      editsPerBurst: BURST_EDITS,
      intervalMs: BURST_INTERVAL_MS,
      lastDiagnostics: lastDiagnostics.stat(),
      lastEveryAnswer: lastEveryAnswer.stat(),
      ...(lastGraph ? { lastGraph: lastGraph.stat() } : {}),
      superseded,
      ...(fastStopped ? { stopped: fastStopped } : {}),
    },
    peakRssMb: nan(peakRssMb),
    skipped,
    unversionedDiagnostics: unversioned,
    ...(error ? { error } : {}),
  };
}
