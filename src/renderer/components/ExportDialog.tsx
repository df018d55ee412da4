import { useState } from 'react';
import type { ExportRequest, ExportResult, Lang, ReportFormat } from '../../shared';
import { api } from '../api';
import { Modal } from './Modal';

const FORMATS: [ReportFormat, string][] = [
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['jsonl', 'JSONL (records)'],
];

/** Export report: options, a script-free preview in a sandboxed frame, then save. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [lang, setLang] = useState<Lang>('en');
  const [paper, setPaper] = useState<'A4' | 'Letter'>('A4');
  const [redact, setRedact] = useState(true);
  const [pseudonymize, setPseudonymize] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'export' | null>(null);
  const [outcome, setOutcome] = useState<ExportResult | null>(null);
  const req = (): ExportRequest => ({ format, lang, redact, ...(format === 'pdf' || format === 'html' ? { paper } : {}), ...(redact && pseudonymize ? { pseudonymize: true } : {}) });

  const doPreview = async () => {
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
      title="Export report"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={doPreview} disabled={busy !== null}>
            {busy === 'preview' ? 'Rendering…' : 'Preview'}
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" onClick={doExport} disabled={busy !== null}>
            {busy === 'export' ? 'Exporting…' : 'Export…'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {FORMATS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="nl">Nederlands</option>
          </select>
        </label>
        <label>
          Paper
          <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'Letter')} disabled={format !== 'pdf' && format !== 'html'}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> Redact secrets and identifiers
        </label>
        <label className="check">
          <input type="checkbox" checked={redact && pseudonymize} disabled={!redact} onChange={(e) => setPseudonymize(e.target.checked)} /> Pseudonyms for host names and IPs
        </label>
      </div>
      {!redact && (
        <p className="warn small" role="note">
          Without redaction the report can contain SAS signatures, host names and IP addresses.
        </p>
      )}
      {outcome &&
        (outcome.ok ? (
          <p className="ok-text" role="status">
            Saved to <code className="wrap">{outcome.path}</code>
          </p>
        ) : outcome.canceled ? (
          <p className="muted" role="status">
            Export canceled.
          </p>
        ) : (
          <p className="error-text" role="alert">
            Export failed: {outcome.error}
          </p>
        ))}
      {preview !== null && (
        // No allow-scripts: the preview is static HTML built from hostile log text.
        <iframe className="preview" title="Report preview" sandbox="" srcDoc={preview} />
      )}
    </Modal>
  );
}
