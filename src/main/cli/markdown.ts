import type { AnalysisResult, Lang } from '../../shared';
import { textIn } from '../../shared/i18n/analysis';
import { CLI_LABELS } from '../../shared/i18n/cli';
import { findingIn } from '../../shared/i18n/finding';
import { labelsFor } from '../../shared/i18n/labels';
import { mdText } from '../report/md-text';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `analyze --format md`: a compact summary to paste into a ticket (the full report is `report --out x.md`). */
export function formatMarkdownSummary(r: AnalysisResult, lang: Lang = 'en'): string {
  const R = labelsFor(lang).report;
  const C = CLI_LABELS[lang];
  const lines = [`## ${mdText(C.mdTitle(r.vm.hostname ?? C.unknownHost))}`, ''];
  if (r.multipleVms) lines.push(`> **${R.multipleVms}:** ${mdText(textIn(lang, r.multipleVms.message, r.multipleVms.messageNl))}`, '');
  if (r.onlyVm) lines.push(`> **${R.onlyVm}:** ${mdText(textIn(lang, r.onlyVm.message, r.onlyVm.messageNl))}`, '');
  // the summary quotes log text (an extension's stdout, paths with `_`): one paragraph, nothing taken as Markdown
  lines.push(`**${R.verdict}:** ${mdText(textIn(lang, r.verdict.summary, r.verdict.summaryNl))}`, '');
  lines.push(`**${C.agent(r.agent.daemonVersion ?? R.unknown, r.agent.goalStateAgentVersion ?? R.unknown).replace(/^([^:]+):/, '$1:**')}`, '');
  lines.push(`| ${R.cause} | ${R.verdict} | ${capital(R.confidence)} |`, '|---|---|---|');
  for (const f of r.findings.map((x) => findingIn(lang, x))) lines.push(`| ${f.title} | ${R.verdicts[f.verdict]} | ${R.confidences[f.confidence]} |`);
  return `${lines.join('\n')}\n`;
}
