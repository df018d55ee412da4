import { Fragment, useState } from 'react';
import { compareVersions } from '../../shared';
import { EvidenceList } from '../components/EvidenceList';
import { useApp } from '../state/store';
import { formatDuration, formatTime } from '../util/time';

/** Guest agent health and the extension handlers with their operation history. */
export function ExtensionsView() {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const [open, setOpen] = useState<string | null>(null);
  if (!result) return null;
  const a = result.agent;
  const below = a.goalStateAgentVersion ? compareVersions(a.goalStateAgentVersion, a.minimumSupported) < 0 : null;
  const yesNo = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');
  const health: [string, string, 'ok' | 'warn' | 'bad' | 'none'][] = [
    ['Goal-state agent', a.goalStateAgentVersion ?? 'unknown', below === null ? 'none' : below ? 'bad' : 'ok'],
    ['Daemon', a.daemonVersion ?? 'unknown', 'none'],
    ['Supported minimum', a.minimumSupported, 'none'],
    ['Supported', a.supported === null ? 'unknown' : a.supported ? 'yes' : 'no — update the agent', a.supported === null ? 'none' : a.supported ? 'ok' : 'bad'],
    ['Heartbeats', String(a.heartbeats), a.heartbeats > 0 ? 'ok' : 'warn'],
    ['Longest heartbeat gap', a.longestHeartbeatGapMinutes === undefined ? '—' : `${Math.round(a.longestHeartbeatGapMinutes)} min`, (a.longestHeartbeatGapMinutes ?? 0) > 90 ? 'warn' : 'none'],
    ['Restarts', String(a.restarts), a.restarts > 3 ? 'warn' : 'none'],
    ['Crashes', String(a.crashes), a.crashes > 0 ? 'bad' : 'ok'],
    ['Goal-state errors', String(a.goalStateErrors), a.goalStateErrors > 0 ? 'bad' : 'ok'],
    ['Self-update failures', String(a.selfUpdateFailures), a.selfUpdateFailures > 0 ? 'warn' : 'ok'],
    ['Agent disabled', a.disabled ? 'yes (disable_agent marker)' : 'no', a.disabled ? 'bad' : 'ok'],
    ['Extensions enabled', yesNo(a.extensionsEnabled), a.extensionsEnabled === false ? 'bad' : a.extensionsEnabled ? 'ok' : 'none'],
    ['Auto-update', yesNo(a.autoUpdate), a.autoUpdate === false ? 'warn' : a.autoUpdate ? 'ok' : 'none'],
  ];
  return (
    <section className="extensions" aria-label="Agent and extensions">
      <h2 className="section-title">Guest agent</h2>
      <dl className="health" aria-label="Agent health">
        {health.map(([k, v, s]) => (
          <div key={k} className={`health-item h-${s}`}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="section-title">Extension handlers</h2>
      {result.extensions.length === 0 ? (
        <p className="muted">No extension handlers were found in the bundle.</p>
      ) : (
        <table className="table ext-table" aria-label="Extension handlers">
          <thead>
            <tr>
              <th />
              <th>Handler</th>
              <th>Version</th>
              <th>State</th>
              <th>Last operation</th>
              <th>Code</th>
              <th>Message</th>
              <th>Time</th>
            </tr>
          </thead>
          <tbody>
            {result.extensions.map((x) => {
              const isOpen = open === x.name;
              const failed = /fail|error/i.test(`${x.state ?? ''} ${x.status ?? ''}`) || (x.lastCode !== undefined && x.lastCode !== 0 && x.lastCode !== 1);
              return (
                <Fragment key={x.name}>
                  <tr className={failed ? 'row-bad' : undefined} data-testid="ext-row">
                    <td>
                      <button type="button" className="icon" aria-expanded={isOpen} aria-label={`History of ${x.name}`} onClick={() => setOpen(isOpen ? null : x.name)} disabled={!x.history.length}>
                        {isOpen ? '▾' : '▸'}
                      </button>
                    </td>
                    <td>
                      <strong>{x.name}</strong>
                    </td>
                    <td>{x.version ?? '—'}</td>
                    <td>
                      {x.state ?? '—'}
                      {x.status && x.status !== x.state ? <span className="muted small"> · {x.status}</span> : null}
                    </td>
                    <td>{x.lastOperation ?? '—'}</td>
                    <td>{x.lastCode ?? '—'}</td>
                    <td className="msg">{x.lastMessage ?? ''}</td>
                    <td className="nowrap">{formatTime(x.lastTime, mode)}</td>
                  </tr>
                  {isOpen && (
                    <tr className="history-row">
                      <td />
                      <td colSpan={7}>
                        <table className="table compact" aria-label={`Operations of ${x.name}`}>
                          <thead>
                            <tr>
                              <th>Time</th>
                              <th>Operation</th>
                              <th>Outcome</th>
                              <th>Duration</th>
                              <th>Exit</th>
                              <th>Message / record</th>
                            </tr>
                          </thead>
                          <tbody>
                            {x.history.map((h, i) => (
                              <tr key={i}>
                                <td className="nowrap">{formatTime(h.time, mode)}</td>
                                <td>{h.op}</td>
                                <td>{h.outcome}</td>
                                <td>{formatDuration(h.durationMs)}</td>
                                <td>{h.exitCode ?? ''}</td>
                                <td>
                                  {h.message && <div className="small">{h.message}</div>}
                                  <EvidenceList evidence={[h.evidence]} label={`Record of ${h.op}`} />
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
