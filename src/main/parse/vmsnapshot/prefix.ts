import { bytesAt, clockAt, isDigit } from '../bytes';

/**
 * Byte-level matchers for the line prefixes of extension.log (docs/formats.md "extension.log"). Each one
 * is the exact equivalent of the regex named in its comment, run on the bytes of the line head instead
 * of on a decoded string, so a line is decoded only from where its message starts. `s` is where the
 * match must start, `e` the end of the head the regex would have seen (it never looks past it). The
 * head is Latin-1 for the regexes, so one byte is one character and byte offsets are string offsets.
 */

const dig2 = (buf: Buffer, i: number) => (buf[i] - 0x30) * 10 + (buf[i + 1] - 0x30);

/** `\d{4}<sep>\d\d<sep>\d\d \d\d:\d\d:\d\d` at `s` (19 bytes). */
export function dateTimeAt(buf: Buffer, s: number, e: number, sep: number): boolean {
  return (
    s + 19 <= e &&
    isDigit(buf[s]) &&
    isDigit(buf[s + 1]) &&
    isDigit(buf[s + 2]) &&
    isDigit(buf[s + 3]) &&
    buf[s + 4] === sep &&
    isDigit(buf[s + 5]) &&
    isDigit(buf[s + 6]) &&
    buf[s + 7] === sep &&
    isDigit(buf[s + 8]) &&
    isDigit(buf[s + 9]) &&
    buf[s + 10] === 0x20 &&
    clockAt(buf, s + 11, e)
  );
}

/** Digits from `i` (before `e`), at most `max + 1` counted: callers compare the count with their bound. */
function digitRun(buf: Buffer, i: number, e: number, max: number): number {
  let n = 0;
  while (i + n < e && n <= max && isDigit(buf[i + n])) n++;
  return n;
}

/**
 * Epoch ms of the date-time at `s` (checked by dateTimeAt) with `fracLen` fraction digits after the dot at
 * s+19: the same value as shared/time.ts `parseIsoLike`/`parseSlashed` on that text (same range checks; the
 * fraction v/10^n is the correctly rounded double `Number("0.<digits>")` gives).
 */
