import { useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../shared';
import { api } from '../api';
import { fmtNum, useLang, useT, type Messages } from '../i18n';
import { useApp } from '../state/store';

const PHASES: ProgressEvent['phase'][] = ['reading', 'inflating', 'parsing', 'analysing'];

/**
 * Reading/unpacking/parsing/analysing progress with Cancel (or Esc): the phases in order (done, current, to
 * come; "unpacking" only for an archive), the current phase's bar (parsing: bytes parsed ÷ bytes to parse,
 * reported by the parsers as they go), MB done of the total, records so far, the time spent and, once the
 * bar has moved, an estimate of the time left in this phase. Shown over the current view while a load runs.
 */
export function ProgressOverlay() {
  const loading = useApp((s) => s.loading);
  const progress = useApp((s) => s.progress);
  const t = useT();
  const lang = useLang((s) => s.lang);
  const loadStartedAt = useApp((s) => s.loadStartedAt);
  const phaseStartedAt = useApp((s) => s.phaseStartedAt);
  const [now, setNow] = useState(() => Date.now());
  // an archive's unpacking is a step of its own, listed once this load has had it
  const [unpacked, setUnpacked] = useState<number | null>(null);
  if (progress?.phase === 'inflating' && unpacked !== loadStartedAt) setUnpacked(loadStartedAt);
  useEffect(() => {
    if (!loading) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [loading]);
  // The window behind is inert while a load runs (App.tsx): the keyboard is on Cancel, and when the load ends it goes
  // back to what had it (the button that opened, after a cancel) or, when that is gone, to the view the load opened.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!loading || useApp.getState().dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => {
      if (document.activeElement && document.activeElement !== document.body) return;
      if (before?.isConnected && before !== document.body && !before.closest('[inert]')) before.focus();
      else document.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
    };
  }, [loading]);
  if (!loading) return null;
  const phases = PHASES.filter((p) => p !== 'inflating' || unpacked === loadStartedAt);
  const fraction = progress?.fraction !== undefined ? Math.min(1, Math.max(0, progress.fraction)) : undefined;
  const pct = fraction !== undefined ? Math.round(fraction * 100) : undefined;
  const current = progress ? phases.indexOf(progress.phase) : -1;
  const elapsed = loadStartedAt ? Math.max(0, now - loadStartedAt) : 0;
  const inPhase = phaseStartedAt ? Math.max(0, now - phaseStartedAt) : 0;
  // Only a bar that has moved a little says anything about the rest.
  const left = fraction !== undefined && fraction >= 0.05 && fraction < 1 && inPhase > 1000 ? (inPhase / fraction) * (1 - fraction) : undefined;
  const mb = (b: number) => fmtNum(Math.round((b / 1048576) * 10) / 10, lang);
  return (
    <div className="progress-overlay">
      <div className="progress-card" role="status" aria-live="polite" aria-label={t.progress.label}>
        <ol className="progress-steps" aria-label={t.progress.label}>
          {phases.map((p, i) => (
            <li key={p} className={i < current || progress?.phase === 'done' ? 'done' : i === current ? 'current' : 'todo'} aria-current={i === current ? 'step' : undefined} data-testid={`progress-step-${p}`}>
              <span aria-hidden="true">{i < current || progress?.phase === 'done' ? '✓' : i === current ? '●' : '○'}</span> {phaseLabel(p, t)}
            </li>
          ))}
        </ol>
        <div className="progress-bar" role="progressbar" aria-label={t.progress.bar} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className={pct === undefined ? 'indeterminate' : undefined} style={pct === undefined ? undefined : { width: `${pct}%` }} />
        </div>
        <p className="muted small progress-message" data-testid="progress-detail">
          {progress ? phaseLabel(progress.phase, t) : t.progress.starting}
          {progress?.file ? ` ${progress.file}` : ''}
          {progress?.bytes !== undefined ? (progress.totalBytes ? t.progress.mbOf(mb(progress.bytes), mb(progress.totalBytes)) : t.progress.mb(mb(progress.bytes))) : ''}
          {progress?.records !== undefined ? t.progress.records(progress.records) : ''}
          {progress?.files !== undefined ? t.progress.files(progress.files) : ''}
        </p>
        <p className="muted small" data-testid="progress-time">
          {t.progress.elapsed(seconds(elapsed))}
          {left !== undefined ? ` · ${t.progress.left(seconds(left))}` : ''}
        </p>
        <button ref={cancelRef} type="button" onClick={() => void api().cancel()} title={t.progress.escHint}>
          {t.common.cancel}
        </button>
      </div>
    </div>
  );
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

function phaseLabel(p: string, t: Messages): string {
  return p === 'reading' ? t.progress.reading : p === 'inflating' ? t.progress.inflating : p === 'parsing' ? t.progress.parsing : p === 'analysing' ? t.progress.analysing : t.progress.finishing;
}
