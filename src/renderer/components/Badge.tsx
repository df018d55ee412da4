import type { Confidence, Verdict } from '../../shared';

const VERDICT_LABEL: Record<Verdict, string> = { detected: 'Detected', 'not-evaluable': 'Not evaluable', 'ruled-out': 'Ruled out' };

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`badge badge-${verdict}`}>{VERDICT_LABEL[verdict]}</span>;
}

export function ConfidenceBadge({ confidence }: { confidence?: Confidence }) {
  if (!confidence) return null;
  return <span className={`badge badge-conf-${confidence}`}>{confidence} confidence</span>;
}

export function CodeChip({ code }: { code: string }) {
  return <code className="chip">{code}</code>;
}
