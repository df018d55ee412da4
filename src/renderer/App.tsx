import { useEffect } from 'react';
import { subscribeProgress, useApp } from './state/store';
import { StartView } from './views/StartView';
import { DiagnosisView } from './views/DiagnosisView';

export function App() {
  const { view, loading, progress, banner, dismissBanner } = useApp();
  useEffect(() => subscribeProgress(), []);
  return (
    <div className="app">
      {banner && (
        <div className={`banner banner-${banner.kind}`} role="alert">
          <span>{banner.message}</span>
          <button type="button" onClick={dismissBanner} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {loading && (
        <div className="progress" role="status">
          {progress?.message ?? 'Working…'}
        </div>
      )}
      <main>{view === 'start' ? <StartView /> : <DiagnosisView />}</main>
    </div>
  );
}
