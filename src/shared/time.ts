/** Time helpers of the parsers and the analysis. All results are epoch milliseconds (NaN when invalid). */

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/;
const SLASH_RE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/;

/** `2024-01-14T22:16:48.792020Z` or `2024-01-14 22:16:48.792020` (zone decided by the caller). */
export function parseIsoLike(s: string): number {
  const m = ISO_RE.exec(s);
  if (!m) return NaN;
  return utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7]);
}

/**
 * An ISO 8601 time the platform wrote in a status or an instance view (`2024-01-14T22:16:48Z`, with an offset, or with
 * no zone, which is then UTC): epoch ms, NaN for anything else.
 */
export function parsePlatformIso(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s)) return NaN;
  return Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s}Z`);
}

/** `2021/03/30 19:35:35.971742` (old agent eras and the waagent-2.0 logger; VM local time). */
export function parseSlashed(s: string): number {
  const m = SLASH_RE.exec(s);
  if (!m) return NaN;
  return utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7]);
}

/** A platform ISO time with nothing after it but its `Z` (`2013-06-13T00:26:20.184797500Z`, an event's XML SystemTime). */
export function parseIsoUtc(s: string): number {
  const t = s.trim();
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(t) ? parseIsoLike(t) : NaN;
}

// ---- Windows local times, as .NET and Event Viewer print them in the exporting machine's locale ----

/** Day and month in the order to be decided (`3/07/2023 10:25:59 AM`, `21/03/2023 17:40:29`, `21.03.2023 17:40:29`). */
const WINDOWS_LOCAL = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AaPp])\.?[Mm]\.?)?/;
/** Year first, as Japanese and Chinese Windows print it (`2021/10/01 12:00:00`). */
const WINDOWS_LOCAL_YMD = /(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})/;
/**
 * A labelled line that holds a date alone, as Windows Server 2003's copy of an event gives it (`Date: 21/12/2001`, its
 * clock on the `Time:` line after it).
 */
const WINDOWS_DATE_ONLY = /^[^\n:]{1,40}:[ \t]*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ \t]*\r?$/gm;

/**
 * A Windows local time (month first unless `dayFirst`; year first when it starts with the year; a 12-hour clock's
 * AM/PM), as UTC fields of the wall clock: epoch ms, NaN when there is none or it is not a date.
 */
export function parseWindowsLocal(s: string, dayFirst: boolean): number {
  const ymd = WINDOWS_LOCAL_YMD.exec(s);
  if (ymd) return utcMs(+ymd[1], +ymd[2], +ymd[3], +ymd[4], +ymd[5], +ymd[6], undefined);
  const m = WINDOWS_LOCAL.exec(s);
  if (!m) return NaN;
  let [mo, d] = [+m[1], +m[2]];
  if (dayFirst) [mo, d] = [d, mo];
  let h = +m[4];
  if (m[7]) {
    const pm = m[7].toLowerCase() === 'p';
    if (h > 12) return NaN;
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  return utcMs(+m[3], mo, d, h, +m[5], +m[6], undefined);
}

/**
 * How the day-and-month dates of a Windows text export are read, and why: `day-first` when a date's first number is above
 * 12 (`21/03/2023`), `month-first` when a date's second one is (`10/19/2010`), else `assumed` month first (Event
 * Viewer's order in US English) with `ambiguous`, the first date that reads as two different days, when there is one.
 * A date followed by its clock and a date alone on a labelled line (Windows Server 2003's `Date: 21/12/2001`) count.
 */
export interface WindowsDateOrder {
  dayFirst: boolean;
  by: 'day-first' | 'month-first' | 'assumed';
  /** The date as written, where it starts in the text, and the two days it can be (ISO `yyyy-mm-dd`). */
  ambiguous?: { text: string; index: number; monthFirst: string; dayFirst: string };
}

const dayOf = (y: number, mo: number, d: number) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The order of `text`'s dates (WindowsDateOrder); looks at up to 5000 dates of each form. */
export function windowsDateOrder(text: string): WindowsDateOrder {
  let month = false;
  let ambiguous: WindowsDateOrder['ambiguous'];
  for (const source of [WINDOWS_LOCAL.source, WINDOWS_DATE_ONLY.source]) {
    const re = new RegExp(source, 'gm');
    let n = 0;
    for (let m = re.exec(text); m && n < 5000; m = re.exec(text), n++) {
      const [a, b] = [+m[1], +m[2]];
      if (a > 12) return { dayFirst: true, by: 'day-first' };
      if (b > 12) month = true;
      else if (!ambiguous && a !== b && a >= 1 && b >= 1) {
        // (a date-only line's date is after its label's colon)
        const from = source === WINDOWS_LOCAL.source ? 0 : m[0].indexOf(':') + 1;
        const date = /\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.exec(m[0].slice(from))!;
        ambiguous = { text: date[0], index: m.index + from + date.index, monthFirst: dayOf(+m[3], a, b), dayFirst: dayOf(+m[3], b, a) };
      }
    }
  }
  if (month) return { dayFirst: false, by: 'month-first' };
  return { dayFirst: false, by: 'assumed', ...(ambiguous ? { ambiguous } : {}) };
}

/** .NET ticks (100 ns since 0001-01-01 UTC) → epoch ms. */
export function ticksToMs(ticks: string | number | bigint): number {
  try {
    const t = BigInt(ticks);
    const EPOCH_TICKS = 621355968000000000n;
    return Number((t - EPOCH_TICKS) / 10000n);
  } catch {
    return NaN;
  }
}

const MIN_ISO = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z; outside [MIN_ISO, MAX_ISO] Date writes ±YYYYYY
const MAX_ISO = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
let isoDay = NaN;
let y1 = 0, y2 = 0, y3 = 0, y4 = 0, m1 = 0, m2 = 0, d1 = 0, d2 = 0; // prettier-ignore
/**
 * The 24 ASCII bytes of `new Date(t).toISOString()` at `out[at…]` for an integer time of a four-digit year, several
 * times faster than Date: the date part is taken from Date once per day, the clock is written digit by digit. The
 * new end, or -1 (nothing written) for any other time. (The JSON writer's form, without a string per time.)
 */
export function writeIsoTime(t: number, out: Uint8Array, at: number): number {
  if (!Number.isInteger(t) || t < MIN_ISO || t > MAX_ISO) return -1;
  const day = Math.floor(t / 86_400_000);
  if (day !== isoDay) {
    const p = new Date(day * 86_400_000).toISOString();
    if (p.length !== 24) return -1;
    isoDay = day;
    y1 = p.charCodeAt(0);
    y2 = p.charCodeAt(1);
    y3 = p.charCodeAt(2);
    y4 = p.charCodeAt(3);
    m1 = p.charCodeAt(5);
    m2 = p.charCodeAt(6);
    d1 = p.charCodeAt(8);
    d2 = p.charCodeAt(9);
  }
  let r = t - day * 86_400_000;
  const h = (r / 3_600_000) | 0;
  r -= h * 3_600_000;
  const mi = (r / 60_000) | 0;
  r -= mi * 60_000;
  const s = (r / 1000) | 0;
  const ms = r - s * 1000;
  out[at] = y1; out[at + 1] = y2; out[at + 2] = y3; out[at + 3] = y4; out[at + 4] = 0x2d; out[at + 5] = m1; out[at + 6] = m2;
  out[at + 7] = 0x2d; out[at + 8] = d1; out[at + 9] = d2; out[at + 10] = 0x54;
  out[at + 11] = 0x30 + ((h / 10) | 0); out[at + 12] = 0x30 + (h % 10); out[at + 13] = 0x3a;
  out[at + 14] = 0x30 + ((mi / 10) | 0); out[at + 15] = 0x30 + (mi % 10); out[at + 16] = 0x3a;
  out[at + 17] = 0x30 + ((s / 10) | 0); out[at + 18] = 0x30 + (s % 10); out[at + 19] = 0x2e;
  out[at + 20] = 0x30 + ((ms / 100) | 0); out[at + 21] = 0x30 + (((ms / 10) | 0) % 10); out[at + 22] = 0x30 + (ms % 10);
  out[at + 23] = 0x5a;
  return at + 24;
}

const iso = new Uint8Array(24);
/** `new Date(t).toISOString()` for the integer times the parsers make, from writeIsoTime's bytes in one flat string. */
export function isoTime(t: number): string {
  if (writeIsoTime(t, iso, 0) < 0) return new Date(t).toISOString();
  const b = iso;
 
  return String.fromCharCode(
    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
    b[12], b[13], b[14], b[15], b[16], b[17], b[18], b[19], b[20], b[21], b[22], b[23],
  );
}

/**
 * The abbreviated month names `%b` prints: glibc's LC_TIME `abmon` of the C locale and of common ones
 * (localedata/locales/<locale> in glibc; the same in glibc 2.36's). journalctl's default output is
 * `%b %d %H:%M:%S` in the locale it runs under (systemd#20785), so a journal exported on a VM set up in French,
 * German or Czech starts its lines with `déc. 13`, `août 19` (crowdsecurity/crowdsec#530, tstack/lnav#533), `Mär  5`
 * (util-linux#161: logger) or `led 30` (systemd#22719). No token names two months across these locales; nl_NL, es_ES
 * and pt_BR together spell every English month in lower case too.
 */
export const ABBREVIATED_MONTHS: Readonly<Record<string, readonly string[]>> = {
  C: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr_FR: ['janv.', 'févr.', 'mars', 'avril', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  de_DE: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
  nl_NL: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  es_ES: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
  it_IT: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  pt_BR: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  cs_CZ: ['led', 'úno', 'bře', 'dub', 'kvě', 'čen', 'čec', 'srp', 'zář', 'říj', 'lis', 'pro'],
  pl_PL: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
};

/**
 * The letters of the Czech and Polish months that ISO-8859-2 (those locales' legacy charset: `cs_CZ`, `pl_PL` without
 * `.UTF-8`) puts at another byte than Latin-1 does, with that byte (the ISO-8859-2 table; ú, á, í are where Latin-1
 * has them).
 */
const LATIN2: Readonly<Record<string, number>> = { ř: 0xf8, ě: 0xec, č: 0xe8, ź: 0xbc };
const LATIN2_LOCALES = ['cs_CZ', 'pl_PL'];

/**
 * Month (0–11) of each abbreviation, keyed by the text as decoded and, for the parsers that read bytes as Latin-1, by
 * its UTF-8 bytes read so (`dÃ©c.`), and a Czech or Polish one by its ISO-8859-2 bytes read so (`bře` is `bøe`); a
 * Latin-1 file's `déc.` is the first key.
 */
const MONTH_OF = new Map<string, number>();
const utf8Bytes = new TextEncoder();
for (const [locale, names] of Object.entries(ABBREVIATED_MONTHS)) {
  names.forEach((n, i) => {
    MONTH_OF.set(n, i);
    MONTH_OF.set(String.fromCharCode(...utf8Bytes.encode(n)), i);
    if (LATIN2_LOCALES.includes(locale)) MONTH_OF.set([...n].map((c) => String.fromCharCode(LATIN2[c] ?? c.charCodeAt(0))).join(''), i);
  });
}

/** The month (0–11) an abbreviation of ABBREVIATED_MONTHS names, as text or as UTF-8 bytes read as Latin-1; -1 if none. */
export function monthOfAbbreviation(token: string): number {
  return MONTH_OF.get(token) ?? -1;
}

/** Longest key of MONTH_OF in UTF-16 units (`fÃ©vr.`: 6). */
export const MONTH_ABBREVIATION_MAX = Math.max(...[...MONTH_OF.keys()].map((k) => k.length));

/** A regular expression source matching any key of MONTH_OF (longest first; dots escaped). */
export const MONTH_ABBREVIATION = [...MONTH_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/\./g, '\\.'))
  .join('|');
