import type { Evidence } from '../../shared';
import { useT } from '../i18n';
import { useApp } from '../state/store';
import { usePlace } from '../util/place';
import { rawKind } from '../util/pretty';
import { formatTime } from '../util/time';

/**
 * Evidence lines (file:line, time, text), the file's path shown whole; a line of pasted text as "pasted text,
 * line N" (the VM path a paste was read as is not a file the engineer has), a loose file placed by its content
 * by its own name. A click opens the Logs view at that
 * record; evidence from a JSON, XML or config file, or about a whole file (line 0), opens the raw file view
 * instead (those files are not logs: there is no record to scroll to).
 */
export function EvidenceList({ evidence, label }: { evidence: Evidence[]; label?: string }) {
  const showInLogs = useApp((s) => s.showInLogs);
  const showRaw = useApp((s) => s.showRaw);
  const mode = useApp((s) => s.timeMode);
  const t = useT();
  const place = usePlace();
  if (!evidence.length) return <p className="muted small">{t.finding.noLines}</p>;
  // The same line reached through two facts is shown once.
  const seen = new Set<string>();
  const unique = evidence.filter((e) => {
    const k = `${e.file}\u0000${e.line}\u0000${e.line > 0 ? '' : e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return (
    <ul className="evidence" aria-label={label ?? t.finding.evidence}>
      {unique.map((e, i) => {
        const loc = place(e);
        const raw = e.line <= 0 || rawKind(e.file, e.text) !== null;
        return (
          <li key={`${loc}-${i}`}>
            <button
              type="button"
              className="ev-line"
              data-testid="evidence-line"
              data-file={e.file}
              data-line={e.line}
              data-pasted={place.isPasted(e.file) ? 'true' : undefined}
              data-raw={raw ? 'true' : undefined}
              title={raw ? t.finding.openFile : t.finding.showInLogs}
              onClick={() => (raw ? showRaw(e) : showInLogs(e.file, e.line))}
            >
              <span className="ev-loc">{loc}</span>
              <span className="ev-time">
                <span className="ev-at">{formatTime(e.time, mode)}</span>
                {e.zone === 'local' && <span className="ev-zone"> {t.finding.vmLocal}</span>}
              </span>
              <span className="ev-text">{e.text}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
