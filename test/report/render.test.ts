import { describe, expect, it } from 'vitest';
import { causeById, type ExportRequest, type Lang } from '../../src/shared';
import { buildReportModel, createChromiumPrinter, renderHtml, renderJsonl, renderMarkdown } from '../../src/main/report';
import { renderReport } from '../../src/main/report';
import { toCliJson } from '../../src/main/report/json';
import { FAILED_TASK, sampleResult } from './fixture';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';
import { CHROMIUM, HAVE_POPPLER, pdfInfo, pdfText, renderPages, squash } from './pdf-helpers';

const HOSTILE = ' <img src=x onerror=alert(1)><script>alert("x")</script><a href="https://evil.example/x">y</a>\u0000\u001b[31m';
const req = (format: ExportRequest['format'], lang: Lang = 'en', extra: Partial<ExportRequest> = {}): ExportRequest => ({ format, lang, redact: true, ...extra });
const canPrint = Boolean(CHROMIUM) && HAVE_POPPLER;
const printer = CHROMIUM ? createChromiumPrinter(CHROMIUM) : async () => Buffer.alloc(0);

describe('report HTML', () => {
  it('is self-contained: no scripts, no event handlers, no external resources', () => {
    const html = renderHtml(buildReportModel(sampleResult({ inject: HOSTILE }), { lang: 'en', redact: true }));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a\s/i);
    // Text can contain "onerror=" harmlessly; markup cannot: check the attributes of every real tag.
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    for (const t of tags) {
      expect(t).not.toMatch(/\son[a-z]+\s*=/i);
      expect(t).not.toMatch(/\s(?:src|href|xlink:href|srcset|action|formaction|background|poster|data)\s*=/i);
      expect(t).not.toMatch(/https?:/i);
    }
    expect(html).not.toMatch(/url\(|@import/i);
    // hostile strings are inert text
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('\u001b');
    // the CSP forbids loading anything even if something slipped through
    expect(html).toContain(`content="default-src 'none'`);
  });

  it('shows the header, verdict, evidence, remedies, timeline, extensions, lists and appendix', () => {
    const r = sampleResult({ portalCode: 'UserErrorFsFreezeTimeout' });
    const html = renderHtml(buildReportModel(r, { lang: 'en', redact: true }));
    for (const s of ['vm-backup-demo-01', 'Ubuntu 20.04.6 LTS', '2.2.45', '2.9.1.1', '2026-11-20 09:14:03Z', 'UserErrorFsFreezeTimeout', 'Most likely cause: Filesystem freeze failed or timed out']) {
      expect(html).toContain(s);
    }
    expect(html).toContain('freeze timed-out');
    expect(html).toContain('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log:2175');
    expect(html).toContain(FAILED_TASK);
    // the overview and the phase matrix, plus the task-duration chart (the fixture has no hourly activity)
    expect(html.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(html).toContain('Microsoft.Azure.Monitor.AzureMonitorLinuxAgent');
    expect(html).toContain('The agent wrote heartbeats every 30 minutes');
    expect(html).toContain('journalctl -k');
    expect(html).toContain('the log collector truncated this file');
    // every catalogue remedy step of the detected cause (commands as code)
    for (const step of causeById('fsfreeze-failed').remedy.en) expect(html).toContain(step.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`([^`]+)`/g, '<code>$1</code>'));
  });

  it('puts the failed task in red with its code in both charts', () => {
    const html = renderHtml(buildReportModel(sampleResult(), { lang: 'en', redact: true }));
    const svgs = html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs[0]).toContain('fill="#c62828"');
    expect(svgs[0]).toMatch(/>122</);
    expect(svgs[1]).toContain('fill="#d84315"'); // the freeze phase timed out
    expect((svgs[1].match(/fill="#2e7d32"/g) ?? []).length).toBeGreaterThanOrEqual(16); // four good tasks
  });

  it('names the phase matrix\'s freeze column for the guest: VSS on Windows, freeze on Linux', () => {
    const matrix = (platform: 'linux' | 'windows', lang: Lang) => {
      const r = sampleResult();
      const html = renderHtml(buildReportModel({ ...r, vm: { ...r.vm, platform } }, { lang, redact: true }));
      return (html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [])[1] ?? '';
    };
    expect(matrix('linux', 'en')).toMatch(/>freeze</i);
    expect(matrix('windows', 'en')).toContain('>VSS snapshot<');
    expect(matrix('windows', 'en')).toContain('<title>VSS snapshot: ');
    expect(matrix('windows', 'en')).not.toMatch(/>freeze</i);
    expect(matrix('windows', 'nl')).toContain('>VSS-momentopname<');
  });

  it('is Dutch throughout when asked', () => {
    const html = renderHtml(buildReportModel(sampleResult(), { lang: 'nl', redact: true }));
    expect(html).toContain('<html lang="nl">');
    for (const s of ['Diagnose VM-back-up', 'Oordeel', 'Gevonden oorzaken', 'Bewijs', 'Wat te doen', 'Uitgesloten', 'Niet te beoordelen met deze bundel', 'Bijlage', 'Afscherming']) expect(html).toContain(s);
    expect(html).toContain(causeById('fsfreeze-failed').title.nl);
    expect(html).not.toContain('Detected causes');
  });
});

describe('the failed job\'s pinned time', () => {
  // the engineer pinned the time the portal shows for the failed job (the fixture's failed task requested 22:00:00 on the 19th)
  const pinned = { ...sampleResult({ portalCode: 'UserErrorFsFreezeTimeout' }), failedAt: '2026-11-19T22:00:00.000Z' };
  it.each([
    ['en', 'Failed job pinned at (the diagnosis weighs the failed task nearest it)'],
    ['nl', 'Mislukte taak vastgezet op (de diagnose weegt de mislukte taak die het dichtst daarbij ligt)'],
  ] as const)('is in the HTML and the Markdown report (%s), next to the portal code', (lang, label) => {
    const m = buildReportModel(pinned, { lang, redact: true });
    const html = renderHtml(m);
    expect(html).toContain(`<p class="portal failed-at"><b>${label}:</b> 2026-11-19 22:00:00Z</p>`);
    expect(html.indexOf('failed-at')).toBeGreaterThan(html.indexOf('UserErrorFsFreezeTimeout'));
    expect(renderMarkdown(m)).toContain(`**${label}:** 2026-11-19 22:00:00Z\n`);
  });
  it('is left out when nothing was pinned', () => {
    const m = buildReportModel(sampleResult({ portalCode: 'UserErrorFsFreezeTimeout' }), { lang: 'en', redact: true });
    expect(renderHtml(m)).not.toContain('Failed job pinned');
    expect(renderMarkdown(m)).not.toContain('Failed job pinned');
  });
});

describe('a bundle with more than one VM', () => {
  // the notice as the pipeline writes it for two collector zips of two VMs (test/pipeline/vms.test.ts)
  const note = msg('pipeline.multiple-vms', { basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: 'vm-a.zip' }, { root: 'vm-b.zip' }] });
  const two = { ...sampleResult(), multipleVms: { basis: 'overlap' as const, log: 'var/log/waagent.log', vms: [{ root: 'vm-a.zip' }, { root: 'vm-b.zip' }], message: renderAnalysis(note, 'en'), messageNl: renderAnalysis(note, 'nl') } };
  it.each([
    ['en', 'More than one VM in this bundle', "Collect the failed VM's logs alone"],
    ['nl', 'Meer dan één VM in deze bundel', 'Verzamel de logs van alleen de mislukte VM'],
  ] as const)('says so above the summary in the HTML and the Markdown report (%s), and in the JSON', (lang, label, step) => {
    const m = buildReportModel(two, { lang, redact: true });
    const html = renderHtml(m);
    expect(html).toContain(`<p class="multiple-vms"><b>${label}:</b> `);
    expect(html.indexOf('class="multiple-vms"')).toBeLessThan(html.indexOf('class="summary"'));
    expect(html).toContain(step.replace(/'/g, '&#39;'));
    const md = renderMarkdown(m);
    expect(md).toContain(`> **${label}:** `);
    expect(md).toContain(step);
    expect(toCliJson(two).multipleVms).toEqual(two.multipleVms);
  });
  it('is left out for one VM', () => {
    const m = buildReportModel(sampleResult(), { lang: 'en', redact: true });
    expect(renderHtml(m)).not.toContain('class="multiple-vms"');
    expect(renderMarkdown(m)).not.toContain('More than one VM');
    expect('multipleVms' in toCliJson(sampleResult())).toBe(false);
  });
});

describe('a verdict at low confidence', () => {
  it('is headed as not established, the cause only as a lead, in English and Dutch (as the app says it)', () => {
    const r = sampleResult();
    const low = { ...r, verdict: { ...r.verdict, confidence: 'low' as const } };
    const en = buildReportModel(low, { lang: 'en', redact: true });
    expect(en.verdict.headline).toBe('Not established: these logs do not show why the backup failed (possible cause, at low confidence: Filesystem freeze failed or timed out)');
    expect(renderMarkdown(en)).not.toContain('Most likely cause');
    expect(renderHtml(en)).not.toContain('Most likely cause');
    const nl = buildReportModel(low, { lang: 'nl', redact: true });
    expect(nl.verdict.headline).toMatch(/^Niet vastgesteld: deze logs tonen niet waarom de back-up mislukte \(mogelijke oorzaak, met lage zekerheid: /);
    expect(buildReportModel(r, { lang: 'en', redact: true }).verdict.headline).toBe('Most likely cause: Filesystem freeze failed or timed out');
  });
});

describe('Markdown, JSON and JSONL exports', () => {
  it('Markdown has the verdict, evidence in fenced blocks, remedies and the extension table; log text stays inert', () => {
    const md = renderMarkdown(buildReportModel(sampleResult({ inject: ' ``` # not a heading <b>x</b> | pipe' }), { lang: 'en', redact: true }));
    expect(md).toMatch(/^## VM backup diagnosis — vm-backup-demo-01/);
    expect(md).toContain('**Verdict:** Most likely cause: Filesystem freeze failed or timed out (confidence: high)');
    // the fence is longer than the backtick run in the evidence
    expect(md).toMatch(/````text\n[\s\S]*freeze timed-out ``` # not a heading[\s\S]*\n````/);
    expect(md).toContain(causeById('fsfreeze-failed').remedy.en[0].replace(/([()[\]])/g, '\\$1'));
    // log text in table cells is in code spans (never a live link, never Markdown)
    expect(md).toMatch(/\| `Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux` \| `1\.0\.9225\.0` \| `Enabled` \| `error` \| `Enable` \| 122 \|/);
    expect(md).toContain('\\<b\\>x\\</b\\> \\| pipe'); // outside code blocks log text is escaped
  });

  it('JSON is the docs/CONTRACT.md document (toCliJson) of the redacted result', async () => {
    const r = sampleResult();
    const json = JSON.parse((await renderReport(r, req('json'), printer)).toString('utf8'));
    // the input by its base name: the engineer's folder (/cases/4711/) stays out of a redacted report
    const local = { ...r, inputs: r.inputs.map((i) => ({ ...i, path: 'logs.zip' })) };
    expect(json).toEqual(JSON.parse(JSON.stringify(toCliJson(local))));
  });

  it('JSONL is Timesketch-shaped: one event per line with message, ISO datetime and timestamp_desc', () => {
    const text = renderJsonl(buildReportModel(sampleResult(), { lang: 'en', redact: true }));
    const lines = text.trimEnd().split('\n');
    const events = lines.map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThan(25);
    for (const e of events) {
      expect(typeof e.message).toBe('string');
      expect(e.datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(typeof e.timestamp_desc).toBe('string');
    }
    const sorted = [...events].sort((a, b) => (a.datetime < b.datetime ? -1 : 1));
    expect(events.map((e) => e.datetime)).toEqual(sorted.map((e) => e.datetime));
    expect(events).toContainEqual(expect.objectContaining({ timestamp_desc: 'Snapshot milestone', milestone: 'freeze-timeout', task_id: FAILED_TASK, lane: 'snapshot', level: 'error', line: 2175 }));
    expect(events).toContainEqual(expect.objectContaining({ timestamp_desc: 'Log line (evidence)', cause: 'fsfreeze-failed', source_file: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', line: 2176, task_id: FAILED_TASK }));
    expect(events).toContainEqual(expect.objectContaining({ lane: 'agent', data_type: 'vmbackup:timeline:agent', source_file: 'var/log/waagent.log', line: 212 }));
  });
});

describe.skipIf(!canPrint)('PDF through headless Chromium', () => {
  it.each(['en', 'nl'] as const)('%s: verdict, evidence lines, remedies and page numbers are in the PDF', async (lang) => {
    const pdf = await renderReport(sampleResult({ portalCode: 'UserErrorFsFreezeTimeout' }), req('pdf', lang), printer);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const flat = squash(text);
    const def = causeById('fsfreeze-failed');
    expect(flat).toContain(squash(def.title[lang]));
    expect(flat).toContain(squash(lang === 'en' ? 'Detected causes' : 'Gevonden oorzaken'));
    expect(flat).toContain(squash('[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]freeze timed-out'));
    expect(flat).toContain(squash('Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,'));
    expect(flat).toContain(squash('extension.log:2175'));
    expect(def.remedy[lang].length).toBeGreaterThan(0);
    for (const step of def.remedy[lang]) expect(flat).toContain(squash(step));
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(1);
    expect(text).toMatch(new RegExp(`(^|\\s)1 ?/ ?${pages}(\\s|$)`));
    expect(text).toMatch(new RegExp(`(^|\\s)${pages} ?/ ?${pages}(\\s|$)`));
    const pngs = renderPages(pdf, `report-${lang}`, 1, 2);
    expect(pngs).toHaveLength(2);
  }, 90_000);

  it('prints on Letter as well as A4', async () => {
    const a4 = pdfInfo(await renderReport(sampleResult(), req('pdf', 'en', { paper: 'A4' }), printer));
    const letter = pdfInfo(await renderReport(sampleResult(), req('pdf', 'en', { paper: 'Letter' }), printer));
    expect(a4['Page size']).toMatch(/^595(\.\d+)? x 84[12]/);
    expect(letter['Page size']).toMatch(/^612 x 792/);
  }, 90_000);

  it('hostile strings print as text and run nothing', async () => {
    const pdf = await renderReport(sampleResult({ inject: HOSTILE }), req('pdf'), printer);
    expect(squash(pdfText(pdf))).toContain(squash('<img src=x onerror=alert(1)><script>alert("x")</script>'));
  }, 90_000);
});

describe('formatting', () => {
  it('durations never show 60 in a lower unit', async () => {
    const { formatDuration } = await import('../../src/shared/i18n/format');
    expect(formatDuration(119_600)).toBe('2 min 0 s');
    expect(formatDuration(86_399_000)).toBe('24 h 0 min');
    expect(formatDuration(61_000)).toBe('61 s');
    expect(formatDuration(600)).toBe('600 ms');
    expect(formatDuration(undefined)).toBe('—');
  });
});

describe('big and broken results', () => {
  it('renders a huge result quickly and caps the long lists', () => {
    const r = sampleResult();
    const base = r.snapshots[0];
    r.snapshots = Array.from({ length: 3000 }, (_, i) => ({ ...base, taskId: `task-${i}`, start: new Date(Date.parse('2025-01-01T22:00:00Z') + i * 3600e3).toISOString() }));
    r.files = Array.from({ length: 20_000 }, (_, i) => ({ ...r.files[0], id: i, vmPath: `var/log/azure/x/f${i}.log` }));
    r.warnings = Array.from({ length: 50_000 }, (_, i) => ({ file: `var/log/x${i}`, line: i, message: `bad line ${'x'.repeat(300)}` }));
    r.findings[0].evidence = Array.from({ length: 5000 }, (_, i) => ({ file: 'var/log/waagent.log', line: i + 1, time: null, text: `2026-11-19T22:00:00.000000Z ERROR ExtHandler ${'y'.repeat(600)}` }));
    const t = Date.now();
    const html = renderHtml(buildReportModel(r, { lang: 'en', redact: true, pseudonymize: true }));
    expect(Date.now() - t).toBeLessThan(15_000);
    expect(html.length).toBeLessThan(8_000_000);
    expect(html).toContain('19600 more (see the JSON export)');
    expect(html).toContain('49800 more (see the JSON export)');
    expect(html).toContain('4988 more evidence lines');
    expect(html).toContain('2960 more (see the JSON export)');
  }, 60_000);

  it('survives a result with nothing in it', () => {
    const r = sampleResult();
    r.snapshots = [];
    r.extensions = [];
    r.timeline = [];
    r.missingEvidence = [];
    r.warnings = [];
    r.vm = { platform: 'unknown' };
    r.verdict = { portalCodes: [], summary: 'No cause was detected from the guest evidence.' };
    r.findings = r.findings.map((f) => ({ ...f, verdict: 'not-evaluable', evidence: [] }));
    const m = buildReportModel(r, { lang: 'nl', redact: true });
    const html = renderHtml(m);
    expect(html).toContain('Geen oorzaak in de VM gevonden');
    expect(html).toContain('Er is geen momentopnametaak in de bundel gevonden.');
    expect(renderMarkdown(m)).toContain('Er is geen extensie in de bundel gevonden.');
    expect(renderJsonl(m)).toBe('');
  });
});
