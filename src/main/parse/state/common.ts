import type { Evidence, TimeZoneKnowledge } from '../../../shared';
import { evidenceText, MAX_EVIDENCE } from '../../../shared/clip';
import { TooLargeError, type FileContent } from '../../ingest/content';
import type { ParseSink } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/** Helpers shared by the state, system and Windows parsers: evidence lines (redacted by evidenceText), safe reads. */

export { MAX_EVIDENCE };

/** State files are small; anything bigger than this is not a real state file and is not loaded whole. */
const STATE_TEXT_MAX = 8 * 1024 * 1024;

/** The 1-based line holding `needle` (first occurrence at or after `from`), 0 when absent. */
export function lineOf(text: string, needle: string | RegExp, from = 0): number {
  let idx: number;
  if (typeof needle === 'string') idx = text.indexOf(needle, from);
  else {
    const re = new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    idx = m ? m.index : -1;
  }
  if (idx < 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < idx; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The text of 1-based line `n` (redacted, cut to MAX_EVIDENCE). */
export function lineText(text: string, n: number): string {
  if (n < 1) return '';
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return '';
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  return evidenceText(text.slice(start, end).replace(/\r$/, ''));
}

/** Evidence for a whole-file or one-line fact. */
export function evidence(file: string, line: number, text: string, timeMs = NaN, zone: TimeZoneKnowledge = 'none'): Evidence {
  const ok = Number.isFinite(timeMs);
  return { file, line, time: ok ? new Date(timeMs).toISOString() : null, zone: ok ? zone : 'none', text: evidenceText(text) };
}

/**
 * Reads a small structured file as text. Too large or unreadable → a warning and null (never
 * throws). A NUL byte in the head means binary: warned and skipped.
 */
export async function readSmallText(content: FileContent, sink: ParseSink, max = STATE_TEXT_MAX): Promise<string | null> {
  let text: string;
  try {
    text = await content.text(max);
  } catch (e) {
    if (e instanceof TooLargeError) sink.warn(msg('parse.too-large', { size: e.size, max: e.max }));
    else sink.warn(msg('parse.unreadable', { error: (e as Error).message }));
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // a file pre-allocated or cut by a crash ends in NUL padding: drop it, the rest is still text
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  if (end < text.length) {
    sink.warn(msg('parse.nul-tail', { count: text.length - end }));
    text = text.slice(0, end);
  }
  const head = text.slice(0, 4096);
  if (head.includes('\u0000')) {
    sink.warn(msg('parse.binary-state'));
    return null;
  }
  if (text.includes('\ufffd')) sink.warn(msg('parse.not-utf8'));
  return text;
}

/**
 * Parses JSON leniently: the agent writes some files with a trailing NUL padding or a truncated tail.
 * Returns undefined (and warns with the parser's position) when nothing usable is there.
 */
export function parseJson(text: string, sink: ParseSink): unknown {
  const t = stripNul(text).trim();
  if (!t) return undefined;
  try {
    return JSON.parse(t);
  } catch (e) {
    const error = (e as Error).message;
    const pos = /position (\d+)/.exec(error);
    const line = pos ? lineOf(t, /[\s\S]/, Number(pos[1])) || undefined : undefined;
    sink.warn(msg('parse.invalid-json', { error: error.slice(0, 200) }), line);
    return undefined;
  }
}

/** Drops NUL bytes (files pre-allocated or cut by a crash end in NUL padding). */
export function stripNul(s: string): string {
  return s.split('\u0000').join('');
}

/** `var/lib/waagent/<Handler>-<Version>/...` → handler name and version. */
export function handlerFromPath(vmPath: string): { handler: string; version: string } | null {
  const m = /(?:^|\/)(?:var\/lib\/waagent|Packages\/Plugins)\/([^/]+)\/(.*)$/i.exec(vmPath.replace(/\\/g, '/'));
  if (!m) return null;
  // Windows: Packages/Plugins/<Handler>/<Version>/...
  if (/Packages\/Plugins/i.test(vmPath)) {
    const v = /^([^/]+)\//.exec(m[2]);
    return { handler: m[1], version: v ? v[1] : '' };
  }
  const hv = /^(.+?)-(\d+(?:\.\d+)*)$/.exec(m[1]);
  if (!hv) return null;
  return { handler: hv[1], version: hv[2] };
}

export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
export const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
};
