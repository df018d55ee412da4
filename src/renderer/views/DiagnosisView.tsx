import { portalCode as portalCodeDef, type Finding } from '../../shared';
import { CodeChip, ConfidenceBadge, VerdictBadge } from '../components/Badge';
import { Collapsible } from '../components/Collapsible';
import { FindingCard } from '../components/FindingCard';
import { useApp } from '../state/store';
import { formatTime } from '../util/time';

/** The landing view: the verdict at a glance, then every cause grouped by verdict. */
export function DiagnosisView() {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  if (!result) return null;
  const { verdict, vm, agent } = result;
  const by = (v: Finding['verdict']) => result.findings.filter((f) => f.verdict === v);
  const detected = by('detected');
  const top = verdict.cause ? result.findings.find((f) => f.cause === verdict.cause) : undefined;
  const code = result.portalCode;
  const codeDef = code ? portalCodeDef(code) : undefined;
  const ordered = code
    ? result.findings.filter((f) => f.portalOrder !== undefined).sort((a, b) => (a.portalOrder ?? 0) - (b.portalOrder ?? 0))
    : [];

  return (
    <section className="diagnosis" aria-label="Diagnosis">
      <div className={`verdict-card ${top ? 'verdict-found' : 'verdict-none'}`} data-testid="verdict" data-cause={verdict.cause ?? ''}>
        <div className="verdict-main">
          <p className="eyebrow">{top ? 'Most likely cause' : 'Verdict'}</p>
          <h1 className="verdict-title">{top ? top.title : 'No cause detected'}</h1>
          <div className="badges">
            {verdict.confidence && <ConfidenceBadge confidence={verdict.confidence} />}
            {verdict.portalCodes.map((c) => (
              <CodeChip key={c} code={c} />
            ))}
          </div>
          <p className="verdict-summary">{verdict.summary}</p>
          {detected.length > 1 && <p className="muted small">{detected.length - 1} more cause{detected.length > 2 ? 's' : ''} detected below.</p>}
        </div>
        <dl className="facts" aria-label="VM facts">
          <dt>Host</dt>
          <dd>{vm.hostname ?? '—'}</dd>
          <dt>OS</dt>
          <dd>{vm.os ?? vm.platform}</dd>
          <dt>Agent</dt>
          <dd>
            {agent.goalStateAgentVersion ?? '—'}
            {agent.supported === false && <span className="badge badge-detected"> below {agent.minimumSupported}</span>}
            {agent.daemonVersion && <span className="muted small"> (daemon {agent.daemonVersion})</span>}
          </dd>
          <dt>Collected</dt>
          <dd>{formatTime(vm.collectedAt, mode)}</dd>
          <dt>Logs span</dt>
          <dd>
            {formatTime(vm.firstRecord, mode, false)} → {formatTime(vm.lastRecord, mode, false)}
          </dd>
          <dt>Read</dt>
          <dd data-testid="file-count">
            {result.files.length} files from {result.inputs.length} input{result.inputs.length === 1 ? '' : 's'} · {result.stats.records.toLocaleString('en')} records
          </dd>
        </dl>
      </div>

      {code && (
        <Collapsible title={`Causes for ${code}`} count={ordered.length} className="portal-order">
          {codeDef && <p className="muted">{codeDef.message.en} — checked in the order of the Microsoft article.</p>}
          {!codeDef && <p className="muted">This code is not in the catalogue; all causes are listed below.</p>}
          <ol className="portal-list" aria-label={`Causes for ${code} in article order`}>
            {ordered.map((f) => (
              <li key={f.cause}>
                <a href={`#finding-${f.cause}`} onClick={(e) => jumpTo(e, f)}>
                  {f.title}
                </a>{' '}
                <VerdictBadge verdict={f.verdict} />
              </li>
            ))}
          </ol>
        </Collapsible>
      )}

      <Collapsible title="Detected" count={detected.length} className="group-detected">
        {detected.length ? detected.map((f) => <FindingCard key={f.cause} finding={f} highlightCode={code} />) : <p className="muted">No cause was detected from the guest evidence.</p>}
      </Collapsible>
      <Collapsible title="Not evaluable" count={by('not-evaluable').length} defaultOpen={detected.length === 0} className="group-not-evaluable">
        {by('not-evaluable').map((f) => (
          <FindingCard key={f.cause} finding={f} highlightCode={code} />
        ))}
      </Collapsible>
      <Collapsible title="Ruled out" count={by('ruled-out').length} defaultOpen={false} className="group-ruled-out">
        {by('ruled-out').map((f) => (
          <FindingCard key={f.cause} finding={f} highlightCode={code} />
        ))}
      </Collapsible>

      <Collapsible title="Missing evidence" count={result.missingEvidence.length} defaultOpen={result.missingEvidence.length > 0} className="missing">
        {result.missingEvidence.length === 0 ? (
          <p className="muted">The bundle has everything the rules look for.</p>
        ) : (
          <table className="table" aria-label="Missing evidence">
            <thead>
              <tr>
                <th>What</th>
                <th>Why it matters</th>
                <th>How to collect</th>
              </tr>
            </thead>
            <tbody>
              {result.missingEvidence.map((m) => (
                <tr key={m.what}>
                  <td>{m.what}</td>
                  <td>{m.why}</td>
                  <td>
                    <code className="wrap">{m.howToCollect}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Collapsible>

      <Collapsible title="Inputs and warnings" count={result.warnings.length} defaultOpen={false} className="inputs">
        <ul className="inputs-list" aria-label="Inputs">
          {result.inputs.map((i) => (
            <li key={i.path}>
              <code>{i.path}</code> <span className="muted small">({i.kind}, {i.files} files)</span>
              {i.warnings.map((w, k) => (
                <div key={k} className="warn small">
                  {w}
                </div>
              ))}
            </li>
          ))}
        </ul>
        {result.warnings.length > 0 && (
          <ul className="warnings" aria-label="Warnings">
            {result.warnings.map((w, i) => (
              <li key={i} className="small">
                {w.file && (
                  <code>
                    {w.file}
                    {w.line ? `:${w.line}` : ''}
                  </code>
                )}{' '}
                {w.message}
              </li>
            ))}
          </ul>
        )}
      </Collapsible>
    </section>
  );
}

function jumpTo(e: React.MouseEvent, f: Finding) {
  e.preventDefault();
  // A collapsed group does not render its cards; open it first, then scroll once it has rendered.
  document.querySelector<HTMLButtonElement>(`.group-${f.verdict} .collapsible-head button[aria-expanded="false"]`)?.click();
  requestAnimationFrame(() => document.getElementById(`finding-${f.cause}`)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }));
}
