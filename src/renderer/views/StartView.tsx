import { useEffect, useState } from 'react';
import { PORTAL_CODES, type RecentEntry } from '../../shared';
import { api } from '../api';
import { useLang, useT } from '../i18n';
import { openOptions, useApp } from '../state/store';

/** Start: drop zone, open buttons, pasted log text, recent bundles, the sample, SSH, and the optional portal code. */
export function StartView() {
  const run = useApp((s) => s.run);
  const loading = useApp((s) => s.loading);
  const portalCode = useApp((s) => s.portalCode);
  const setPortalCode = useApp((s) => s.setPortalCode);
  const openDialog = useApp((s) => s.openDialog);
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');

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

  const analysePaste = (text: string) => {
    if (text.trim()) void run(() => api().openText(text, openOptions()));
  };
  // Ctrl+V anywhere on the start view (outside a text field) pastes log text and analyses it
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, [contenteditable="true"]') || useApp.getState().loading)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim()) return;
      e.preventDefault();
      setPasted(text);
      void useApp.getState().run(() => api().openText(text, openOptions()));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
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
    <section className="start" aria-label={t.start.region}>
      <div className="start-hero">
        <h1>{t.start.title}</h1>
        <p className="muted">
          {t.start.introBefore}
          <code>waagent -collect-logs</code>
          {t.start.introAfter}
        </p>
      </div>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="dropzone"
        aria-label={t.start.dropLabel}
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
        <p className="drop-title">{t.start.dropTitle}</p>
        <p className="muted small">{t.start.dropFormats}</p>
        <div className="actions">
          <button type="button" className="primary" disabled={loading} onClick={() => run(() => api().pickAndOpen('files', openOptions()))}>
            {t.start.openFiles}
          </button>
          <button type="button" disabled={loading} onClick={() => run(() => api().pickAndOpen('folder', openOptions()))}>
            {t.start.openFolder}
          </button>
          <button type="button" disabled={loading} onClick={() => openDialog('ssh')}>
            {t.start.connectSsh}
          </button>
          <button type="button" disabled={loading} onClick={() => run(() => api().openSample(openOptions()))}>
            {t.start.openSample}
          </button>
        </div>
      </div>
      <div className="card paste-card">
        <label htmlFor="paste-box" className="card-title">
          {t.start.pasteTitle}
        </label>
        <textarea
          id="paste-box"
          data-testid="paste-box"
          aria-label={t.start.pasteLabel}
          value={pasted}
          placeholder={t.start.pastePlaceholder}
          rows={5}
          spellCheck={false}
          onChange={(e) => setPasted(e.target.value)}
        />
        <div className="actions">
          <button type="button" disabled={loading || !pasted.trim()} onClick={() => analysePaste(pasted)}>
            {t.start.pasteAnalyse}
          </button>
          <span className="muted small">{t.start.pasteHint}</span>
        </div>
      </div>
      <div className="start-grid">
        <div className="card">
          <label htmlFor="portal-code" className="card-title">
            {t.start.portalCode} <span className="muted small">{t.start.optional}</span>
          </label>
          <input id="portal-code" list="portal-codes" value={portalCode} placeholder={t.start.portalPlaceholder} onChange={(e) => setPortalCode(e.target.value)} autoComplete="off" spellCheck={false} />
          <datalist id="portal-codes">
            {PORTAL_CODES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.message[lang]}
              </option>
            ))}
          </datalist>
          <p className="muted small">{known ? known.message[lang] : t.start.portalHint}</p>
        </div>
        <div className="card">
          <h2 className="card-title">{t.start.recent}</h2>
          {recent.length === 0 ? (
            <p className="muted small">{t.start.recentNone}</p>
          ) : (
            <ul className="recent" aria-label={t.start.recentLabel}>
              {recent.slice(0, 8).map((r) => (
                <li key={`${r.openedAt}-${r.label}`}>
                  <button type="button" className="link" disabled={loading} title={r.paths.join('\n')} onClick={() => run(() => api().openPaths(r.paths, openOptions()))}>
                    {r.label}
                  </button>
                  <span className="muted small">{new Date(r.openedAt).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-US')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
