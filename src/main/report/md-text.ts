// Markdown escaping for text from the logs, shared by the report and the CLI's `--format md` summary (which must
// not load the report's renderers).

/** Things a Markdown renderer turns into links by themselves (GFM autolinks): URLs, www. names, mail addresses. */
export const AUTOLINK = /((?<![\w/])(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s<>`]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi;

/** Escapes Markdown (and inline HTML) in running text and table cells; links go into code spans. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .split(AUTOLINK)
    .map((part, i) => (i % 2 === 1 ? mdCode(part) : part.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1')))
    .join('');
}

/**
 * Log text as an inline code span (a table cell's log text): nothing inside is Markdown, links stay text.
 * The fence is one backtick longer than any run inside; `|` is escaped because a GFM table splits on it
 * even inside code.
 */
export function mdCode(s: string): string {
  const body = s.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  if (!body) return '';
  const fence = '`'.repeat(Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
