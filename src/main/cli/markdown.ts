import type { AnalysisResult } from '../../shared';

/** `analyze --format md`: a compact summary to paste into a ticket (the full report is `report --out x.md`). */
export function formatMarkdownSummary(r: AnalysisResult): string {
  const lines = [`## VM backup diagnosis — ${r.vm.hostname ?? 'unknown host'}`, '', `**Verdict:** ${r.verdict.summary}`, ''];
  lines.push(`**Agent:** daemon ${r.agent.daemonVersion ?? 'unknown'}, goal-state agent ${r.agent.goalStateAgentVersion ?? 'unknown'}`, '');
  lines.push('| Cause | Verdict | Confidence |', '|---|---|---|');
  for (const f of r.findings) lines.push(`| ${f.title} | ${f.verdict} | ${f.confidence} |`);
  return `${lines.join('\n')}\n`;
}