export function timeAt(buf: Buffer, s: number, fracLen: number): number {
  const y = dig2(buf, s) * 100 + dig2(buf, s + 2);
  const mo = dig2(buf, s + 5);
  const d = dig2(buf, s + 8);
  const h = dig2(buf, s + 11);
  const mi = dig2(buf, s + 14);
  const sec = dig2(buf, s + 17);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return NaN;
  let ms = 0;
  if (fracLen > 0) {
    let v = 0;
    for (let k = 0; k < fracLen; k++) v = v * 10 + (buf[s + 20 + k] - 0x30);
    ms = Math.floor((v / POW10[fracLen]) * 1000);
  }
  return dayMs(y, mo, d) + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
let lastDayKey = -1;
let lastDay = 0;
/** `Date.UTC(y, mo - 1, d)` for the last date seen (the rest of Date.UTC is exact integer arithmetic). */
function dayMs(y: number, mo: number, d: number): number {
  const key = y * 10_000 + mo * 100 + d;
  if (key !== lastDayKey) {
    lastDayKey = key;
    lastDay = Date.UTC(y, mo - 1, d);
  }
  return lastDay;
}

/** The last bracket matched (nearly every line repeats it): its bytes and decoded name. */
let lastBracket = Buffer.alloc(0);
let lastName = '';

/**
 * `\[([^\]\n]{1,200}?)-([\d.]+)\]` at `p` (the `[`): the end of the match (after `]`) or -1; `out.name` is the
 * name (Latin-1). The lazy name stops at the first `-` followed by a version and `]`. The match only ever
 * looks at the bytes it spans, so a line repeating the last bracket byte for byte has the same match.
 */
export function bracketAt(buf: Buffer, p: number, e: number, out: PrefixMatch): number {
  if (p >= e || buf[p] !== 0x5b) return -1;
  const n = lastBracket.length;
  if (n > 0 && p + n <= e) {
    let k = 1;
    while (k < n && buf[p + k] === lastBracket[k]) k++;
    if (k === n) {
      out.name = lastName;
      return p + n;
    }
  }
  for (let q = p + 2; q <= p + 201 && q < e; q++) {
    const last = buf[q - 1];
    if (last === 0x5d || last === 0x0a) return -1; // the name cannot hold `]` or a newline
    if (buf[q] !== 0x2d) continue;
    let k = q + 1;
    while (k < e && (isDigit(buf[k]) || buf[k] === 0x2e)) k++;
    if (k > q + 1 && k < e && buf[k] === 0x5d) {
      lastBracket = Buffer.from(buf.subarray(p, k + 1));
      lastName = buf.toString('latin1', p + 1, q);
      out.name = lastName;
      return k + 1;
    }
  }
  return -1;
}

export interface PrefixMatch {
  /** Where the message (the text after the matched prefix) starts. */
  msg: number;
  /** Epoch ms of the prefix's time (NaN when out of range). */
  t: number;
  /** Shape A/B: the handler name. */
  name: string;
  /** Shape B: `ERROR:`, `WARNING:` or '' (none); shape D: the level word. */
  level: string;
}

/** A: `^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?) \[([^\]\n]{1,200}?)-([\d.]+)\]`. */
export function matchA(buf: Buffer, s: number, e: number, out: PrefixMatch): boolean {
  if (!dateTimeAt(buf, s, e, 0x2d)) return false;
  let p = s + 19;
  let frac = 0;
  if (p < e && buf[p] === 0x2e) {
    frac = digitRun(buf, p + 1, e, 6);
    if (frac < 1 || frac > 6) return false;
    p += 1 + frac;
  }
  if (p >= e || buf[p] !== 0x20) return false;
  const end = bracketAt(buf, p + 1, e, out);
  if (end < 0) return false;
  out.msg = end;
  out.t = timeAt(buf, s, frac);
  return true;
}

const ERROR_COLON = Buffer.from('ERROR:');
const WARNING_COLON = Buffer.from('WARNING:');

/** B: `^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d) (ERROR:|WARNING:)?\[([^\]\n]{1,200}?)-([\d.]+)\]`. */
export function matchB(buf: Buffer, s: number, e: number, out: PrefixMatch): boolean {
  if (!dateTimeAt(buf, s, e, 0x2f) || s + 19 >= e || buf[s + 19] !== 0x20) return false;
  const p = s + 20;
  let level = '';
  let end = bytesAt(buf, p, e, ERROR_COLON) ? bracketAt(buf, p + 6, e, out) : -1;
  if (end >= 0) level = 'ERROR:';
  else {
    end = bytesAt(buf, p, e, WARNING_COLON) ? bracketAt(buf, p + 8, e, out) : -1;
    if (end >= 0) level = 'WARNING:';
    else end = bracketAt(buf, p, e, out);
  }
  if (end < 0) return false;
  out.msg = end;
  out.t = timeAt(buf, s, 0);
  out.level = level;
  return true;
}

const LEVEL_WORDS = ['Info', 'Warning', 'Error', 'Verbose'].map((w) => ({ w, b: Buffer.from(w) }));

/**
 * D / legacy C inner: `^(\d{4}<sep>\d\d<sep>\d\d \d\d:\d\d:\d\d\.\d{1,6}) {1,2}(Info|Warning|Error|Verbose) {1,2}`
 * (`-` for D_DASH and C, `/` for D). The backuplogger writes two spaces; one is the same line copied out of a page
 * that collapses runs of spaces (a rendered ticket or e-mail). `out.level` is the word, `out.t` the time.
 */
export function matchD(buf: Buffer, s: number, e: number, sep: number, out: PrefixMatch): boolean {
  if (!dateTimeAt(buf, s, e, sep) || s + 19 >= e || buf[s + 19] !== 0x2e) return false;
  const frac = digitRun(buf, s + 20, e, 6);
  if (frac < 1 || frac > 6) return false;
  let p = s + 20 + frac;
  if (p + 1 > e || buf[p] !== 0x20) return false;
  p += p + 1 < e && buf[p + 1] === 0x20 ? 2 : 1;
  for (const { w, b } of LEVEL_WORDS) {
    const q = p + b.length;
    if (bytesAt(buf, p, e, b) && q + 1 <= e && buf[q] === 0x20) {
      out.msg = q + 1 < e && buf[q + 1] === 0x20 ? q + 2 : q + 1;
      out.t = timeAt(buf, s, frac);
      out.level = w;
      return true;
    }
  }
  return false;
}

/** E: `^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (?!\[)`. */
export function matchE(buf: Buffer, s: number, e: number, out: PrefixMatch): boolean {
  if (!dateTimeAt(buf, s, e, 0x2d) || s + 19 >= e || buf[s + 19] !== 0x20) return false;
  if (s + 20 < e && buf[s + 20] === 0x5b) return false;
  out.msg = s + 20;
  out.t = timeAt(buf, s, 0);
  return true;
}

/** `\s` in the Latin-1 range: tab, LF, VT, FF, CR, space, NBSP. */
const isSpace = (b: number) => (b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0;

/** BARE_SLASHED: `^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\s*$`. */
export function matchBareSlashed(buf: Buffer, s: number, e: number): boolean {
  if (!dateTimeAt(buf, s, e, 0x2f)) return false;
  for (let i = s + 19; i < e; i++) if (!isSpace(buf[i])) return false;
  return true;
}
