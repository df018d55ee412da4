import { useId, useLayoutEffect, useRef, useState } from 'react';
import { MAX_PORTAL_FIELD, PORTAL_CODES } from '../../shared';
import { useLang, useT } from '../i18n';
import { useApp } from '../state/store';
import { formatTime } from '../util/time';

/** Within this distance the engine anchors on a failed task near a pinned time (analyze/engine.ts PIN_WINDOW_MS). */
const PIN_WINDOW_MS = 6 * 3_600_000;

/** `2026-11-19 23:10` in this computer's zone, from an ISO time (empty without one). */
export function toLocalInput(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? localText(ms) : '';
}

function localText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `2026-11-19 23:10` (or with a `T`, or seconds) in this computer's zone, as ms; NaN for anything else or no such day. */
export function parseLocalInput(text: string): number {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0));
  if (h > 23 || mi > 59 || se > 59) return NaN;
  const date = new Date(y, mo - 1, d, h, mi, se);
  // 2026-02-30 would roll over into March
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : NaN;
}

/** The parts of `2026-11-19 23:10` by where they start: year, month, day, hours, minutes. */
const PARTS = [
  { from: 0, to: 4, step: (d: Date, n: number) => d.setFullYear(d.getFullYear() + n) },
  { from: 5, to: 7, step: (d: Date, n: number) => d.setMonth(d.getMonth() + n) },
  { from: 8, to: 10, step: (d: Date, n: number) => d.setDate(d.getDate() + n) },
  { from: 11, to: 13, step: (d: Date, n: number) => d.setHours(d.getHours() + n) },
  { from: 14, to: 16, step: (d: Date, n: number) => d.setMinutes(d.getMinutes() + n) },
];

/** The text after ↑ (+1) or ↓ (−1) at `caret`, with the changed part's place; null when the text is not a time. */
export function stepLocalInput(text: string, caret: number, by: 1 | -1): { text: string; from: number; to: number } | null {
  const ms = parseLocalInput(text);
  if (!Number.isFinite(ms)) return null;
  // the caret's part as written: the separators that end before it (a caret just after a part is in that part)
  const lead = text.length - text.trimStart().length;
  let k = 0;
  for (const sep of text.trim().matchAll(/[-\sT:]+/g)) if (lead + sep.index + sep[0].length <= caret) k++;
  const part = PARTS[Math.min(PARTS.length - 1, k)];
  const d = new Date(ms);
  d.setSeconds(0);
  part.step(d, by);
  return { text: localText(d.getTime()), from: part.from, to: part.to };
}

/** This computer's UTC offset as `UTC+01:00` (the portal shows job times in it). */
function localZone(): string {
  const off = -new Date().getTimezoneOffset();
  const p = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `UTC${off >= 0 ? '+' : '−'}${p(off / 60)}:${p(off % 60)}`;
}

/**
 * "What the portal says", after loading: the portal's error code and when the job failed. The bundle is
 * weighed again in its worker with these (bundle:rediagnose); nothing is read or parsed again.
 */
