import { api } from '../api';
import { useT, type Messages } from '../i18n';
import { useApp } from '../state/store';

/** Reading/analysing progress with Cancel (or Esc); shown over the current view while a load runs. */
export function ProgressOverlay() {
  const loading = useApp((s) => s.loading);
  const progress = useApp((s) => s.progress);
  const t = useT();
  if (!loading) return null;
  const pct = progress?.fraction !== undefined ? Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100) : undefined;
  return (
    <div className="progress-overlay">
      <div className="progress-card" role="status" aria-live="polite" aria-label={t.progress.label}>
        <p className="progress-phase">{progress ? phaseLabel(progress.phase, t) : t.progress.starting}</p>
        <div className="progress-bar" role="progressbar" aria-label={t.progress.bar} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className={pct === undefined ? 'indeterminate' : undefined} style={pct === undefined ? undefined : { width: `${pct}%` }} />
        </div>
        <p className="muted small progress-message">
          {progress?.message ?? t.progress.working}
          {progress?.files !== undefined ? t.progress.files(progress.files) : ''}
          {progress?.bytes !== undefined ? t.progress.mb((progress.bytes / 1048576).toFixed(1)) : ''}
        </p>
        <button type="button" onClick={() => void api().cancel()} title={t.progress.escHint}>
          {t.common.cancel}
        </button>
      </div>
    </div>
  );
}

function phaseLabel(p: string, t: Messages): string {
  return p === 'reading' ? t.progress.reading : p === 'parsing' ? t.progress.parsing : p === 'analysing' ? t.progress.analysing : t.progress.finishing;
}
