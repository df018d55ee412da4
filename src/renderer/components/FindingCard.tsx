import { useState } from 'react';
import type { Finding } from '../../shared';
import { api } from '../api';
import { findingIn } from '../../shared/i18n/finding';
import { useLang, useT } from '../i18n';
import { CodeChip, ConfidenceBadge, RoleBadge, VerdictBadge } from './Badge';
import { EvidenceList } from './EvidenceList';
import { InlineCode } from './InlineCode';
import { findingText } from '../util/finding-text';
import { usePlace } from '../util/place';

/** One cause: verdict, reason, the lines that prove it, the remedy and the article links. */
export function FindingCard({ finding, highlightCode }: { finding: Finding; highlightCode?: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  // title, reason and remedy in the UI's language
  const f = findingIn(lang, finding);
  // only detected findings have a role
  const role = f.role;
  const [copied, setCopied] = useState<string | null>(null);
  const place = usePlace();
  const copy = (format: 'md' | 'text') =>
    void navigator.clipboard?.writeText(findingText(f, t, format, place)).then(
      () => setCopied(t.finding.copied),
      () => setCopied(t.finding.noClipboard),
    );
  return (
    <article className={`finding finding-${f.verdict}`} id={`finding-${f.cause}`} aria-label={f.title} data-cause={f.cause}>
      <header className="finding-head">
        <h3>{f.title}</h3>
        <div className="badges">
          <VerdictBadge verdict={f.verdict} />
          <ConfidenceBadge confidence={f.confidence} />
          {f.verdict === 'detected' && <RoleBadge role={role} />}
        </div>
      </header>
      <p className="reason">{f.reason}</p>
      {f.portalCodes.length > 0 && (
        <p className="codes small">
          {f.portalCodes.map((c) => (
            <span key={c} className={c === highlightCode ? 'code-hit' : undefined}>
              <CodeChip code={c} />
            </span>
          ))}
        </p>
      )}
      {f.evidence.length > 0 && (
        <div className="finding-section">
          <h4>{t.finding.evidence}</h4>
          <EvidenceList evidence={f.evidence} label={`${t.finding.evidence}: ${f.title}`} />
        </div>
      )}
      {f.remedy.length > 0 && (
        <div className="finding-section">
          <h4>{t.finding.remedy}</h4>
          <ol className="remedy">
            {f.remedy.map((r, i) => (
              <li key={i}>
                <InlineCode text={r} />
              </li>
            ))}
          </ol>
        </div>
      )}
      <div className="finding-section finding-copy">
        <button type="button" onClick={() => copy('md')}>
          {t.finding.copyMd}
        </button>
        <button type="button" onClick={() => copy('text')}>
          {t.finding.copyText}
        </button>
        {copied && (
          <span className="muted small" role="status">
            {copied}
          </span>
        )}
      </div>
      {f.links.length > 0 && (
        <div className="finding-section links">
          {f.links.map((l) => (
            <button key={l.url} type="button" className="link" title={l.url} onClick={() => void api().openDocs(l.url)}>
              {l.title} ↗
            </button>
          ))}
        </div>
      )}
    </article>
  );
}
