import { useEffect, useState } from 'react';
import { causeById, causeTitle, MAX_PORTAL_FIELD, PORTAL_CODES, portalCode as portalCodeInfo, resolvePortalCode, type Lang, type RecentEntry } from '../../shared';
import { api } from '../api';
import { useLang, useT, type Messages } from '../i18n';
import { openDropped, openOptions, useApp } from '../state/store';

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
    // the window's own drop handler (App) would open them a second time
    e.stopPropagation();
    setDragging(false);
    openDropped([...e.dataTransfer.files]);
  };
  // the code the analysis will use: typed, or found in a pasted job error (the one reading the pipeline does)
  const resolved = resolvePortalCode(portalCode);
  const known = resolved === undefined ? undefined : portalCodeInfo(resolved);
  const typed = known !== undefined && portalCodeInfo(portalCode) === known;

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
          <input id="portal-code" list="portal-codes" value={portalCode} placeholder={t.start.portalPlaceholder} onChange={(e) => setPortalCode(e.target.value)} maxLength={MAX_PORTAL_FIELD} autoComplete="off" spellCheck={false} />
          <datalist id="portal-codes">
            {PORTAL_CODES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.message[lang]}
              </option>
            ))}
          </datalist>
          <p className="muted small">{known ? (typed ? known.message[lang] : t.start.portalFound(known.code, known.message[lang])) : t.start.portalHint}</p>
        </div>
        <div className="card">
          <div className="recent-head">
            <h2 className="card-title">{t.start.recent}</h2>
            {recent.length > 0 && (
              <button type="button" className="link small" disabled={loading} onClick={() => void api().clearRecent().then(setRecent, () => undefined)}>
                {t.start.recentClear}
              </button>
            )}
          </div>
          {recent.length === 0 ? (
            <p className="muted small">{t.start.recentNone}</p>
          ) : (
            <ul className="recent" aria-label={t.start.recentLabel} data-testid="recent-list">
              {recent.slice(0, 8).map((r) => {
                const full = r.paths.join('\n');
                return (
                  <li key={`${r.openedAt}-${r.label}`}>
                    <div className="recent-row">
                      <button type="button" className="link recent-open" disabled={loading} title={full} onClick={() => run(() => api().openPaths(r.paths, openOptions()))}>
                        {r.label}
                      </button>
                      <button type="button" className="icon" disabled={loading} aria-label={t.start.recentRemove(r.label)} onClick={() => void api().removeRecent(r.paths).then(setRecent, () => undefined)}>
                        ×
                      </button>
                    </div>
                    {r.paths.map((p) => (
                      <MiddleEllipsis key={p} text={p} />
                    ))}
                    <span className="muted small">
                      {recentVerdictText(r, t, lang)} · {new Date(r.openedAt).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-US')}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** The verdict a recent entry kept, in the window's language. */
function recentVerdictText(r: RecentEntry, t: Messages, lang: Lang): string {
  const v = r.verdict;
  if (!v) return t.start.recentNoVerdict;
  if (v.nothing) return t.start.recentNothing;
  if (!v.cause) return t.diag.noCause;
  let title: string = v.cause;
  try {
    title = causeTitle(causeById(v.cause), v.platform ?? 'unknown')[lang];
  } catch {
    // a cause id from another version of the catalogue: shown as its id
  }
  return v.confidence ? `${title} (${t.start.recentConfidence(v.confidence)})` : title;
}

/**
 * A long path cut in the middle, so both the folder it starts with and the file name stay visible; the
 * whole path is the tooltip (and the text a screen reader or a copy gets).
 */
function MiddleEllipsis({ text }: { text: string }) {
  const cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  const head = cut > 0 ? text.slice(0, cut + 1) : '';
  const tail = cut > 0 ? text.slice(cut + 1) : text;
  return (
    <span className="middle-ellipsis small" title={text} data-testid="recent-path">
      <span className="me-head">{head}</span>
      <span className="me-tail">{tail}</span>
    </span>
  );
}
