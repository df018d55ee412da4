import { useState } from 'react';
import type { ExportRequest, ExportResult, Lang, ReportFormat } from '../../shared';
import { errorIn } from '../../shared/i18n/analysis';
import { api } from '../api';
import { useLang, useT } from '../i18n';
import { useLogs } from '../state/logs';
import { Modal } from './Modal';

const FORMATS: [ReportFormat, string][] = [
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['jsonl', 'JSONL'],
];

/** Export report: options, a script-free preview in a sandboxed frame, then save. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const t = useT();
  // The report's language starts as the window's.
  const [lang, setLang] = useState<Lang>(useLang.getState().lang);
  const [paper, setPaper] = useState<'A4' | 'Letter'>('A4');
  const [redact, setRedact] = useState(true);
  const [pseudonymize, setPseudonymize] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'export' | null>(null);
  const [outcome, setOutcome] = useState<ExportResult | null>(null);
  // the log view's bookmarks and notes travel with the request (they live in the window, not in main)
  const bookmarks = () => useLogs.getState().bookmarks.map(({ file, line, time, text, note }) => ({ file, line, time, text, note }));
  const req = (): ExportRequest => ({
    format,
    lang,
    redact,
    ...(format === 'pdf' || format === 'html' ? { paper } : {}),
    ...(redact && pseudonymize ? { pseudonymize: true } : {}),
    ...(bookmarks().length ? { bookmarks: bookmarks() } : {}),
  });

  const doPreview = async () => {
    if (busy) return;
    setBusy('preview');
    try {
      setPreview((await api().previewReport(req())).html);
    } catch (e) {
      setOutcome({ ok: false, error: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const doExport = async () => {
    if (busy) return;
    setBusy('export');
    setOutcome(null);
    try {
      setOutcome(await api().exportReport(req()));
    } catch (e) {
      setOutcome({ ok: false, error: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      title={t.exp.title}
      onClose={onClose}
      wide
      footer={
        <>
          {/* busy: aria-disabled, not disabled: a disabled button drops the focus out of the dialog */}
          <button type="button" onClick={doPreview} aria-disabled={busy !== null || undefined}>
            {busy === 'preview' ? t.exp.rendering : t.exp.preview}
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t.common.close}
          </button>
          <button type="button" className="primary" onClick={doExport} aria-disabled={busy !== null || undefined}>
            {busy === 'export' ? t.exp.exporting : t.exp.export}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label>
          {t.exp.format}
          <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {FORMATS.map(([v, l]) => (
              <option key={v} value={v}>
                {v === 'jsonl' ? t.exp.jsonl : l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.exp.language}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="nl">Nederlands</option>
          </select>
        </label>
        <label>
          {t.exp.paper}
          <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'Letter')} disabled={format !== 'pdf' && format !== 'html'}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> {t.exp.redact}
        </label>
        <label className="check">
          <input type="checkbox" checked={redact && pseudonymize} disabled={!redact} onChange={(e) => setPseudonymize(e.target.checked)} /> {t.exp.pseudonymize}
        </label>
      </div>
      {!redact && (
        <p className="warn small" role="note">
          {t.exp.unredactedWarning}
        </p>
      )}
      {outcome &&
        (outcome.ok ? (
          <p className="ok-text" role="status">
            {t.exp.savedTo} <code className="wrap">{outcome.path}</code>
          </p>
        ) : outcome.canceled ? (
          <p className="muted" role="status">
            {t.exp.canceled}
          </p>
        ) : (
          <p className="error-text" role="alert">
            {t.exp.failed(errorIn(useLang.getState().lang, outcome))}
          </p>
        ))}
      {preview !== null && (
        // No allow-scripts: the preview is static HTML built from hostile log text.
        <iframe className="preview" title={t.exp.previewTitle} sandbox="" srcDoc={preview} />
      )}
    </Modal>
  );
}
