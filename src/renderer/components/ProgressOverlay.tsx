import { api } from '../api';
import { useApp } from '../state/store';

/** Reading/analysing progress with Cancel; shown over the current view while a load runs. */
export function ProgressOverlay() {
  const loading = useApp((s) => s.loading);
  const progress = useApp((s) => s.progress);
  if (!loading) return null;
  const pct = progress?.fraction !== undefined ? Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100) : undefined;
  return (
    <div className="progress-overlay">
      <div className="progress-card" role="status" aria-live="polite" aria-label="Progress">
        <p className="progress-phase">{progress ? phaseLabel(progress.phase) : 'Starting…'}</p>
        <div className="progress-bar" role="progressbar" aria-label="Analysis progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className={pct === undefined ? 'indeterminate' : undefined} style={pct === undefined ? undefined : { width: `${pct}%` }} />
        </div>
        <p className="muted small progress-message">
          {progress?.message ?? 'Working…'}
          {progress?.files !== undefined ? ` · ${progress.files} files` : ''}
          {progress?.bytes !== undefined ? ` · ${(progress.bytes / 1048576).toFixed(1)} MB` : ''}
        </p>
        <button type="button" onClick={() => void api().cancel()}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function phaseLabel(p: string): string {
  return p === 'reading' ? 'Reading the bundle…' : p === 'parsing' ? 'Parsing logs…' : p === 'analysing' ? 'Analysing…' : 'Finishing…';
}
