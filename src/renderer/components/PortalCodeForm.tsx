import { useId, useState } from 'react';
import { PORTAL_CODES } from '../../shared';
import { useLang, useT } from '../i18n';
import { useApp } from '../state/store';
import { formatTime } from '../util/time';

/** Within this distance the engine anchors on a failed task near a pinned time (analyze/engine.ts PIN_WINDOW_MS). */
const PIN_WINDOW_MS = 6 * 3_600_000;

/** `2026-11-19T23:10` in this computer's zone, for a datetime-local field, from an ISO time. */
export function toLocalInput(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
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
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!result) return null;
  const known = PORTAL_CODES.find((c) => c.code === code.trim());
  const atIso = at && Number.isFinite(Date.parse(at)) ? new Date(at).toISOString() : undefined;
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
        <input
          id={`${id}-at`}
          type="datetime-local"
          value={at}
          onChange={(e) => {
            setAt(e.target.value);
            setDone(false);
          }}
        />
        </div>
      </div>
      {known && <p className="muted small">{known.message[lang]}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !changed}>
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
