import type { Confidence, FindingRole, Verdict } from '../../shared';
import { useT } from '../i18n';

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const t = useT();
  return <span className={`badge badge-${verdict}`}>{t.finding.verdict[verdict]}</span>;
}

export function ConfidenceBadge({ confidence }: { confidence?: Confidence }) {
  const t = useT();
  if (!confidence) return null;
  return <span className={`badge badge-conf-${confidence}`}>{t.finding.confidence[confidence]}</span>;
}

/** Where a detected finding sits in the story of the failed task (primary / contributing / background). */
export function RoleBadge({ role }: { role?: FindingRole }) {
  const t = useT();
  if (!role || !t.finding.role[role]) return null;
  return (
    <span className={`badge badge-role-${role}`} data-testid="role-badge" title={t.finding.roleTitle[role]}>
      {t.finding.role[role]}
    </span>
  );
}

export function CodeChip({ code }: { code: string }) {
  return <code className="chip">{code}</code>;
}
