import type { LogRecord } from '../../shared';

/*
 * The message column shows what the record says, not the raw line again: the time, level and source
 * have their own columns, so their copies at the start of the first line are left out, and the long
 * handler prefix (`[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]`) is cut to the handler's
 * short name. Every pattern is anchored and bounded (log text is hostile).
 */
const TIME = /^\[?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?[ \t]{0,8}/;
const LEVEL = /^(?:INFO|WARNING|WARN|ERROR|VERBOSE|DEBUG|CRITICAL|Info|Warning|Warn|Error|Verbose|Debug)\b:?[ \t]{0,8}/;
const HANDLER = /^\[([A-Za-z][\w.]{0,150})(-\d[\d.]{0,30})?\][ \t]{0,8}/;

export function messageOf(r: Pick<LogRecord, 'text' | 'source' | 'thread'>, firstLine?: string): string {
  let s = firstLine ?? firstLineOf(r.text);
  const start = s;
  s = s.replace(TIME, '');
  if (s === start) return s; // no leading time: the line is not in a known layout; show it as written
  s = s.replace(LEVEL, '');
  // `ExtHandler ExtHandler …` (process and thread), `Daemon Daemon …`
  for (const word of [r.source, r.thread]) {
    if (word && s.startsWith(word + ' ')) s = s.slice(word.length + 1).trimStart();
  }
  if (r.source && s.startsWith(r.source + ' ')) s = s.slice(r.source.length + 1).trimStart();
  const h = HANDLER.exec(s);
  if (h) {
    const name = h[1];
    const short = name.slice(name.lastIndexOf('.') + 1);
    // The source column already names this handler: drop the prefix; otherwise keep it short.
    s = r.source && (r.source === short || r.source === name) ? s.slice(h[0].length) : `[${short}${h[2] ?? ''}] ${s.slice(h[0].length)}`;
  }
  return s.length ? s : start;
}

export function firstLineOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

/**
 * Splits `text` into plain and matching runs for highlighting (at most `max` matches; a zero-length match
 * ends the search). `match` returns the [start, end) of the first match at or after `from`, or null.
 */
export function splitMatches(text: string, match: (s: string, from: number) => [number, number] | null, max = 50): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (let n = 0; n < max && at <= text.length; n++) {
    const m = match(text, at);
    if (!m || m[1] <= m[0]) break;
    if (m[0] > at) out.push({ text: text.slice(at, m[0]), hit: false });
    out.push({ text: text.slice(m[0], m[1]), hit: true });
    at = m[1];
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/** A matcher for `splitMatches`: case-insensitive substring, or a regex (null when the regex is invalid). */
export function findMatcher(needle: string, regex: boolean): ((s: string, from: number) => [number, number] | null) | null {
  if (!needle) return null;
  if (!regex) {
    const n = needle.toLowerCase();
    return (s, from) => {
      const i = s.toLowerCase().indexOf(n, from);
      return i < 0 ? null : [i, i + n.length];
    };
  }
  let re: RegExp;
  try {
    re = new RegExp(needle, 'gi');
  } catch {
    return null;
  }
  return (s, from) => {
    re.lastIndex = from;
    const m = re.exec(s);
    return m ? [m.index, m.index + m[0].length] : null;
  };
}

/** The browser's message for an invalid regex, or null when it is valid. */
export function regexError(text: string): string | null {
  try {
    new RegExp(text);
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
