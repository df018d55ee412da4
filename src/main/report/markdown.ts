import type { Evidence, Lang, SnapshotTask } from '../../shared';
import { codeCell } from '../../shared/vmsnapshot-codes';
import { visibleControls } from '../../shared/visible';
import { clipText } from '../../shared/clip';
import { formatDuration } from '../../shared/i18n/format';
import { missingIn, textIn } from '../../shared/i18n/analysis';
import { inputIn, labelsFor } from '../../shared/i18n/labels';
import { UNKNOWN_TASK_ID } from '../../shared/model/analysis';
import { formatTime } from './format';
import { mdCode, mdText } from './md-text';
import { evidencePlacerFor, type FindingView, type ReportModel } from './model';

/**
 * The report as Markdown to paste into a ticket: verdict, findings with their evidence in code blocks,
 * remedies, snapshot tasks and the extension table. Text from logs never becomes Markdown syntax: it
 * goes into fenced blocks (with a fence longer than any backtick run inside) or code spans in table cells,
 * and a URL or mail address in running text goes into a code span too, so no renderer makes it a live
 * link (GitHub auto-links bare URLs, escaped or not). Control and bidi characters are shown as `\uXXXX`
 * (src/shared/visible.ts) over the whole document.
 */

const MAX_EVIDENCE = 20;

/** Catalogue texts (ours): keep their `code` spans, escape the rest. */
function mdCatalog(s: string): string {
  return s
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : mdText(part)))
    .join('');
}

/** A task id as code; a task the logs give no id is "unknown" in the report's language, not the JSON's sentinel. */
const taskCell = (id: string, unknown: string) => (id === UNKNOWN_TASK_ID ? unknown : mdCode(id));
/** A task's message: the app's own words (with a Dutch sibling) as text, the extension's own message as code. */
const messageCell = (t: Pick<SnapshotTask, 'message' | 'messageNl'>, lang: Lang) =>
  t.messageNl !== undefined && t.message !== undefined ? mdText(clipText(textIn(lang, t.message, t.messageNl), 160)) : mdCode(clipText(t.message ?? '', 160));

function fence(lines: string[]): string {
  const body = lines.join('\n');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${body}\n${f}`;
}

function evidenceBlock(ev: Evidence[], m: ReportModel): string {
  const place = evidencePlacerFor(m);
  const lines = ev.slice(0, MAX_EVIDENCE).map((e) => `${place(e)}  ${formatTime(e.time)}\n  ${clipText(e.text, 500).replace(/\r?\n/g, '\n  ')}`);
  if (ev.length > MAX_EVIDENCE) lines.push(`… ${ev.length - MAX_EVIDENCE} more`);
  return fence(lines);
}

function finding(f: FindingView, m: ReportModel): string[] {
  const L = m.labels;
  const out = [`### ${mdText(f.title)}`, '', `\`${f.cause}\` · ${L.confidence}: **${L.confidences[f.confidence]}**${f.role ? ` · ${L.role}: **${L.roles[f.role]}**` : ''}${f.portalCodes.length ? ` · ${f.portalCodes.map((c) => `\`${c}\``).join(', ')}` : ''}${f.taskId ? ` · ${L.task}: ${taskCell(f.taskId, L.unknown)}` : ''}`, ''];
  out.push(`**${L.reason}:** ${mdText(f.reason)}`, '');
  out.push(`**${L.evidence}:**`, '');
  out.push(f.evidence.length ? evidenceBlock(f.evidence, m) : `_${L.noEvidence}_`, '');
  out.push(`**${L.remedy}:**`, '');
  if (f.remedy.length) f.remedy.forEach((s, i) => out.push(`${i + 1}. ${mdCatalog(s)}`));
  else out.push(`_${L.noRemedy}_`);
  if (f.links.length) out.push('', `${L.documentation}: ${f.links.map((l) => `${mdText(l.title)} <${l.url.replace(/[<>\s]/g, '')}>`).join('; ')}`);
  out.push('');
  return out;
}

