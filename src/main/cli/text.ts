import { CAUSES, type AnalysisResult, type Finding, type Lang } from '../../shared';
import { codeCell } from '../../shared/vmsnapshot-codes';
import { evidencePlacer } from '../../shared/evidence-place';
import { takenFor } from '../../shared/formats';
import { notTheArchiveNamed } from '../../shared/formats/foreign';
import { missingIn, taskIdIn, textIn } from '../../shared/i18n/analysis';
import { CLI_LABELS } from '../../shared/i18n/cli';
import { findingIn } from '../../shared/i18n/finding';
import { inputIn, labelsFor } from '../../shared/i18n/labels';

/** Log text a summary quotes (an extension's stdout and stderr) on the line it is quoted in, not at the margin. */
const oneLine = (s: string) => (/[\r\n]/.test(s) ? s.split(/[\r\n]+/).map((l) => l.trim()).filter(Boolean).join(' ') : s);

const time = (t: string | null | undefined) => (t ? t.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

/** A short diagnosis for a terminal, the way a senior engineer would write it, in English or Dutch. */
export function formatText(r: AnalysisResult, lang: Lang = 'en'): string {
  if (r.stats.records === 0 && r.stats.facts === 0) return formatNothing(r, lang);
  const L = labelsFor(lang);
  const R = L.report;
  const C = CLI_LABELS[lang];
  const lines: string[] = [];
  const detected = r.findings.filter((f) => f.verdict === 'detected').map((f) => findingIn(lang, f));
  const place = evidencePlacer(r.files, r.inputs, L.finding);
  lines.push(`VM Backup Doctor ${r.tool.version} — ${r.vm.hostname ?? C.unknownHost}${r.vm.os ? ` (${r.vm.os})` : ''}`);
  lines.push('');
  if (r.multipleVms) lines.push(`${R.multipleVms}: ${textIn(lang, r.multipleVms.message, r.multipleVms.messageNl)}`, C.oneVmHint(r.multipleVms.vms.map((v) => v.root)), '');
  if (r.onlyVm) lines.push(`${R.onlyVm}: ${textIn(lang, r.onlyVm.message, r.onlyVm.messageNl)}`, '');
  lines.push(`${R.verdict}: ${oneLine(textIn(lang, r.verdict.summary, r.verdict.summaryNl))}`);
  if (r.portalCode) lines.push(C.portalCode(r.portalCode));
  if (r.failedAt) lines.push(C.failedAt(time(r.failedAt)));
  lines.push('');
  lines.push(
    C.agent(r.agent.daemonVersion ?? R.unknown, r.agent.goalStateAgentVersion ?? R.unknown) +
      (r.agent.supported === false ? C.belowMinimum(r.agent.minimumSupported ?? '') : ''),
  );
  if (r.snapshots.length) {
    const failed = r.snapshots.filter((t) => t.result !== 'success');
    lines.push(C.tasks(r.snapshots.length, failed.length));
    for (const t of r.snapshots.slice(-5)) {
      const message = t.message ? textIn(lang, t.message, t.messageNl) : '';
      lines.push(`  ${time(t.start)}  ${R.snapshotResults[t.result].padEnd(10)} ${C.code} ${codeCell(t)}  ${taskIdIn(lang, t.taskId)}${message ? `  ${message.slice(0, 100)}` : ''}`);
    }
  }
  lines.push('');
  if (detected.length) {
    lines.push(`${R.detectedFindings}:`);
    for (const f of detected) lines.push(...formatFinding(f, place, lang));
  } else lines.push(`${R.noCause}.`);
  if (r.verdict.azureChecklist?.length) {
    lines.push('', `${R.azureChecklist}:`);
    for (const c of r.verdict.azureChecklist) {
      const def = CAUSES.find((d) => d.id === c.cause);
      lines.push(`  - ${lang === 'en' || !def ? c.title : def.title.nl}: ${lang === 'en' || !def?.azureCheck ? c.check : def.azureCheck.nl}`);
    }
  }
  if (r.benign?.length) {
    lines.push('', `${R.benign}:`);
    for (const b of r.benign) lines.push(`  - ${b.title[lang]} ×${b.count}: ${b.why[lang]} (${b.source})`);
  }
  const portal = r.findings.filter((f) => f.verdict !== 'detected' && f.portalOrder !== undefined).map((f) => findingIn(lang, f));
  if (portal.length) {
    lines.push('', C.portalCauses(r.portalCode ?? ''));
    for (const f of portal) lines.push(`  - ${f.title}: ${R.verdicts[f.verdict]} — ${f.reason}`);
  }
  const notEval = r.findings.filter((f) => f.verdict === 'not-evaluable' && f.portalOrder === undefined);
  lines.push('', C.counts(r.findings.filter((f) => f.verdict === 'ruled-out').length, notEval.length));
  if (r.missingEvidence.length) {
    lines.push('', `${R.missingEvidence}:`);
    for (const m of r.missingEvidence.map((x) => missingIn(lang, x))) lines.push(`  - ${m.what}: ${m.howToCollect}`);
  }
  if (r.unexplained?.length) {
    lines.push('', C.unexplained);
    for (const u of r.unexplained.slice(0, 20))
      lines.push(`  - ${u.nearFailure ? C.nearFailure : ''}×${u.count} ${time(u.firstSeen)} … ${time(u.lastSeen)}  ${u.template.slice(0, 160)}`, `      ${C.example} ${place(u.sample)}`);
    if (r.unexplained.length > 20) lines.push(`  ${C.moreTemplates(r.unexplained.length - 20)}`);
  }
  lines.push('', `${R.inputs}: ${r.inputs.map((i) => C.input(inputIn(L, i).name, inputIn(L, i).kind, i.files, i.warnings.length)).join('; ')}`);
  return `${lines.join('\n')}\n`;
}

function formatFinding(f: Finding, place: (e: Finding['evidence'][number]) => string, lang: Lang): string[] {
  const R = labelsFor(lang).report;
  const C = CLI_LABELS[lang];
  const role = f.role ? `, ${R.roles[f.role]}` : '';
  const out = [`  * ${f.title} [${R.confidences[f.confidence]}${role}] — ${C.portal}: ${f.portalCodes.join(', ')}`, `    ${oneLine(f.reason)}`];
  // (a record two facts reach is cited once where the finding is made: analyze/engine.ts toFinding)
  for (const e of f.evidence.slice(0, 5)) out.push(`    ${place(e)} ${time(e.time)}  ${e.text.slice(0, 160)}`);
  if (f.evidence.length > 5) out.push(`    ${C.moreEvidence(f.evidence.length - 5)}`);
  f.remedy.forEach((r, i) => out.push(`    ${i + 1}. ${r}`));
  return out;
}

/**
 * Nothing read is a log the analysis reads (no record, no fact): say so and what each file was taken for, as the
 * window's "Nothing to analyse" does, instead of a verdict and an Azure checklist built on no evidence.
 */
function formatNothing(r: AnalysisResult, lang: Lang): string {
  const w = labelsFor(lang).nothing;
  const base = (p: string) => p.split(/[\\/]/).pop() || p;
  const lines = [`${w.title}.`, '', w.lead];
  r.inputs.forEach((input, i) => {
    const files = r.files.filter((f) => f.input === i);
    lines.push(`  ${inputIn(labelsFor(lang), input).name}`);
    const notArchive = notTheArchiveNamed(input, files, w);
    if (notArchive) lines.push(`    ${notArchive}`);
    if (files.length === 0) lines.push(`    ${w.noFiles(base(input.path))}`);
    for (const f of files) lines.push(`    - ${w.fileAs(f.vmPath, takenFor(f, w, lang))}`);
  });
  if (r.files.some((f) => f.seenAs === 'evtx')) lines.push('', w.evtxHowTo);
  lines.push('', `${w.collectTitle}:`, `  - ${w.collectLinux}`, `  - ${w.collectWindows}`, `  - ${CLI_LABELS[lang].collectSsh}`);
  return `${lines.join('\n')}\n`;
}
