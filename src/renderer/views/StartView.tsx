import { api } from '../api';
import { useApp } from '../state/store';

export function StartView() {
  const { run, portalCode } = useApp();
  const options = () => ({ portalCode: portalCode.trim() || undefined });
  return (
    <section className="start" aria-label="Start">
      <h1>Why did this VM backup fail?</h1>
      <p>Drop a log bundle (waagent -collect-logs zip, sosreport, folder or loose logs), or open the sample.</p>
      <div className="actions">
        <button type="button" onClick={() => run(() => api().pickAndOpen('files', options()))}>
          Open files…
        </button>
        <button type="button" onClick={() => run(() => api().openSample(options()))}>
          Open sample
        </button>
      </div>
    </section>
  );
}