export function PortalCodeForm() {
  const result = useApp((s) => s.result);
  const rediagnose = useApp((s) => s.rediagnose);
  const mode = useApp((s) => s.timeMode);
  const t = useT();
  const lang = useLang((s) => s.lang);
  const id = useId();
  const [code, setCode] = useState(result?.portalCode ?? '');
  const [at, setAt] = useState(toLocalInput(result?.failedAt));
  // the stepped part, selected as soon as the new text is on screen: in a frame later a next ↑/↓ (a held key, a busy
  // machine) would read the caret React left at the end and step the minutes
  const timeField = useRef<HTMLInputElement>(null);
  const stepped = useRef<{ from: number; to: number } | null>(null);
  useLayoutEffect(() => {
    const sel = stepped.current;
    if (sel && timeField.current) timeField.current.setSelectionRange(sel.from, sel.to);
    stepped.current = null;
  }, [at]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!result) return null;
  const known = PORTAL_CODES.find((c) => c.code === code.trim());
  const atMs = parseLocalInput(at);
  const atIso = Number.isFinite(atMs) ? new Date(atMs).toISOString() : undefined;
  const atBad = at.trim() !== '' && !atIso;
  const changed = (code.trim() || undefined) !== result.portalCode || atIso !== result.failedAt;

  // Did the pin find its task? The anchor's span holds the pinned time, or starts within the window.
  const anchor = result.failedTask ? result.snapshots.find((s) => s.taskId === result.failedTask?.taskId) : undefined;
  const pinnedMs = result.failedAt ? Date.parse(result.failedAt) : NaN;
  const startMs = Date.parse(anchor?.start ?? anchor?.requestedStart ?? '');
  const endMs = Date.parse(anchor?.end ?? '');
  const gap = pinnedMs < startMs ? startMs - pinnedMs : Number.isFinite(endMs) ? Math.max(0, pinnedMs - endMs) : pinnedMs - startMs;
  const pinFound = Number.isFinite(pinnedMs) && Number.isFinite(gap) && gap <= PIN_WINDOW_MS;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    const ok = await rediagnose({ ...(code.trim() ? { portalCode: code.trim() } : {}), ...(atIso ? { failedAt: atIso } : {}) });
    setBusy(false);
    setDone(ok);
  };

  return (
    <form className="card portal-form" aria-label={t.diag.rediagTitle} onSubmit={submit} data-testid="portal-form">
      <h2 className="card-title">{t.diag.rediagTitle}</h2>
      <div className="portal-fields">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t.diag.rediagCode}</label>
          <input
            id={`${id}-code`}
            list={`${id}-codes`}
            value={code}
            placeholder={t.start.portalPlaceholder}
            maxLength={MAX_PORTAL_FIELD}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setCode(e.target.value);
              setDone(false);
            }}
          />
          <datalist id={`${id}-codes`}>
            {PORTAL_CODES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.message[lang]}
              </option>
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-at`}>{t.diag.rediagFailedAt(localZone())}</label>
          {/* one Tab stop (Chromium's datetime-local is seven); ↑/↓ step the part under the caret */}
          <input
            id={`${id}-at`}
            className="time-input"
            value={at}
            placeholder={t.diag.rediagTimePlaceholder}
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            aria-invalid={atBad || undefined}
            ref={timeField}
            aria-describedby={`${id}-at-hint`}
            onChange={(e) => {
              setAt(e.target.value);
              setDone(false);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
              const el = e.currentTarget;
              // an empty field starts from the failed task's time (else now)
              const next = at.trim()
                ? stepLocalInput(at, el.selectionStart ?? 0, e.key === 'ArrowUp' ? 1 : -1)
                : { text: toLocalInput(anchor?.start ?? anchor?.requestedStart ?? new Date().toISOString()), from: 14, to: 16 };
              if (!next) return;
              e.preventDefault();
              stepped.current = { from: next.from, to: next.to };
              setAt(next.text);
              setDone(false);
            }}
          />
          <span id={`${id}-at-hint`} className={`small ${atBad ? 'error-text' : 'muted'}`}>
            {atBad ? t.diag.rediagTimeBad : t.diag.rediagTimeHint}
          </span>
        </div>
      </div>
      {known && <p className="muted small">{known.message[lang]}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !changed || atBad}>
          {t.diag.rediagApply}
        </button>
        {(code || at) && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setCode('');
              setAt('');
              setDone(false);
            }}
          >
            {t.diag.rediagClear}
          </button>
        )}
        <span className="muted small" role="status">
          {done ? t.diag.rediagDone : ''}
        </span>
      </div>
      <p className="muted small">{t.diag.rediagHint}</p>
      {result.failedAt && (
        <p className="small" data-testid="pin-outcome">
          {pinFound ? t.diag.rediagPinned(formatTime(anchor?.start ?? anchor?.requestedStart, mode, false)) : t.diag.rediagNoTaskNear}
        </p>
      )}
    </form>
  );
}
