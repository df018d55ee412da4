/** Time helpers shared by the parsers. All results are epoch milliseconds (NaN when invalid). */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

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

export function isoOrNull(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString();
}

/** For display of a local wall clock that was read as UTC: `2021-03-30 19:35:35.971 (local)`. */
export function localLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
