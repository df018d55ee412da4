import { useEffect, useRef, useState } from 'react';
import type { Evidence, RawFile } from '../../shared';
import { api } from '../api';
import { useT } from '../i18n';
import { useApp } from '../state/store';
import { usePlace } from '../util/place';
import { prettyJson, prettyXml, rawKind, type RawKind } from '../util/pretty';
import { Modal } from './Modal';

/**
 * Evidence from a JSON, XML or config file (a status file, HandlerEnvironment.json, waagent.conf, ...):
 * the whole file, read from the open session by its id (files:read), pretty-printed, scrolled to and marking
 * the evidence; the excerpt the analysis kept when the file cannot be read. Not a log, so the log viewer
 * has nothing to scroll to; this is where a click on such evidence lands.
 */
export function RawFileDialog({ onClose }: { onClose: () => void }) {
  const e = useApp((s) => s.rawEvidence);
  const files = useApp((s) => s.result?.files);
  const t = useT();
  const place = usePlace();
  const [pretty, setPretty] = useState(true);
  const [read, setWhole] = useState<RawFile | null>(null);
  const mark = useRef<HTMLElement>(null);
  const id = e ? files?.find((f) => f.vmPath === e.file)?.id : undefined;

  useEffect(() => {
    let live = true;
    if (id === undefined) return;
    api()
      .readFile(id)
      .then((f) => live && setWhole(f))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => {
    mark.current?.scrollIntoView?.({ block: 'center' });
  }, [read, pretty]);

  if (!e) return null;
  // a file read for an earlier evidence is not this one's
  const whole = read && read.id === id && read.text.length > 0 ? read : null;
  const source = whole?.text ?? e.text;
  const kind = rawKind(e.file, source);
  const clipped = whole ? whole.clipped : /…$/.test(e.text);
  const body = whole ? source : e.text.replace(/…$/, '');
  const shown = !pretty ? source : format(kind, body) + (clipped && (kind === 'json' || kind === 'xml') ? '\n…' : '');
  const [before, hit, after] = whole ? split(shown, e, kind, pretty) : [shown, '', ''];
  return (
    <Modal title={t.raw.title(place({ file: e.file, line: 0 }))} onClose={onClose} wide footer={<button type="button" onClick={onClose}>{t.common.close}</button>}>
      <p className="raw-meta">
        <code className="wrap" data-testid="raw-path">
          {place(e)}
        </code>
        {e.line > 0 && <span className="muted small"> · {t.raw.line(e.line)}</span>}
        <span className="muted small" data-testid="raw-scope">
          {' '}
          · {whole ? t.raw.wholeFile : t.raw.excerpt}
        </span>
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
      {/* Hostile text: rendered as React text children only. */}
      <pre className="raw-view" data-testid="raw-view" tabIndex={0}>
        {before}
        {hit && (
          <mark ref={mark} data-testid="raw-mark">
            {hit}
          </mark>
        )}
        {after}
      </pre>
      {clipped && <p className="muted small">{whole ? t.raw.wholeClipped : t.raw.clipped}</p>}
    </Modal>
  );
}

function format(kind: RawKind, text: string): string {
  return kind === 'json' ? prettyJson(text) : kind === 'xml' ? prettyXml(text) : text;
}

/**
 * The evidence's place in the shown file: its line in a file shown as written, else the evidence text
 * (formatted the same way) or its first line found in the text; nothing marked when it is not found.
 */
function split(shown: string, e: Evidence, kind: RawKind, pretty: boolean): [string, string, string] {
  const lines = shown.split('\n');
  if ((!pretty || kind === 'conf' || kind === null) && e.line > 0 && e.line <= lines.length) {
    const start = lines.slice(0, e.line - 1).join('\n').length + (e.line > 1 ? 1 : 0);
    return [shown.slice(0, start), lines[e.line - 1], shown.slice(start + lines[e.line - 1].length)];
  }
  const excerpt = e.text.replace(/…$/, '');
  const candidates = [pretty ? format(kind, excerpt) : excerpt, ...excerpt.split('\n').map((l) => l.trim())].filter((c) => c.length >= 3);
  for (const c of candidates) {
    const at = shown.indexOf(c);
    if (at >= 0) return [shown.slice(0, at), c, shown.slice(at + c.length)];
  }
  return [shown, '', ''];
}
