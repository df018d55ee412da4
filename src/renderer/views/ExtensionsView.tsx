import { Fragment, useState } from 'react';
import { compareVersions } from '../../shared';
import { EvidenceList } from '../components/EvidenceList';
import { textIn } from '../../shared/i18n/analysis';
import { useLang, useT } from '../i18n';
import { useApp } from '../state/store';
import { formatDuration, formatTime } from '../util/time';

/** Guest agent health and the extension handlers with their operation history. */
export function ExtensionsView() {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const [open, setOpen] = useState<string | null>(null);
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (!result) return null;
  const a = result.agent;
  const below = a.goalStateAgentVersion ? compareVersions(a.goalStateAgentVersion, a.minimumSupported) < 0 : null;
  const yesNo = (v: boolean | null) => (v === null ? t.common.unknown : v ? t.common.yes : t.common.no);
  const e = t.ext;
  const health: [string, string, 'ok' | 'warn' | 'bad' | 'none'][] = [
    [e.goalState, a.goalStateAgentVersion ?? t.common.unknown, below === null ? 'none' : below ? 'bad' : 'ok'],
    [e.daemon, a.daemonVersion ?? t.common.unknown, 'none'],
    [e.minimum, a.minimumSupported, 'none'],
    [e.supported, a.supported === null ? t.common.unknown : a.supported ? t.common.yes : e.supportedNo, a.supported === null ? 'none' : a.supported ? 'ok' : 'bad'],
    [e.heartbeats, String(a.heartbeats), a.heartbeats > 0 ? 'ok' : 'warn'],
    [e.longestGap, a.longestHeartbeatGapMinutes === undefined ? '—' : e.minutes(Math.round(a.longestHeartbeatGapMinutes)), (a.longestHeartbeatGapMinutes ?? 0) > 90 ? 'warn' : 'none'],
    [e.restarts, String(a.restarts), a.restarts > 3 ? 'warn' : 'none'],
    [e.crashes, String(a.crashes), a.crashes > 0 ? 'bad' : 'ok'],
    [e.gsErrors, String(a.goalStateErrors), a.goalStateErrors > 0 ? 'bad' : 'ok'],
    [e.selfUpdate, String(a.selfUpdateFailures), a.selfUpdateFailures > 0 ? 'warn' : 'ok'],
    [e.disabled, a.disabled ? e.disabledYes : t.common.no, a.disabled ? 'bad' : 'ok'],
    [e.extEnabled, yesNo(a.extensionsEnabled), a.extensionsEnabled === false ? 'bad' : a.extensionsEnabled ? 'ok' : 'none'],
    [e.autoUpdate, yesNo(a.autoUpdate), a.autoUpdate === false ? 'warn' : a.autoUpdate ? 'ok' : 'none'],
  ];
  return (
    <section className="extensions" aria-label={e.region}>
      <h2 className="section-title">{e.guestAgent}</h2>
      <dl className="health" aria-label={e.health}>
        {health.map(([k, v, s]) => (
          <div key={k} className={`health-item h-${s}`}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="section-title">{e.handlers}</h2>
      {result.extensions.length === 0 ? (
        <p className="muted">{e.noHandlers}</p>
      ) : (
        <table className="table ext-table" aria-label={e.handlers}>
          <thead>
            <tr>
              <th>
                <span className="sr-only">{e.historyOf('')}</span>
              </th>
              <th>{e.handler}</th>
              <th>{e.version}</th>
              <th>{e.state}</th>
              <th>{e.lastOp}</th>
              <th>{e.code}</th>
              <th>{e.message}</th>
              <th>{e.time}</th>
            </tr>
          </thead>
          <tbody>
            {result.extensions.map((x) => {
              const isOpen = open === x.name;
              // A failing code under a "success"/"Ready" status is the error (VMSnapshot writes status success, code 122).
              const codeFailed = lastOpFailed(x.lastCode);
              const failed = /fail|error/i.test(`${x.state ?? ''} ${x.status ?? ''}`) || codeFailed;
              return (
                <Fragment key={x.name}>
                  <tr className={failed ? 'row-bad' : undefined} data-testid="ext-row">
                    <td>
                      <button type="button" className="icon" aria-expanded={isOpen} aria-label={e.historyOf(x.name)} onClick={() => setOpen(isOpen ? null : x.name)} disabled={!x.history.length}>
                        {isOpen ? '▾' : '▸'}
                      </button>
                    </td>
                    <td>
                      <strong>{x.name}</strong>
                    </td>
                    <td>{x.version ?? '—'}</td>
                    <td>
                      {codeFailed && (
                        <span className="badge badge-detected" data-testid="ext-last-failed" title={e.handlerStateNote}>
                          {e.lastFailed(x.lastCode!)}
                        </span>
                      )}
                      {codeFailed && <br />}
                      <span className={codeFailed ? 'muted small' : undefined} title={codeFailed ? e.handlerStateNote : undefined}>
                        {x.state ?? '—'}
                        {x.status && x.status !== x.state ? ` · ${x.status}` : null}
                      </span>
                    </td>
                    <td>{x.lastOperation ?? '—'}</td>
                    <td className={codeFailed ? 'error-text' : undefined}>{x.lastCode ?? '—'}</td>
                    <td className="msg">{textIn(lang, x.lastMessage ?? '', x.lastMessageNl)}</td>
                    <td className="nowrap">{formatTime(x.lastTime, mode)}</td>
                  </tr>
                  {isOpen && (
                    <tr className="history-row">
                      <td />
                      <td colSpan={7}>
                        <table className="table compact" aria-label={e.opsOf(x.name)}>
                          <thead>
                            <tr>
                              <th>{e.time}</th>
                              <th>{e.operation}</th>
                              <th>{e.outcome}</th>
                              <th>{e.duration}</th>
                              <th>{e.exit}</th>
                              <th>{e.messageRecord}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {x.history.map((h, i) => (
                              <tr key={i}>
                                <td className="nowrap">{formatTime(h.time, mode)}</td>
                                <td>{h.op}</td>
                                <td className={lastOpFailed(h.exitCode) && !/fail|error|timed/i.test(h.outcome) ? 'error-text' : undefined}>
                                  {lastOpFailed(h.exitCode) && !/fail|error|timed/i.test(h.outcome) ? `${h.outcome} → ${e.lastFailed(h.exitCode!)}` : h.outcome}
                                </td>
                                <td>{formatDuration(h.durationMs)}</td>
                                <td>{h.exitCode ?? ''}</td>
                                <td>
                                  {h.message && <div className="small">{textIn(lang, h.message, h.messageNl)}</div>}
                                  <EvidenceList evidence={[h.evidence]} label={e.recordOf(h.op)} />
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

/** 0 and 1 are the extension status codes of success (1: file-system consistent); anything else failed. */
export function lastOpFailed(code: number | undefined): boolean {
  return code !== undefined && code !== 0 && code !== 1;
}
