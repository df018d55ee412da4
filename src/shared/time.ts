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
 * `new Date(t).toISOString()` for the integer times the parsers make, several times faster: the date part
 * is taken from Date once per day, the clock is written digit by digit into one flat string.
 */
export function isoTime(t: number): string {
  if (!Number.isInteger(t) || t < MIN_ISO || t > MAX_ISO) return new Date(t).toISOString();
  const day = Math.floor(t / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    const p = new Date(day * 86_400_000).toISOString();
    if (p.length !== 24) {
      isoDay = NaN;
      return new Date(t).toISOString();
    }
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
  // prettier-ignore
  return String.fromCharCode(
    y1, y2, y3, y4, 0x2d, m1, m2, 0x2d, d1, d2, 0x54,
    0x30 + ((h / 10) | 0), 0x30 + (h % 10), 0x3a, 0x30 + ((mi / 10) | 0), 0x30 + (mi % 10), 0x3a,
    0x30 + ((s / 10) | 0), 0x30 + (s % 10), 0x2e, 0x30 + ((ms / 100) | 0), 0x30 + (((ms / 10) | 0) % 10), 0x30 + (ms % 10), 0x5a,
  );
}
