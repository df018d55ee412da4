import type { AnalysisResult, Finding } from '../../shared';
import { evidencePlacer } from '../../shared/evidence-place';
import { notTheArchiveNamed, takenFor } from '../../shared/formats/foreign';
import { LABELS } from '../../shared/i18n/labels';

const time = (t: string | null | undefined) => (t ? t.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

/** A short diagnosis for a terminal, the way a senior engineer would write it. */
export function formatText(r: AnalysisResult): string {
  if (r.stats.records === 0 && r.stats.facts === 0) return formatNothing(r);
  const lines: string[] = [];
  const detected = r.findings.filter((f) => f.verdict === 'detected');
  // the terminal text is English (the reports take --lang)
  const place = evidencePlacer(r.files, r.inputs, LABELS.en.finding);
  lines.push(`VM Backup Doctor ${r.tool.version} — ${r.vm.hostname ?? 'unknown host'}${r.vm.os ? ` (${r.vm.os})` : ''}`);
  lines.push('');
  lines.push(`Verdict: ${r.verdict.summary}`);
  if (r.portalCode) lines.push(`Portal code entered: ${r.portalCode}`);
  if (r.failedAt) lines.push(`Failed job pinned at: ${time(r.failedAt)}`);
  lines.push('');
  lines.push(
    `Agent: daemon ${r.agent.daemonVersion ?? 'unknown'}, goal-state agent ${r.agent.goalStateAgentVersion ?? 'unknown'}` +
      (r.agent.supported === false ? ` (below the supported ${r.agent.minimumSupported})` : ''),
  );
  if (r.snapshots.length) {
    const failed = r.snapshots.filter((t) => t.result !== 'success');
    lines.push(`Snapshot tasks: ${r.snapshots.length} seen, ${failed.length} not successful.`);
    for (const t of r.snapshots.slice(-5)) {
      lines.push(`  ${time(t.start)}  ${t.result.padEnd(10)} code ${t.code ?? '—'}  ${t.taskId}${t.message ? `  ${t.message.slice(0, 100)}` : ''}`);
    }
  }
  lines.push('');
  if (detected.length) {
    lines.push('Detected causes:');
    for (const f of detected) lines.push(...formatFinding(f, place));
  } else lines.push('No guest-side cause found.');
  if (r.verdict.azureChecklist?.length) {
    lines.push('', 'Check in Azure (the guest cannot show these):');
    for (const c of r.verdict.azureChecklist) lines.push(`  - ${c.title}: ${c.check}`);
  }
  if (r.benign?.length) {
    lines.push('', 'Seen, known to be harmless (not evidence):');
    for (const b of r.benign) lines.push(`  - ${b.title.en} ×${b.count}: ${b.why.en} (${b.source})`);
  }
  const portal = r.findings.filter((f) => f.verdict !== 'detected' && f.portalOrder !== undefined);
  if (portal.length) {
    lines.push('', `Causes of ${r.portalCode}, in the article's order:`);
    for (const f of portal) lines.push(`  - ${f.title}: ${f.verdict} — ${f.reason}`);
  }
  const notEval = r.findings.filter((f) => f.verdict === 'not-evaluable' && f.portalOrder === undefined);
  lines.push('', `Ruled out: ${r.findings.filter((f) => f.verdict === 'ruled-out').length}; not evaluable from this bundle: ${notEval.length} (see --format json).`);
  if (r.missingEvidence.length) {
    lines.push('', 'Missing evidence:');
    for (const m of r.missingEvidence) lines.push(`  - ${m.what}: ${m.howToCollect}`);
  }
  if (r.unexplained?.length) {
    lines.push('', 'Unexplained errors (no known signature; near the failure first):');
    for (const u of r.unexplained.slice(0, 20))
      lines.push(`  - ${u.nearFailure ? '[near failure] ' : ''}×${u.count} ${time(u.firstSeen)} … ${time(u.lastSeen)}  ${u.template.slice(0, 160)}`, `      e.g. ${place(u.sample)}`);
    if (r.unexplained.length > 20) lines.push(`  … ${r.unexplained.length - 20} more templates (see --format json)`);
  }
  lines.push('', `Inputs: ${r.inputs.map((i) => `${i.path} (${i.kind}, ${i.files} files${i.warnings.length ? `, ${i.warnings.length} warnings` : ''})`).join('; ')}`);
  return `${lines.join('\n')}\n`;
}

function formatFinding(f: Finding, place: (e: Finding['evidence'][number]) => string): string[] {
  const out = [`  * ${f.title} [${f.confidence}${f.role ? `, ${f.role}` : ''}] — portal: ${f.portalCodes.join(', ')}`, `    ${f.reason}`];
  for (const e of f.evidence.slice(0, 5)) out.push(`    ${place(e)} ${time(e.time)}  ${e.text.slice(0, 160)}`);
  if (f.evidence.length > 5) out.push(`    … ${f.evidence.length - 5} more evidence lines`);
  f.remedy.forEach((r, i) => out.push(`    ${i + 1}. ${r}`));
  return out;
}

/**
 * Nothing read is a log the analysis reads (no record, no fact): say so and what each file was taken for, as the
 * window's "Nothing to analyse" does, instead of a verdict and an Azure checklist built on no evidence.
 */
function formatNothing(r: AnalysisResult): string {
  const w = LABELS.en.nothing;
  const base = (p: string) => p.split(/[\\/]/).pop() || p;
  const lines = [`${w.title}.`, '', w.lead];
  r.inputs.forEach((input, i) => {
    const files = r.files.filter((f) => f.input === i);
    lines.push(`  ${input.path}`);
    const notArchive = notTheArchiveNamed(input, files, w);
    if (notArchive) lines.push(`    ${notArchive}`);
    if (files.length === 0) lines.push(`    ${w.noFiles(base(input.path))}`);
    for (const f of files) lines.push(`    - ${w.fileAs(f.vmPath, takenFor(f, w))}`);
  });
  if (r.files.some((f) => f.seenAs === 'evtx')) lines.push('', w.evtxHowTo);
  lines.push('', `${w.collectTitle}:`, `  - ${w.collectLinux}`, `  - ${w.collectWindows}`, '  - Or collect them from the VM over SSH: vmbackup-doctor collect ssh://user@host --out vm.tar.gz');
  return `${lines.join('\n')}\n`;
}
