/**
 * The one place where line ends are normalised for the line-reading features (completion, hover,
 * cursor context). CRLF becomes ` \n` and a lone CR becomes `\n`: the same length, so every offset
 * stays valid, and every line reader sees `\n` ends (a trailing space is white space to all of them).
 */
export function lfView(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n')) : text;
}
