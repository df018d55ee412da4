import type { Evidence } from '../../shared';
import { codeCell } from '../../shared/vmsnapshot-codes';
import { clipText } from '../../shared/clip';
import { esc } from './escape';
import { formatBytes, formatDuration } from '../../shared/i18n/format';
import { inputWarningsIn, missingIn, textIn, warningIn } from '../../shared/i18n/analysis';
import { inputIn, labelsFor } from '../../shared/i18n/labels';
import { UNKNOWN_TASK_ID } from '../../shared/model/analysis';
import { formatTime } from './format';
import { evidencePlacerFor, type FindingView, type ReportModel } from './model';
import { chartsHtml } from './charts';
import { colourKeyHtml, overviewSvg, phaseMatrixSvg, RESULT_COLOURS } from './svg';
import { REPORT_CSS } from './style';

/**
 * The report as one self-contained HTML document: inline CSS and SVG, no scripts, no external resources
 * (a CSP meta tag forbids them anyway). Every dynamic string goes through `esc` — log text is hostile.
 * The same HTML is shown in the preview pane and printed to PDF.
 */

const MAX_EVIDENCE = 12;
const MAX_FILES = 400;
const MAX_WARNINGS = 200;
const MAX_TASK_ROWS = 40;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function renderHtml(m: ReportModel): string {
  const L = m.labels;
  const r = m.result;
  const host = r.vm.hostname ?? L.unknown;
  const body = [header(m), verdict(m), detected(m), bookmarks(m), timeline(m), chartsHtml(m), extensions(m), lists(m), missing(m), unexplained(m), appendix(m), redaction(m)].join('\n');
  return `<!DOCTYPE html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${esc(`${L.docTitle} — ${host}`)}</title>
<style>${REPORT_CSS(m.paper)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function header(m: ReportModel): string {
  const L = m.labels;
  const r = m.result;
  const a = r.agent;
  const rows: [string, string][] = [
    [L.host, r.vm.hostname ?? L.unknown],
    [L.os, r.vm.os ?? (r.vm.platform !== 'unknown' ? r.vm.platform : L.unknown)],
    [L.daemon, a.daemonVersion ?? L.unknown],
    [L.goalStateAgent, `${a.goalStateAgentVersion ?? L.unknown}${a.supported === false ? ` — ${L.belowMinimum} ${a.minimumSupported}` : ` (${L.minimumSupported} ${a.minimumSupported})`}`],
    [L.sources, r.inputs.map((i) => { const shown = inputIn(labelsFor(m.lang), i); return `${shown.name} ${labelsFor(m.lang).diag.inputLine(shown.kind, i.files)}`; }).join('; ') || L.unknown],
    [L.collectedAt, formatTime(r.vm.collectedAt)],
    [L.recordsSpan, r.vm.firstRecord ? `${formatTime(r.vm.firstRecord)} → ${formatTime(r.vm.lastRecord)}` : '—'],
    [L.tool, `${r.tool.name} ${r.tool.version}`],
    [L.analyzedAt, formatTime(r.analyzedAt)],
    [L.generatedAt, formatTime(m.generatedAt)],
  ];
  const badge = m.redaction.secrets ? '' : `<div class="danger">${esc(L.redactionOff)}</div>`;
  return `<header class="doc-head">
<div class="brand">VM Backup Doctor</div>
<h1>${esc(L.docTitle)} — ${esc(r.vm.hostname ?? L.unknown)}</h1>
<p class="subtitle">${esc(L.subtitle)}</p>
${badge}
<dl class="meta">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
</header>`;
}

function verdict(m: ReportModel): string {
  const L = m.labels;
  const v = m.verdict;
  const cls = v.cause ? 'verdict found' : 'verdict none';
  const lines: string[] = [];
  lines.push(`<div class="verdict-label">${esc(L.verdict)}</div>`);
  lines.push(`<div class="headline">${esc(v.headline)}</div>`);
  const chips: string[] = [];
  if (v.cause) chips.push(`<span class="chip">${esc(v.cause)}</span>`);
  if (v.confidence) chips.push(`<span class="chip conf-${esc(v.confidence)}">${esc(L.confidence)}: ${esc(L.confidences[v.confidence])}</span>`);
  for (const c of v.portalCodes) chips.push(`<span class="chip code">${esc(c)}</span>`);
  if (chips.length) lines.push(`<div class="chips">${chips.join(' ')}</div>`);
  if (v.multipleVms) lines.push(`<p class="multiple-vms"><b>${esc(L.multipleVms)}:</b> ${esc(v.multipleVms)}</p>`);
  if (v.onlyVm) lines.push(`<p class="multiple-vms"><b>${esc(L.onlyVm)}:</b> ${esc(v.onlyVm)}</p>`);
  lines.push(`<p class="summary">${esc(v.summary)}</p>`);
  if (v.azureChecklist.length) {
    lines.push(`<h4>${esc(L.azureChecklist)}</h4><ul class="azure-checklist">${v.azureChecklist.map((c) => `<li><b>${esc(c.title)}:</b> ${withCode(c.check)}</li>`).join('')}</ul>`);
  }
  const benign = m.result.benign ?? [];
  if (benign.length) {
    lines.push(`<h4>${esc(L.benign)}</h4><ul class="benign">${benign.map((b) => `<li><b>${esc(b.title[m.lang])}</b> ×${b.count}: ${esc(b.why[m.lang])} <span class="url">${esc(b.source)}</span></li>`).join('')}</ul>`);
  }
  if (v.portalCode) {
    lines.push(`<p class="portal"><b>${esc(L.portalCode)}:</b> <code>${esc(v.portalCode)}</code>${v.portalMessage ? ` — ${esc(v.portalMessage)}` : ''}</p>`);
  }
  if (v.failedAt) lines.push(`<p class="portal failed-at"><b>${esc(L.failedAt)}:</b> ${esc(v.failedAt)}</p>`);
  return `<section class="${cls}">${lines.join('\n')}</section>`;
}

function evidenceTable(ev: Evidence[], m: ReportModel): string {
  const L = m.labels;
  if (ev.length === 0) return `<p class="muted">${esc(L.noEvidence)}</p>`;
  const place = evidencePlacerFor(m);
  const rows = ev
    .slice(0, MAX_EVIDENCE)
    .map(
      (e) =>
        `<div class="ev"><div class="ev-loc"><span class="file">${esc(place(e))}</span><span class="time">${e.zone === 'local' ? `${esc(formatTime(e.time).replace(/Z$/, ''))} (${esc(L.localTime)})` : esc(formatTime(e.time))}</span></div><pre>${esc(clipText(e.text, 600))}</pre></div>`,
    )
    .join('');
  const more = ev.length > MAX_EVIDENCE ? `<p class="muted">${esc(L.moreEvidence(ev.length - MAX_EVIDENCE))}</p>` : '';
  return `<div class="evidence">${rows}</div>${more}`;
}

/** Catalogue texts mark commands with backticks; shown as code (after escaping, so nothing else becomes markup). */
const withCode = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

function remedyList(f: FindingView, m: ReportModel): string {
  const L = m.labels;
  const steps = f.remedy.length ? `<ol class="remedy">${f.remedy.map((s) => `<li>${withCode(s)}</li>`).join('')}</ol>` : `<p class="muted">${esc(L.noRemedy)}</p>`;
  // Documentation as text, never as a link the PDF viewer could follow or load.
  const links = f.links.length ? `<p class="links"><b>${esc(L.documentation)}:</b> ${f.links.map((l) => `${esc(l.title)} — <span class="url">${esc(l.url)}</span>`).join('; ')}</p>` : '';
  return steps + links;
}

function findingArticle(f: FindingView, m: ReportModel): string {
  const L = m.labels;
  return `<article class="finding">
<div class="finding-head"><h3>${esc(f.title)} <span class="chip conf-${esc(f.confidence)}">${esc(L.confidence)}: ${esc(L.confidences[f.confidence])}</span>${f.role ? ` <span class="chip role-${esc(f.role)}">${esc(L.role)}: ${esc(L.roles[f.role])}</span>` : ''}</h3>
<p class="ids"><code>${esc(f.cause)}</code>${f.portalCodes.length ? ` · ${esc(L.portalCodes)}: ${f.portalCodes.map((c) => `<code>${esc(c)}</code>`).join(', ')}` : ''}${f.taskId ? ` · ${esc(L.task)}: ${f.taskId === UNKNOWN_TASK_ID ? esc(L.unknown) : `<code>${esc(f.taskId)}</code>`}` : ''}</p>
<p><b>${esc(L.reason)}:</b> ${esc(f.reason)}</p>
<h4>${esc(L.evidence)}</h4></div>
${evidenceTable(f.evidence, m)}
<div class="remedy-block"><h4>${esc(L.remedy)}</h4>
${remedyList(f, m)}</div>
</article>`;
}

function detected(m: ReportModel): string {
  const L = m.labels;
  const inner = m.detected.length ? m.detected.map((f) => findingArticle(f, m)).join('\n') : `<p>${esc(L.noDetected)}</p>`;
  return `<section><h2>${esc(L.detectedFindings)}</h2>${inner}</section>`;
}

/** The engineer's bookmarks: where, when, the line and the note (all redacted in the model). */
function bookmarks(m: ReportModel): string {
  const L = m.labels;
  if (m.bookmarks.length === 0) return '';
  const place = evidencePlacerFor(m);
  const rows = m.bookmarks
    .map(
      (b) =>
        `<tr><td class="small nowrap">${esc(formatTime(b.time))}</td><td class="mono small wrap">${esc(place(b))}</td><td class="small wrap"><span class="mono">${esc(clipText(b.text, 600))}</span></td><td class="small wrap">${b.note.trim() ? esc(b.note).replace(/\r?\n/g, '<br>') : `<span class="muted">${esc(L.noNote)}</span>`}</td></tr>`,
    )
    .join('');
  return `<section class="bookmarks"><h2>${esc(L.bookmarks)}</h2><p class="muted small">${esc(L.bookmarksIntro)}</p><table class="grid"><colgroup><col style="width:17%"><col style="width:23%"><col style="width:35%"><col></colgroup><thead><tr><th>${esc(L.time)}</th><th>${esc(L.file)}:${esc(L.line.toLowerCase())}</th><th>${esc(L.text)}</th><th>${esc(L.note)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function timeline(m: ReportModel): string {
  const L = m.labels;
  const tasks = m.result.snapshots;
  if (tasks.length === 0) return `<section class="keep"><h2>${esc(L.snapshotTimeline)}</h2><p class="muted">${esc(L.noSnapshots)}</p></section>`;
  const shown = tasks.slice(-MAX_TASK_ROWS);
  const rows = shown
    .map((t) => {
      const colour = RESULT_COLOURS[t.result] ?? RESULT_COLOURS.unknown;
      return `<tr><td class="small">${esc(formatTime(t.start ?? t.requestedStart))}</td><td class="mono small task-id">${esc(t.taskId === UNKNOWN_TASK_ID ? L.unknown : t.taskId)}${t.seqNo !== undefined ? `<br><span class="muted">seqNo ${t.seqNo}</span>` : ''}</td><td class="nowrap"><span class="dot" style="background:${colour}"></span>${esc(L.snapshotResults[t.result] ?? t.result)}</td><td>${esc(codeCell(t))}</td><td>${esc(formatDuration(t.durationMs))}</td><td>${esc(t.snapshotPath ?? '—')}</td><td class="small msg">${t.statusName && t.statusName !== t.result ? `<b>${esc(t.statusName)}</b><br>` : ''}${esc(clipText((t.message !== undefined ? textIn(m.lang, t.message, t.messageNl) : undefined) ?? (t.unfinishedReason !== undefined ? textIn(m.lang, t.unfinishedReason, t.unfinishedReasonNl) : ''), 220))}</td></tr>`;
    })
    .join('');
  const more = tasks.length > shown.length ? `<p class="muted">${esc(L.moreRows(tasks.length - shown.length))}</p>` : '';
  return `<section><h2>${esc(L.snapshotTimeline)}</h2>
<div class="keep"><h4>${esc(L.snapshotOverview)}</h4>${overviewSvg(tasks, L, m.chartLabels)}</div>
<div class="keep"><h4>${esc(L.phaseMatrix)}</h4>${phaseMatrixSvg(tasks, L, m.lang, m.result.vm.platform)}</div>
${colourKeyHtml(L)}
<table class="grid tasks"><colgroup><col style="width:19%"><col style="width:24%"><col style="width:11%"><col style="width:8%"><col style="width:10%"><col style="width:7%"><col></colgroup><thead><tr><th>${esc(L.start)} (UTC)</th><th>${esc(L.task)}</th><th>${esc(L.result)}</th><th>${esc(L.code)}</th><th>${esc(L.duration)}</th><th>${esc(L.path)}</th><th>${esc(L.message)}</th></tr></thead><tbody>${rows}</tbody></table>${more}
</section>`;
}

function extensions(m: ReportModel): string {
  const L = m.labels;
  const ex = m.result.extensions;
  if (ex.length === 0) return `<section class="keep"><h2>${esc(L.extensions)}</h2><p class="muted">${esc(L.noExtensions)}</p></section>`;
  // the agent's own words (a state "enabled", an operation "Enable") stay as it wrote them, marked as such like in Markdown
  const agent = (v: string | undefined) => (v ? `<code>${esc(v)}</code>` : '—');
  const rows = ex
    .map(
      (e) =>
        `<tr><td class="small wrap"><code>${esc(e.name)}</code></td><td>${agent(e.version)}</td><td>${agent(e.state)}</td><td>${agent(e.status)}</td><td>${agent(e.lastOperation)}</td><td>${esc(e.lastCode ?? '—')}</td><td class="small">${esc(formatTime(e.lastTime))}</td><td class="small wrap">${esc(clipText(textIn(m.lang, e.lastMessage ?? '', e.lastMessageNl), 200))}</td></tr>`,
    )
    .join('');
  return `<section class="keep"><h2>${esc(L.extensions)}</h2><table class="grid exts"><colgroup><col style="width:29%"><col style="width:10%"><col style="width:9%"><col style="width:8%"><col style="width:9%"><col style="width:6%"><col style="width:13%"><col></colgroup><thead><tr><th>${esc(L.extension)}</th><th>${esc(L.version)}</th><th>${esc(L.state)}</th><th>${esc(L.status)}</th><th>${esc(L.lastOperation)}</th><th>${esc(L.code)}</th><th>${esc(L.lastTime)}</th><th>${esc(L.message)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function causeTable(list: FindingView[], m: ReportModel, withAzure: boolean): string {
  const L = m.labels;
  if (list.length === 0) return `<p class="muted">${esc(L.noneInList)}</p>`;
  const place = evidencePlacerFor(m);
  const rows = list
    .map(
      (f) =>
        `<tr><td><b>${esc(f.title)}</b><br><code class="small">${esc(f.cause)}</code></td><td>${esc(f.reason)}${withAzure && f.azureCheck ? `<br><span class="azure"><b>${esc(L.azureCheck)}:</b> ${withCode(f.azureCheck)}</span>` : ''}${f.evidence.length ? `<br><span class="muted small">${esc(place(f.evidence[0]))} — <code>${esc(clipText(f.evidence[0].text, 160))}</code></span>` : ''}</td></tr>`,
    )
    .join('');
  return `<table class="grid causes"><thead><tr><th>${esc(L.cause)}</th><th>${esc(L.reason)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function lists(m: ReportModel): string {
  const L = m.labels;
  return `<section><h2>${esc(L.ruledOut)}</h2>${causeTable(m.ruledOut, m, false)}</section>
<section><h2>${esc(L.notEvaluable)}</h2>${causeTable(m.notEvaluable, m, true)}</section>`;
}

function missing(m: ReportModel): string {
  const L = m.labels;
  const list = m.result.missingEvidence.map((x) => missingIn(m.lang, x));
  if (list.length === 0) return '';
  return `<section class="keep"><h2>${esc(L.missingEvidence)}</h2><table class="grid"><thead><tr><th>${esc(L.evidence)}</th><th>${esc(L.reason)}</th><th>${esc(L.howToCollect)}</th></tr></thead><tbody>${list
    .map((x) => `<tr><td>${esc(x.what)}</td><td>${esc(x.why)}</td><td class="mono small">${esc(x.howToCollect)}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

/** Errors and warnings no signature explains: what the tool does not know stays visible. */
function unexplained(m: ReportModel): string {
  const L = m.labels;
  const list = (m.result.unexplained ?? []).slice(0, 50);
  if (list.length === 0) return '';
  const place = evidencePlacerFor(m);
  return `<section><h2>${esc(L.unexplained)}</h2><p class="muted small">${esc(L.unexplainedNote)}</p><table class="grid"><thead><tr><th>${esc(L.count)}</th><th>${esc(L.firstSeen)} / ${esc(L.lastSeen)}</th><th>${esc(L.template)}</th></tr></thead><tbody>${list
    .map(
      (u) =>
        `<tr><td class="nowrap">${u.count}${u.nearFailure ? `<br><b>${esc(L.nearFailure)}</b>` : ''}</td><td class="small nowrap">${esc(formatTime(u.firstSeen))}<br>${esc(formatTime(u.lastSeen))}</td><td class="small wrap"><span class="mono">${esc(clipText(u.template, 300))}</span><br><span class="muted">${esc(place(u.sample))}</span></td></tr>`,
    )
    .join('')}</tbody></table></section>`;
}

function appendix(m: ReportModel): string {
  const L = m.labels;
  const r = m.result;
  const place = evidencePlacerFor(m);
  const inputs = r.inputs.map((i) => `<li><span class="mono">${esc(inputIn(labelsFor(m.lang), i).name)}</span> — ${esc(inputIn(labelsFor(m.lang), i).kind)}, ${esc(L.fileCount(i.files))}${i.warnings.length ? `; ${esc(inputWarningsIn(m.lang, i).join('; '))}` : ''}</li>`).join('');
  const clock = [
    ...r.clock.offsets.map((o) => `<li>${esc(L.clockOffset(o.source, o.offsetMinutes, o.basis))}</li>`),
    ...(r.clock.unresolved.length ? [`<li>${esc(L.clockUnresolved)}: ${esc(r.clock.unresolved.join(', '))}</li>`] : []),
    ...(r.clock.skewSeconds !== undefined ? [`<li>skew: ${esc(r.clock.skewSeconds)} s</li>`] : []),
  ].join('');
  const files = r.files
    .slice(0, MAX_FILES)
    .map((f) => `<tr><td class="mono small">${esc(f.vmPath)}</td><td class="small">${esc(f.kind)}</td><td class="nowrap small num">${esc(formatBytes(f.size))}</td><td class="small">${f.truncated ? esc(L.truncated) : ''}${f.warnings.length ? ` ⚠ ${f.warnings.length}` : ''}</td></tr>`)
    .join('');
  const moreFiles = r.files.length > MAX_FILES ? `<p class="muted">${esc(L.moreRows(r.files.length - MAX_FILES))}</p>` : '';
  const warnings = r.warnings.length
    ? `<ul class="warnings">${r.warnings
        .slice(0, MAX_WARNINGS)
        .map((w) => `<li>${w.file ? `<span class="mono">${esc(place({ file: w.file, line: w.line ?? 0 }))}</span> — ` : ''}${esc(clipText(warningIn(m.lang, w), 400))}</li>`)
        .join('')}</ul>${r.warnings.length > MAX_WARNINGS ? `<p class="muted">${esc(L.moreRows(r.warnings.length - MAX_WARNINGS))}</p>` : ''}`
    : `<p class="muted">${esc(L.noWarnings)}</p>`;
  return `<section class="appendix"><h2>${esc(L.appendix)}</h2>
<h4>${esc(L.inputs)}</h4><ul>${inputs}</ul>
${clock ? `<h4>${esc(L.clock)}</h4><ul>${clock}</ul>` : ''}
<p class="muted small">${esc(L.stats(r.stats.records, r.stats.facts, formatBytes(r.stats.bytes), r.stats.durationMs))}</p>
<h4>${esc(L.files)} (${r.files.length})</h4>
<table class="grid files"><thead><tr><th>${esc(L.file)}</th><th>${esc(L.kind)}</th><th>${esc(L.size)}</th><th></th></tr></thead><tbody>${files}</tbody></table>${moreFiles}
<h4>${esc(L.warnings)} (${r.warnings.length})</h4>${warnings}
</section>`;
}

function redaction(m: ReportModel): string {
  const L = m.labels;
  const c = m.redaction.counts;
  const parts: string[] = [];
  if (m.redaction.secrets) parts.push(`<p>${esc(L.redactionOn)}</p>`);
  else parts.push(`<p class="danger">${esc(L.redactionOff)}</p>`);
  if (m.redaction.pseudonyms && c) parts.push(`<p>${esc(L.redactionPseudo(`host ${c.host}, IPv4 ${c.ipv4}, IPv6 ${c.ipv6}, user ${c.user}, subscription ${c.subscription}`))}</p>`);
  return `<section class="redaction keep"><h2>${esc(L.redaction)}</h2>${parts.join('')}<p class="muted small">${esc(m.result.tool.name)} ${esc(m.result.tool.version)}</p></section>`;
}
