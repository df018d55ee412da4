import type { TimeZoneKnowledge } from '../../../shared';
import { ticksToMs } from '../../../shared/time';

/**
 * The goal-state history folder a file sits in (docs/formats.md "Goal-state history folders"), in its three naming forms:
 * - 2.2.31–2.2.52  `history/2018-04-06T08:21:37.142697/`           (no incarnation)
 * - 2.2.53–2.7.x   `history/2018-04-06T08:21:37.142697_incarnation_3/`
 * - 2.8.0+         `history/2024-05-01T12-00-00__7[-<vmSettings etag>]/`
 * Archived folders are zips of the same name; ingest unpacks them under that name, so the folder
 * shows up in the member path either way.
 */
export interface HistoryFolder {
  name: string;
  /** ISO UTC of the folder's timestamp. */
  time: string;
  timeMs: number;
  /** The newer forms are UTC; the oldest form's zone is not documented, so it stays `local`. */
  zone: TimeZoneKnowledge;
  incarnation?: number;
  etag?: string;
  form: 'legacy' | 'incarnation' | 'tagged';
}

const RE = /(?:^|\/)history\/(\d{4})-(\d{2})-(\d{2})T(\d{2})[:-](\d{2})[:-](\d{2})(\.\d+)?(?:(_incarnation_|__)(\d+)(?:-(\d+))?)?(?:\.zip)?\//;

export function historyFolderOf(vmPath: string): HistoryFolder | null {
  const m = RE.exec(vmPath.replace(/\\/g, '/'));
  if (!m) return null;
  const frac = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], frac);
  if (!Number.isFinite(ms)) return null;
  const name = m[0].slice(m[0].indexOf('history/') + 8, -1);
  const form = m[8] === '__' ? 'tagged' : m[8] === '_incarnation_' ? 'incarnation' : 'legacy';
  return {
    name,
    time: new Date(ms).toISOString(),
    timeMs: ms,
    zone: form === 'legacy' ? 'local' : 'utc',
    ...(m[9] !== undefined ? { incarnation: Number(m[9]) } : {}),
    ...(m[10] !== undefined ? { etag: m[10] } : {}),
    form,
  };
}

/**
 * When an extensions goal state (ExtensionsConfig.xml or vmSettings) was fetched: the time of the history folder it sits
 * in, else the fabric's creation time it carries (`ticks`, .NET ticks, UTC), else none.
 */
export function goalStateTime(hist: HistoryFolder | null, ticks: string | undefined): { timeMs: number; zone: TimeZoneKnowledge } {
  if (hist && Number.isFinite(hist.timeMs)) return { timeMs: hist.timeMs, zone: hist.zone };
  if (ticks && /^\d{15,19}$/.test(ticks)) return { timeMs: ticksToMs(ticks), zone: 'utc' };
  return { timeMs: hist?.timeMs ?? NaN, zone: hist?.zone ?? 'none' };
}
