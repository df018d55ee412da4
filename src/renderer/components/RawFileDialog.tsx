import { useState } from 'react';
import { useT } from '../i18n';
import { useApp } from '../state/store';
import { prettyJson, prettyXml, rawKind } from '../util/pretty';
import { Modal } from './Modal';

/**
 * Evidence from a JSON, XML or config file (a status file, HandlerEnvironment.json, waagent.conf, ...):
 * the text the analysis kept, pretty-printed, with the file's whole path and the line. Not a log, so the
 * log viewer has nothing to scroll to; this is where a click on such evidence lands.
 */
export function RawFileDialog({ onClose }: { onClose: () => void }) {
  const e = useApp((s) => s.rawEvidence);
  const t = useT();
  const [pretty, setPretty] = useState(true);
  if (!e) return null;
  const kind = rawKind(e.file, e.text);
  const clipped = /…$/.test(e.text);
  const body = e.text.replace(/…$/, '');
  const shown = !pretty ? e.text : kind === 'json' ? prettyJson(body) + (clipped ? '\n…' : '') : kind === 'xml' ? prettyXml(body) + (clipped ? '\n…' : '') : e.text;
  return (
    <Modal title={t.raw.title(e.file)} onClose={onClose} wide footer={<button type="button" onClick={onClose}>{t.common.close}</button>}>
      <p className="raw-meta">
        <code className="wrap" data-testid="raw-path">
          {e.file}
          {e.line > 0 ? `:${e.line}` : ''}
        </code>
        {e.line > 0 && <span className="muted small"> · {t.raw.line(e.line)}</span>}
      </p>
      {(kind === 'json' || kind === 'xml') && (
        <div className="seg" role="group" aria-label={t.raw.pretty}>
          <button type="button" aria-pressed={pretty} onClick={() => setPretty(true)}>
            {t.raw.pretty}
          </button>
          <button type="button" aria-pressed={!pretty} onClick={() => setPretty(false)}>
            {t.raw.asWritten}
          </button>
        </div>
      )}
      {/* Hostile text: rendered as a React text child only. */}
      <pre className="raw-view" data-testid="raw-view" tabIndex={0}>
        {shown}
      </pre>
      {clipped && <p className="muted small">{t.raw.clipped}</p>}
    </Modal>
  );
}
