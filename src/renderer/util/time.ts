/**
 * Time display. Records carry ISO UTC; the engineer chooses UTC, their own (viewer's) zone, or the VM's
 * clock (the offset the analysis inferred for the VM's local-time logs). Every non-UTC time carries its
 * offset, so a time is never shown without its zone.
 */
export type TimeMode = 'utc' | 'local' | 'vm';

/** The VM's clock offset in minutes (local − UTC), when the analysis could infer one. */
let vmOffset: number | null = null;
export function setVmOffset(minutes: number | null): void {
  vmOffset = minutes;
}
export function getVmOffset(): number | null {
  return vmOffset;
}

/** `+01:00`, `-05:30`. */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The offset most of the VM's local-time sources agree on, or null. */
export function vmOffsetOf(r: { clock: { offsets: { offsetMinutes: number }[] } } | null): number | null {
  if (!r || !r.clock.offsets.length) return null;
  const n = new Map<number, number>();
  for (const o of r.clock.offsets) n.set(o.offsetMinutes, (n.get(o.offsetMinutes) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0][0];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatTime(iso: string | null | undefined, mode: TimeMode, withSeconds = true): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return formatMs(ms, mode, withSeconds);
}

export function formatMs(ms: number, mode: TimeMode, withSeconds = true): string {
  const vm = mode === 'vm' && vmOffset !== null;
  const d = new Date(vm ? ms + vmOffset! * 60_000 : ms);
  const parts =
    mode === 'utc' || vm
      ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  const [y, mo, da, h, mi, s] = parts;
  const time = withSeconds ? `${pad(h)}:${pad(mi)}:${pad(s)}` : `${pad(h)}:${pad(mi)}`;
  const zone = mode === 'utc' || (mode === 'vm' && !vm) ? 'Z' : ` ${offsetLabel(vm ? vmOffset! : -d.getTimezoneOffset())}`;
  return `${y}-${pad(mo)}-${pad(da)} ${time}${zone}`;
}

/** The words a zone is named with (the top bar's: "VM", "Local"/"Lokaal"). */
export interface ZoneWords {
  vm: string;
  local: string;
}

/** The offset (minutes east of UTC) times are shown in, at `ms` (the engineer's own zone has summer time). */
function shownOffset(mode: TimeMode, ms: number): number {
  return mode === 'vm' && vmOffset !== null ? vmOffset : mode === 'local' ? -new Date(ms).getTimezoneOffset() : 0;
}

/** The zone times are shown in: `UTC`, `VM +01:00`, `Local +01:00` (an axis names it once for its ticks). */
export function zoneName(mode: TimeMode, words: ZoneWords, ms = Date.now()): string {
  if (mode === 'vm' && vmOffset !== null) return `${words.vm} ${offsetLabel(vmOffset)}`;
  return mode === 'local' ? `${words.local} ${offsetLabel(shownOffset(mode, ms))}` : 'UTC';
}

/**
 * How a record's time was converted for display, as "VM +01:00 → UTC": from the zone it was written in (UTC,
 * or the VM's local time at the offset inferred for its file) to the shown one; null when it is shown as written
 * or its zone is not known (a `local` time without an offset is shown as written, marked `*` apart).
 */
export function conversionOf(zone: string, fileOffset: number | undefined, mode: TimeMode, ms: number, words: ZoneWords): string | null {
  const written = zone === 'utc' ? 0 : zone === 'local-inferred' && fileOffset !== undefined ? fileOffset : null;
  if (written === null || !Number.isFinite(ms) || written === shownOffset(mode, ms)) return null;
  return `${written === 0 && zone === 'utc' ? 'UTC' : `${words.vm} ${offsetLabel(written)}`} → ${zoneName(mode, words, ms)}`;
}

/** Short axis label: the date only when the span is long, the clock only when it is short (seconds under 10 minutes). */
export function formatTick(ms: number, mode: TimeMode, spanMs: number): string {
  const full = formatMs(ms, mode, spanMs < 600_000);
  const [date, clock] = full.split(' ');
  if (spanMs > 3 * 86_400_000) return `${date.slice(5)} ${clock.replace('Z', '')}`;
  if (spanMs > 86_400_000) return `${date.slice(8)}. ${clock.replace('Z', '')}`;
  return clock.replace('Z', '');
}

// One duration format for the window and the report.
export { formatDuration } from '../../shared/i18n/format';

/** Parses what a person types in "jump to time" (`2026-11-19 22:01`, ISO, with or without Z) in the chosen mode. */
export function parseUserTime(text: string, mode: TimeMode): number | null {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z)?$/i.exec(t);
  if (!m) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : ms;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', z] = m;
  const args = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  if (mode === 'vm' && vmOffset !== null && !z) return Date.UTC(...args) - vmOffset * 60_000;
  return mode === 'utc' || mode === 'vm' || z ? Date.UTC(...args) : new Date(...args).getTime();
}
