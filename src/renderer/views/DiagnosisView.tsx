import { CAUSES, portalCode as portalCodeDef, portalCodesFor, type Evidence, type Finding } from '../../shared';
import { CompareAction } from '../components/CompareAction';
import { CodeChip, ConfidenceBadge, RoleBadge, VerdictBadge } from '../components/Badge';
import { EvidenceList } from '../components/EvidenceList';
import { InlineCode } from '../components/InlineCode';
import { useLang, useT } from '../i18n';
import { Collapsible } from '../components/Collapsible';
import { inputWarningsIn, missingIn, textIn, warningIn } from '../../shared/i18n/analysis';
import { inputIn } from '../../shared/i18n/labels';
import { FindingCard } from '../components/FindingCard';
import { findingIn } from '../../shared/i18n/finding';
import { PortalCodeForm } from '../components/PortalCodeForm';
import { namesItsFile, useApp } from '../state/store';
import { failedTaskIndex } from '../util/compare';
import { usePlace } from '../util/place';
import { formatTime, type TimeMode } from '../util/time';
import { verdictText } from '../util/finding-text';
import { useState } from 'react';

/** The landing view: the verdict at a glance, then every cause grouped by verdict. */
export function DiagnosisView() {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const session = useApp((s) => s.session);
  const loading = useApp((s) => s.loading);
  const openVm = useApp((s) => s.openVm);
  const t = useT();
  const lang = useLang((s) => s.lang);
  const place = usePlace();
  const [copied, setCopied] = useState<string | null>(null);
  if (!result) return null;
  const { verdict, vm, agent } = result;
  // each cause's portal codes this guest can get: a Linux VM's freeze failure lists no VSS codes
  const findings = result.findings.map((f) => ({ ...f, portalCodes: portalCodesFor(f.portalCodes, vm.platform) }));
  const verdictCodes = verdict.cause ? portalCodesFor(verdict.portalCodes, vm.platform) : verdict.portalCodes;
  const by = (v: Finding['verdict']) => findings.filter((f) => f.verdict === v);
  const detected = by('detected');
  const found = verdict.cause ? findings.find((f) => f.cause === verdict.cause) : undefined;
  const top = found && findingIn(lang, found);
  const code = result.portalCode;
  const codeDef = code ? portalCodeDef(code) : undefined;
  const ordered = code
    ? findings.filter((f) => f.portalOrder !== undefined).sort((a, b) => (a.portalOrder ?? 0) - (b.portalOrder ?? 0))
    : [];
  // No snapshot task of the Backup extension at all: nothing can be tied to a failed backup.
  const noTask = result.snapshots.length === 0;
  const topRole = top?.role;
  // A cause at low confidence is a lead, not an answer: the card says the logs cannot tell, and what to collect.
  const uncertain = !!top && verdict.confidence === 'low';
  const missing = result.missingEvidence.map((e) => missingIn(lang, e));
  // With no guest-side cause: what only Azure can show, per cause, in the UI's language (as the report says it).
  const azure = (verdict.azureChecklist ?? []).map((c) => {
    const def = CAUSES.find((d) => d.id === c.cause);
    return { cause: c.cause, title: def?.title[lang] ?? c.title, check: def ? (def.azureCheck?.[lang] ?? def.remedy[lang][0] ?? def.description[lang]) : c.check };
  });
  const unexplained = unexplainedOf(result);
  const benign = result.benign ?? [];
  const failed = failedTaskIndex(result);
  const summary = textIn(lang, verdict.summary, verdict.summaryNl);
  const span = logsSpan(vm, mode, t.diag.logsSpanNone);
  const copyVerdict = () => {
    const head = uncertain ? `${t.diag.notEstablished}: ${t.diag.cannotTell}` : top ? `${top.title} (${t.finding.confidence[verdict.confidence ?? top.confidence]})` : noTask ? t.diag.noTask : t.diag.noCause;
    const text = verdictText(
      { head, possible: uncertain ? t.diag.possibleCause(top.title) : undefined, summary, finding: uncertain ? undefined : top, collect: uncertain ? missing.map((m) => ({ what: m.what, how: m.howToCollect })) : [], azure },
      t,
      place,
    );
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(t.finding.copied),
      () => setCopied(t.finding.noClipboard),
    );
  };

  return (
    <section className="diagnosis" aria-label={t.diag.region}>
      {result.multipleVms && (
        <div className="multiple-vms" role="alert" data-testid="multiple-vms">
          <strong>{t.diag.multipleVms}</strong>
          <p>{textIn(lang, result.multipleVms.message, result.multipleVms.messageNl)}</p>
          <div className="multiple-vms-actions">
            {result.multipleVms.vms.map((v) => (
              <button key={v.root} type="button" data-testid="open-vm" disabled={loading} title={t.diag.openVmHint} onClick={() => void openVm(v.root)}>
                {t.diag.openVm(v.machine ? `${v.machine} (${v.root})` : v.root)}
              </button>
            ))}
          </div>
        </div>
      )}
      {result.onlyVm && (
        <div className="multiple-vms only-vm" role="note" data-testid="only-vm">
          <strong>{t.diag.onlyVm}</strong>
          <p>{textIn(lang, result.onlyVm.message, result.onlyVm.messageNl)}</p>
        </div>
      )}
      <div
        className={`verdict-card ${uncertain ? 'verdict-uncertain' : top ? 'verdict-found' : 'verdict-none'}${noTask ? ' verdict-notask' : ''}`}
        data-testid="verdict"
        data-cause={verdict.cause ?? ''}
        data-notask={noTask ? 'true' : undefined}
        data-established={uncertain ? 'false' : undefined}
      >
        <div className="verdict-main">
          <p className="eyebrow">{uncertain ? t.diag.notEstablished : top ? t.diag.mostLikely : t.diag.verdict}</p>
          <h1 className="verdict-title">{uncertain ? t.diag.cannotTell : top ? top.title : noTask ? t.diag.noTask : t.diag.noCause}</h1>
          {uncertain && (
            <p className="verdict-possible" data-testid="possible-cause">
              {t.diag.possibleCause(top.title)}
            </p>
          )}
          <div className="badges">
            {verdict.confidence && <ConfidenceBadge confidence={verdict.confidence} />}
            {top && !uncertain && <RoleBadge role={topRole} />}
            {verdictCodes.map((c) => (
              <CodeChip key={c} code={c} />
            ))}
          </div>
          <p className="verdict-summary">{summary}</p>
          {noTask && (
            <p className="verdict-note" role="note" data-testid="no-task-note">
              {top ? `${t.diag.noTask}. ` : ''}
              {t.diag.noTaskHint}
            </p>
          )}
          {!top && !noTask && <p className="verdict-note">{t.diag.noCauseHint}</p>}
          {azure.length > 0 && (
            <CollectList id="verdict-azure-head" head={t.report.azureChecklist} testId="azure-checklist" items={azure.map((c) => ({ key: c.cause, name: c.title, text: c.check }))} />
          )}
          {uncertain && !noTask && missing.length === 0 && <p className="verdict-note">{t.diag.lowHint}</p>}
          {uncertain && missing.length > 0 && (
            <CollectList id="verdict-collect-head" head={t.diag.collectToTell} items={missing.map((m) => ({ key: m.what, name: m.what, text: m.howToCollect }))} />
          )}
          {detected.length > 1 && <p className="muted small">{t.diag.moreDetected(detected.length - 1)}</p>}
          <div className="verdict-actions">
            <button type="button" onClick={copyVerdict}>
              {t.diag.copyTicket}
            </button>
            {copied && (
              <span className="muted small" role="status">
                {copied}
              </span>
            )}
            {failed >= 0 && <CompareAction task={result.snapshots[failed]} />}
          </div>
        </div>
        <dl className="facts" aria-label={t.diag.vmFacts}>
          <dt>{t.diag.host}</dt>
          <dd>{vm.hostname ?? '—'}</dd>
          <dt>{t.diag.os}</dt>
          <dd>{vm.os ?? vm.platform}</dd>
          <dt>{t.diag.agent}</dt>
          <dd>
            {agent.goalStateAgentVersion ?? '—'}
            {agent.supported === false && <span className="badge badge-detected"> {t.diag.below(agent.minimumSupported)}</span>}
            {agent.daemonVersion && <span className="muted small"> {t.diag.daemon(agent.daemonVersion)}</span>}
          </dd>
          <dt>{t.diag.collected}</dt>
          <dd>{formatTime(vm.collectedAt, mode)}</dd>
          <dt>{t.diag.logsSpan}</dt>
          <dd data-testid="logs-span">
            {span.length === 1 ? (
              span[0]
            ) : (
              <>
                <span className="nowrap">{span[0]}</span> → <span className="nowrap">{span[1]}</span>
              </>
            )}
          </dd>
          <dt>{t.diag.read}</dt>
          <dd data-testid="file-count">{t.diag.readValue(result.files.length, result.inputs.length, result.stats.records)}</dd>
        </dl>
      </div>

      {/* a new form per open bundle; weighing the same one again keeps it (and its "Weighed again.") */}
      <PortalCodeForm key={`${session ?? result.analyzedAt}`} />

      {code && (
        <Collapsible title={t.diag.causesFor(code)} count={ordered.length} className="portal-order">
          {codeDef && <p className="muted">{t.diag.articleOrder(codeDef.message[lang])}</p>}
          {!codeDef && <p className="muted">{t.diag.codeUnknown}</p>}
          <ol className="portal-list" aria-label={t.diag.causesForOrder(code)}>
            {ordered.map((f) => (
              <li key={f.cause}>
                <a href={`#finding-${f.cause}`} onClick={(e) => jumpTo(e, f)}>
                  {findingIn(lang, f).title}
                </a>{' '}
                <VerdictBadge verdict={f.verdict} />
              </li>
            ))}
          </ol>
        </Collapsible>
      )}

      <Collapsible title={t.diag.detected} count={detected.length} className="group-detected">
        {detected.length ? detected.map((f) => <FindingCard key={f.cause} finding={f} highlightCode={code} />) : <p className="muted">{t.diag.noneDetected}</p>}
      </Collapsible>
      {unexplained.length > 0 && (
        <Collapsible title={t.diag.unexplained} count={unexplained.length} className="group-unexplained">
          <p className="muted small">{t.diag.unexplainedHint}</p>
          <ul className="unexplained" aria-label={t.diag.unexplained}>
            {unexplained.map((u, i) => (
              <li key={i} data-testid="unexplained-item">
                <span className="count">{t.diag.unexplainedCount(u.count)}</span> {u.level && <span className={`c-level lvl-${u.level}`}>{u.level.toUpperCase()}</span>} <code className="wrap">{u.text}</code>
                {u.nearFailure && <span className="badge badge-not-evaluable">{t.diag.nearFailure}</span>}
                {u.evidence.length > 0 && <EvidenceList evidence={u.evidence.slice(0, 3)} label={u.text} />}
              </li>
            ))}
          </ul>
        </Collapsible>
      )}
      {benign.length > 0 && (
        <Collapsible title={t.diag.benign} count={benign.length} defaultOpen={detected.length === 0} className="group-benign">
          <p className="muted small">{t.diag.benignHint}</p>
          <ul className="benign" aria-label={t.diag.benign}>
            {benign.map((b) => (
              <li key={b.id} data-testid="benign-item">
                <span className="count">{t.diag.unexplainedCount(b.count)}</span> <b>{b.title[lang]}</b>: {b.why[lang]} <span className="muted small">({b.source})</span>
                {b.evidence.length > 0 && <EvidenceList evidence={b.evidence.slice(0, 3)} label={b.title[lang]} />}
              </li>
            ))}
          </ul>
        </Collapsible>
      )}
      <Collapsible title={t.diag.notEvaluable} count={by('not-evaluable').length} defaultOpen={detected.length === 0} className="group-not-evaluable">
        {by('not-evaluable').map((f) => (
          <FindingCard key={f.cause} finding={f} highlightCode={code} />
        ))}
      </Collapsible>
      <Collapsible title={t.diag.ruledOut} count={by('ruled-out').length} defaultOpen={false} className="group-ruled-out">
        {by('ruled-out').map((f) => (
          <FindingCard key={f.cause} finding={f} highlightCode={code} />
        ))}
      </Collapsible>

      <Collapsible title={t.diag.missing} count={result.missingEvidence.length} defaultOpen={result.missingEvidence.length > 0} className="missing">
        {result.missingEvidence.length === 0 ? (
          <p className="muted">{t.diag.missingNone}</p>
        ) : (
          <table className="table missing-table" aria-label={t.diag.missing}>
            <thead>
              <tr>
                <th>{t.diag.what}</th>
                <th>{t.diag.why}</th>
                <th>{t.diag.how}</th>
              </tr>
            </thead>
            <tbody>
              {missing.map((m) => (
                <tr key={m.what}>
                  <td>
                    <InlineCode text={m.what} />
                  </td>
                  <td>
                    <InlineCode text={m.why} />
                  </td>
                  <td>
                    <InlineCode text={m.howToCollect} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Collapsible>

      <Collapsible title={t.diag.inputs} count={result.warnings.length} defaultOpen={false} className="inputs">
        <ul className="inputs-list" aria-label={t.diag.inputsList}>
          {result.inputs.map((i) => (
            <li key={i.path}>
              <code>{inputIn(t, i).name}</code> <span className="muted small">{t.diag.inputLine(inputIn(t, i).kind, i.files)}</span>
              {inputWarningsIn(lang, i).map((w, k) => (
                <div key={k} className="warn small">
                  {w}
                </div>
              ))}
            </li>
          ))}
        </ul>
        {result.warnings.length > 0 && (
          <ul className="warnings" aria-label={t.diag.warnings}>
            {result.warnings.map((w, i) => (
              <li key={i} className="small">
                {w.file && !namesItsFile(warningIn(lang, w), w.file) && <code>{place({ file: w.file, line: w.line ?? 0 })}</code>}{' '}
                {warningIn(lang, w)}
              </li>
            ))}
          </ul>
        )}
      </Collapsible>
    </section>
  );
}

/**
 * From the first to the last timed record; to the second when both fall in one minute (a short excerpt), and in words
 * when no record has a time ("— → —" read as a display fault).
 */
export function logsSpan(vm: { firstRecord?: string; lastRecord?: string }, mode: TimeMode, none: string): [string] | [string, string] {
  if (!vm.firstRecord && !vm.lastRecord) return [none];
  const short = formatTime(vm.firstRecord, mode, false) === formatTime(vm.lastRecord, mode, false);
  return [formatTime(vm.firstRecord, mode, short), formatTime(vm.lastRecord, mode, short)];
}

/** A headed list under the verdict of what to check or collect: a name, then the command or place as code. */
function CollectList({ id, head, items, testId }: { id: string; head: string; items: { key: string; name: string; text: string }[]; testId?: string }) {
  return (
    <div className="verdict-collect">
      <p className="verdict-collect-head" id={id}>
        {head}
      </p>
      <ul aria-labelledby={id} data-testid={testId}>
        {items.map((i) => (
          <li key={i.key}>
            <strong>
              <InlineCode text={i.name} />
            </strong>
            : <InlineCode text={i.text} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function jumpTo(e: React.MouseEvent, f: Finding) {
  e.preventDefault();
  // A collapsed group does not render its cards; open it first, then scroll once it has rendered.
  document.querySelector<HTMLButtonElement>(`.group-${f.verdict} .collapsible-head button[aria-expanded="false"]`)?.click();
  requestAnimationFrame(() => document.getElementById(`finding-${f.cause}`)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }));
}

interface Unexplained {
  text: string;
  count: number;
  level?: string;
  nearFailure: boolean;
  evidence: Evidence[];
}

/**
 * `unexplained` (errors and warnings no rule explains, grouped by template) is a newer field of the result;
 * read it defensively so an older result, or a shape still settling, shows nothing rather than breaking.
 */
export function unexplainedOf(result: object): Unexplained[] {
  const raw = (result as { unexplained?: unknown }).unexplained;
  if (!Array.isArray(raw)) return [];
  const out: Unexplained[] = [];
  for (const x of raw as Record<string, unknown>[]) {
    if (!x || typeof x !== 'object') continue;
    const text = [x.template, x.text, x.message, x.example].find((v): v is string => typeof v === 'string') ?? '';
    if (!text) continue;
    const ev = [x.evidence, x.examples, x.samples].find((v): v is Evidence[] => Array.isArray(v)) ?? (x.sample && typeof x.sample === 'object' ? [x.sample as Evidence] : []);
    out.push({
      text,
      count: typeof x.count === 'number' ? x.count : ev.length || 1,
      level: typeof x.level === 'string' ? x.level : undefined,
      nearFailure: x.nearFailure === true,
      evidence: ev.filter((e) => e && typeof e.file === 'string'),
    });
  }
  return out;
}
