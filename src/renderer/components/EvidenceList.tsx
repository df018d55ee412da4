import type { Evidence } from '../../shared';
import { useApp } from '../state/store';
import { formatTime } from '../util/time';

/**
 * Evidence lines (file:line, time, text). A click opens the Logs view at that record; whole-file
 * evidence (line 0) has nothing to scroll to and is shown as plain text.
 */
export function EvidenceList({ evidence, label }: { evidence: Evidence[]; label?: string }) {
  const showInLogs = useApp((s) => s.showInLogs);
  const mode = useApp((s) => s.timeMode);
  if (!evidence.length) return <p className="muted small">No log lines are attached.</p>;
  return (
    <ul className="evidence" aria-label={label ?? 'Evidence'}>
      {evidence.map((e, i) => {
        const loc = e.line > 0 ? `${e.file}:${e.line}` : e.file;
        const body = (
          <>
            <span className="ev-loc" title={loc}>
              {shortPath(e.file)}
              {e.line > 0 ? `:${e.line}` : ''}
            </span>
            <span className="ev-time">
              {formatTime(e.time, mode)}
              {e.zone === 'local' ? ' (VM local)' : ''}
            </span>
            <span className="ev-text">{e.text}</span>
          </>
        );
        return (
          <li key={`${loc}-${i}`}>
            {e.line > 0 ? (
              <button type="button" className="ev-line" data-testid="evidence-line" data-file={e.file} data-line={e.line} title="Show in logs" onClick={() => showInLogs(e.file, e.line)}>
                {body}
              </button>
            ) : (
              <div className="ev-line ev-static">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The file name with a short folder (`VMSnapshotLinux/extension.log`, `status/15.status`): the
 * handler folders are long (`Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0`); the
 * full path is in the tooltip.
 */
export function shortPath(file: string): string {
  const parts = file.split('/');
  if (parts.length < 2) return file;
  const dir = parts[parts.length - 2].replace(/-\d[\d.]*$/, '');
  const short = dir.includes('.') ? dir.slice(dir.lastIndexOf('.') + 1) : dir;
  return `${short}/${parts[parts.length - 1]}`;
}