export function renderMarkdown(m: ReportModel): string {
  const L = m.labels;
  const r = m.result;
  const out: string[] = [];
  out.push(`## ${L.docTitle} — ${mdText(r.vm.hostname ?? L.unknown)}`, '');
  out.push(`**${L.verdict}:** ${mdText(m.verdict.headline)}${m.verdict.confidence ? ` (${L.confidence}: ${L.confidences[m.verdict.confidence]})` : ''}`, '');
  if (m.verdict.multipleVms) out.push(`> **${L.multipleVms}:** ${mdText(m.verdict.multipleVms)}`, '');
  if (m.verdict.onlyVm) out.push(`> **${L.onlyVm}:** ${mdText(m.verdict.onlyVm)}`, '');
  out.push(mdText(m.verdict.summary), '');
  if (m.verdict.azureChecklist.length) {
    out.push(`**${L.azureChecklist}:**`, '');
    for (const c of m.verdict.azureChecklist) out.push(`- **${mdText(c.title)}:** ${mdCatalog(c.check)}`);
    out.push('');
  }
  if (r.benign?.length) {
    out.push(`**${L.benign}:**`, '');
    for (const b of r.benign) out.push(`- **${mdText(b.title[m.lang])}** ×${b.count}: ${mdText(b.why[m.lang])} <${b.source.replace(/[<>\s]/g, '')}>`);
    out.push('');
  }
  if (m.verdict.portalCode) out.push(`**${L.portalCode}:** \`${mdText(m.verdict.portalCode)}\`${m.verdict.portalMessage ? ` — ${mdText(m.verdict.portalMessage)}` : ''}`, '');
  if (m.verdict.failedAt) out.push(`**${L.failedAt}:** ${mdText(m.verdict.failedAt)}`, '');
  out.push(`| | |`, `|---|---|`);
  out.push(`| ${L.host} | ${r.vm.hostname ? mdCode(r.vm.hostname) : L.unknown} |`);
  out.push(`| ${L.os} | ${r.vm.os ? mdCode(r.vm.os) : L.unknown} |`);
  out.push(`| ${L.daemon} | ${r.agent.daemonVersion ? mdCode(r.agent.daemonVersion) : L.unknown} |`);
  out.push(`| ${L.goalStateAgent} | ${r.agent.goalStateAgentVersion ? mdCode(r.agent.goalStateAgentVersion) : L.unknown}${r.agent.supported === false ? ` (${L.belowMinimum} ${r.agent.minimumSupported})` : ''} |`);
  out.push(`| ${L.collectedAt} | ${formatTime(r.vm.collectedAt)} |`);
  out.push(`| ${L.sources} | ${r.inputs.map((i) => inputIn(labelsFor(m.lang), i)).map((i) => `${mdCode(i.name)} (${i.kind})`).join('; ')} |`);
  out.push(`| ${L.tool} | ${r.tool.name} ${r.tool.version}, ${L.analyzedAt.toLowerCase()} ${formatTime(r.analyzedAt)} |`, '');

  out.push(`### ${L.detectedFindings}`, '');
  if (m.detected.length) for (const f of m.detected) out.push(...finding(f, m));
  else out.push(L.noDetected, '');

  if (m.bookmarks.length) {
    // the engineer's note is their own words: running text (escaped), the log line a code block
    out.push(`### ${L.bookmarks}`, '', mdText(L.bookmarksIntro), '');
    const place = evidencePlacerFor(m);
    for (const b of m.bookmarks) {
      out.push(`- ${mdCode(place(b))} ${formatTime(b.time)} — ${b.note.trim() ? mdText(b.note) : `_${L.noNote}_`}`, '');
      out.push(fence([clipText(b.text, 500)]).replace(/^/gm, '  '), '');
    }
  }
  if (r.snapshots.length) {
    out.push(`### ${L.snapshotTimeline}`, '', `| ${L.start} (UTC) | ${L.task} | ${L.result} | ${L.code} | ${L.duration} | ${L.message} |`, '|---|---|---|---|---|---|');
    for (const t of r.snapshots.slice(-20)) {
      out.push(`| ${formatTime(t.start ?? t.requestedStart)} | ${taskCell(t.taskId, L.unknown)} | ${L.snapshotResults[t.result] ?? t.result} | ${codeCell(t)} | ${formatDuration(t.durationMs)} | ${messageCell(t, m.lang)} |`);
    }
    out.push('');
  }
  out.push(`### ${L.extensions}`, '');
  if (r.extensions.length) {
    out.push(`| ${L.extension} | ${L.version} | ${L.state} | ${L.status} | ${L.lastOperation} | ${L.code} | ${L.lastTime} |`, '|---|---|---|---|---|---|---|');
    for (const e of r.extensions) {
      const cell = (v: string | undefined) => (v ? mdCode(v) : '—');
      out.push(`| ${cell(e.name)} | ${cell(e.version)} | ${cell(e.state)} | ${cell(e.status)} | ${cell(e.lastOperation)} | ${e.lastCode ?? '—'} | ${formatTime(e.lastTime)} |`);
    }
  } else out.push(L.noExtensions);
  out.push('');
  const list = (title: string, fs: FindingView[]) => {
    out.push(`### ${title}`, '');
    if (fs.length === 0) out.push(L.noneInList);
    for (const f of fs) out.push(`- **${mdText(f.title)}** (\`${f.cause}\`): ${mdText(f.reason)}${f.verdict === 'not-evaluable' && f.azureCheck ? ` — ${L.azureCheck}: ${mdCatalog(f.azureCheck)}` : ''}`);
    out.push('');
  };
  list(L.ruledOut, m.ruledOut);
  list(L.notEvaluable, m.notEvaluable);
  if (r.missingEvidence.length) {
    out.push(`### ${L.missingEvidence}`, '');
    for (const x of r.missingEvidence.map((e) => missingIn(m.lang, e))) out.push(`- ${mdText(x.what)}: ${mdText(x.why)} — ${L.howToCollect}: ${mdText(x.howToCollect)}`);
    out.push('');
  }
  if (r.unexplained?.length) {
    out.push(`### ${L.unexplained}`, '', mdText(L.unexplainedNote), '');
    const place = evidencePlacerFor(m);
    for (const u of r.unexplained.slice(0, 50))
      out.push(`- ×${u.count}${u.nearFailure ? ` **${L.nearFailure}**` : ''} (${formatTime(u.firstSeen)} → ${formatTime(u.lastSeen)}): ${mdCode(clipText(u.template, 300))} — ${mdText(place(u.sample))}`);
    out.push('');
  }
  out.push(`_${m.redaction.secrets ? L.redactionOn : L.redactionOff}_`.replace(/</g, '\\<'));
  return visibleControls(`${out.join('\n')}\n`);
}
