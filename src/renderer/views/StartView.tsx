import { useEffect, useState } from 'react';
import { PORTAL_CODES, type RecentEntry } from '../../shared';
import { api } from '../api';
import { openOptions, useApp } from '../state/store';

/** Start: drop zone, open buttons, recent bundles, the sample, SSH, and the optional portal code. */
export function StartView() {
  const run = useApp((s) => s.run);
  const loading = useApp((s) => s.loading);
  const portalCode = useApp((s) => s.portalCode);
  const setPortalCode = useApp((s) => s.setPortalCode);
  const openDialog = useApp((s) => s.openDialog);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let live = true;
    api()
      .recent()
      .then((r) => live && setRecent(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    const paths = files.map((f) => api().pathForFile(f)).filter((p) => !!p);
    if (paths.length) void run(() => api().openPaths(paths, openOptions()));
  };
  const known = PORTAL_CODES.find((c) => c.code === portalCode.trim());

  return (
    <section className="start" aria-label="Start">
      <div className="start-hero">
        <h1>Why did this VM backup fail?</h1>
        <p className="muted">
          Open the zip from <code>waagent -collect-logs</code>, a sosreport, a folder or loose logs — or collect them from the VM over SSH.
        </p>
      </div>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="dropzone"
        aria-label="Drop log bundles here"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="drop-icon" aria-hidden="true">
          ⇩
        </div>
        <p className="drop-title">Drop files, folders or archives here</p>
        <p className="muted small">.zip · .tar · .tar.gz · .tar.xz · sosreport · waagent.log · several at once</p>
        <div className="actions">
          <button type="button" className="primary" disabled={loading} onClick={() => run(() => api().pickAndOpen('files', openOptions()))}>
            Open files…
          </button>
          <button type="button" disabled={loading} onClick={() => run(() => api().pickAndOpen('folder', openOptions()))}>
            Open folder…
          </button>
          <button type="button" disabled={loading} onClick={() => openDialog('ssh')}>
            Connect over SSH…
          </button>
          <button type="button" disabled={loading} onClick={() => run(() => api().openSample(openOptions()))}>
            Open sample
          </button>
        </div>
      </div>
      <div className="start-grid">
        <div className="card">
          <label htmlFor="portal-code" className="card-title">
            Portal error code <span className="muted small">(optional)</span>
          </label>
          <input id="portal-code" list="portal-codes" value={portalCode} placeholder="e.g. UserErrorFsFreezeTimeout" onChange={(e) => setPortalCode(e.target.value)} autoComplete="off" spellCheck={false} />
          <datalist id="portal-codes">
            {PORTAL_CODES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.message.en}
              </option>
            ))}
          </datalist>
          <p className="muted small">{known ? known.message.en : 'The causes for the code are then listed in the order of the Microsoft article.'}</p>
        </div>
        <div className="card">
          <h2 className="card-title">Recent</h2>
          {recent.length === 0 ? (
            <p className="muted small">Nothing opened yet.</p>
          ) : (
            <ul className="recent" aria-label="Recent bundles">
              {recent.slice(0, 8).map((r) => (
                <li key={`${r.openedAt}-${r.label}`}>
                  <button type="button" className="link" disabled={loading} title={r.paths.join('\n')} onClick={() => run(() => api().openPaths(r.paths, openOptions()))}>
                    {r.label}
                  </button>
                  <span className="muted small">{new Date(r.openedAt).toLocaleString()}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
