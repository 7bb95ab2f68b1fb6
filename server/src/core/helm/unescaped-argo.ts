import type { Finding, Fix } from '../types';
import type { TemplateAction } from './template-actions';

/** A bare `{{inputs.parameters.x}}` in a Helm template: Helm fails on it; the fix escapes it so Helm writes it for Argo. */
export function unescapedArgoFinding(text: string, a: TemplateAction): Finding {
  const original = text.slice(a.start, a.end);
  const root = /^=|^[A-Za-z]+/.exec(a.body)?.[0] ?? a.body;
  const escaped = original.includes('`') ? `{{ "{{" }}${original.slice(2, -2)}{{ "}}" }}` : `{{\`${original}\`}}`;
  const fix: Fix = { title: `Escape for Helm: ${escaped}`, edits: [{ range: { start: a.start, end: a.end }, newText: escaped }], preferred: true };
  const why = root === '=' ? 'an expression tag is no Go template syntax' : `function "${root}" not defined`;
  return {
    code: 'helm-unescaped-argo-variable',
    severity: 'error',
    message: `Helm evaluates ${original} as a template action and fails (${why}). Escape it so that Argo receives it: ${escaped}`,
    range: { start: a.start, end: a.end },
    fixes: [fix],
  };
}
