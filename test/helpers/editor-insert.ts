/**
 * What VS Code does with a completion item of ours, with default settings: the language server's
 * text (continuation lines relative to the line), expanded as a snippet with each placeholder's
 * default and the first choice, every line after the first prefixed with the leading white space of
 * the line the item is accepted on (`InsertTextMode.adjustIndentation`), written over the insert range
 * (`editor.suggest.insertMode: insert`).
 */
import type { CompletionEntry } from '../../server/src/core/features';
import { leadingWhiteSpace, relativeToLine } from '../../server/src/lsp/worker/features/completion';

/** A snippet's text with placeholders resolved to their defaults (choices to their first value). */
export function expandSnippet(snippet: string): string {
  let i = 0;
  const read = (stopAtBrace: boolean): string => {
    let s = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
        s += snippet[i + 1];
        i += 2;
      } else if (stopAtBrace && c === '}') return s;
      else if (c === '$' && snippet[i + 1] === '{') {
        i += 2;
        while (/\d/.test(snippet[i])) i++;
        if (snippet[i] === ':') {
          i++;
          s += read(true);
        } else if (snippet[i] === '|') {
          const close = snippet.indexOf('|}', i + 1);
          s += snippet.slice(i + 1, close).split(',')[0];
          i = close + 1;
        }
        i++; // the closing brace
      } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        i++;
        while (/\d/.test(snippet[i])) i++;
      } else {
        s += c;
        i++;
      }
    }
    return s;
  };
  return read(false);
}

/** The text after accepting `entry` at its range, as VS Code writes it. */
export function acceptLikeVsCode(text: string, entry: CompletionEntry): string {
  const range = entry.insert ?? entry.replace;
  const lineIndent = leadingWhiteSpace(text, range.start);
  const sent = relativeToLine(entry.insertText, leadingWhiteSpace(text, entry.replace.start));
  const plain = entry.snippet ? expandSnippet(sent) : sent;
  const adjusted = plain
    .split('\n')
    .map((l, n) => (n === 0 ? l : lineIndent + l))
    .join('\n');
  return text.slice(0, range.start) + adjusted + text.slice(range.end);
}
