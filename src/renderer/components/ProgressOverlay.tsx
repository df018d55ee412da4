import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../shared';
import { api } from '../api';
import { fmtNum, useT, type Messages } from '../i18n';
import { useApp } from '../state/store';

const PHASES: ProgressEvent['phase'][] = ['reading', 'parsing', 'analysing'];

/**
 * Reading/analysing progress with Cancel (or Esc): the phases in order (done, current, to come), the
 * current phase's bar, MB and files read, the time spent and, once the bar has moved, an estimate of
 * the time left in this phase. Shown over the current view while a load runs.
 */
export function ProgressOverlay() {
  const loading = useApp((s) => s.loading);
  const progress = useApp((s) => s.progress);
  const t = useT();
  const loadStartedAt = useApp((s) => s.loadStartedAt);
  const phaseStartedAt = useApp((s) => s.phaseStartedAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!loading) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [loading]);
  if (!loading) return null;
  const pct = progress?.fraction !== undefined ? Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100) : undefined;
  const current = progress ? PHASES.indexOf(progress.phase) : -1;
  const elapsed = loadStartedAt ? Math.max(0, now - loadStartedAt) : 0;
  const inPhase = phaseStartedAt ? Math.max(0, now - phaseStartedAt) : 0;
  // Only a bar that has moved a little says anything about the rest.
  const left = pct !== undefined && pct >= 5 && pct < 100 && inPhase > 1000 ? (inPhase / pct) * (100 - pct) : undefined;
  return (
    <div className="progress-overlay">
      <div className="progress-card" role="status" aria-live="polite" aria-label={t.progress.label}>
        <ol className="progress-steps" aria-label={t.progress.label}>
          {PHASES.map((p, i) => (
            <li key={p} className={i < current ? 'done' : i === current ? 'current' : 'todo'} aria-current={i === current ? 'step' : undefined} data-testid={`progress-step-${p}`}>
              <span aria-hidden="true">{i < current ? '✓' : i === current ? '●' : '○'}</span> {phaseLabel(p, t)}
            </li>
          ))}
        </ol>
        <div className="progress-bar" role="progressbar" aria-label={t.progress.bar} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className={pct === undefined ? 'indeterminate' : undefined} style={pct === undefined ? undefined : { width: `${pct}%` }} />
        </div>
        <p className="muted small progress-message">
          {progress?.message ?? (progress ? t.progress.working : t.progress.starting)}
          {progress?.files !== undefined ? t.progress.files(progress.files) : ''}
          {progress?.bytes !== undefined ? t.progress.mb(fmtNum(Math.round((progress.bytes / 1048576) * 10) / 10)) : ''}
        </p>
        <p className="muted small" data-testid="progress-time">
          {t.progress.elapsed(seconds(elapsed))}
          {left !== undefined ? ` · ${t.progress.left(seconds(left))}` : ''}
        </p>
        <button type="button" onClick={() => void api().cancel()} title={t.progress.escHint}>
          {t.common.cancel}
        </button>
      </div>
    </div>
  );
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

function phaseLabel(p: string, t: Messages): string {
  return p === 'reading' ? t.progress.reading : p === 'parsing' ? t.progress.parsing : p === 'analysing' ? t.progress.analysing : t.progress.finishing;
}
