/**
 * Journeys 4 and 5: submit to the API emulator, the runs view, the live graph and the logs panel.
 * They need the cluster features of issues 5 (submit, runs view, run overlay on the graph) and 6 (logs
 * panel); each test checks package.json `contributes` first and skips, naming what is missing, when
 * a feature is not there yet.
 */
import { test, type TestContext } from 'node:test';
import { commandTitle, contributes, type Journey, type Session } from './harness';

export interface Features {
  submit?: { id: string; title: string };
  runsView?: { id: string; name: string; container: string };
  openLogs?: { id: string; title: string };
}

/** The cluster features the extension contributes now. */
export function clusterFeatures(): Features {
  const c = contributes();
  const f: Features = {};
  const submit = (c.commands ?? []).find((x) => /^argoStudio\.(submit|submitWorkflow|runs\.submit|cluster\.submit)$/.test(x.command));
  if (submit) f.submit = { id: submit.command, title: commandTitle(submit.command) ?? submit.title };
  for (const [container, views] of Object.entries(c.views ?? {})) {
    const v = views.find((x) => /runs/i.test(x.id));
    if (v) f.runsView = { id: v.id, name: v.name, container };
  }
  const logs = commandTitle('argoStudio.openLogs');
  if (logs) f.openLogs = { id: 'argoStudio.openLogs', title: logs };
  return f;
}

function missing(f: Features, need: (keyof Features)[]): string | undefined {
  const what: Record<keyof Features, string> = {
    submit: 'a submit command (argoStudio.submit*, issue 5)',
    runsView: 'a runs view (contributes.views, issue 5)',
    openLogs: 'the logs command argoStudio.openLogs (issue 6)',
  };
  const absent = need.filter((k) => !f[k]).map((k) => what[k]);
  return absent.length ? `not contributed by package.json yet: ${absent.join('; ')}` : undefined;
}

export function runJourneys(_session: () => Session, _report: (j: Journey) => void): void {
  test('journey 4: submit dag-diamond.yaml; the run succeeds in the runs view, the graph and the logs panel', { timeout: 240_000 }, (t: TestContext) => {
    const why = missing(clusterFeatures(), ['submit', 'runsView', 'openLogs']);
    if (why) return t.skip(why);
    return t.todo('journey 4 is not written against the contributed commands yet');
  });

  test('journey 5: a failing run is red in the graph with its message, and its logs open from the node', { timeout: 240_000 }, (t: TestContext) => {
    const why = missing(clusterFeatures(), ['submit', 'runsView', 'openLogs']);
    if (why) return t.skip(why);
    return t.todo('journey 5 is not written against the contributed commands yet');
  });
}
