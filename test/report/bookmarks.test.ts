import { describe, expect, it } from 'vitest';
import type { ReportBookmark } from '../../src/shared';
import { validateRequest } from '../../src/shared/ipc/contract';
import { modelFor, renderHtml, renderMarkdown } from '../../src/main/report';
import { sampleResult } from './fixture';

/**
 * The engineer's bookmarks with notes in the report (issue 21 point 10): a "Bookmarks" section with time,
 * file:line, the line and the note, redacted like everything else. The lines are the sample's (fixture.ts).
 */
const EXT_LOG = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const SAS = 'https://md-hdd-x1.blob.core.windows.net/$system/vm-backup-demo-01.status?sv=2018-03-28&sr=b&sig=Zk9yU2VjcmV0U2lnbmF0dXJlJTJGYWJjZA%3D%3D&se=9999-01-01';
const BOOKMARKS: ReportBookmark[] = [
  {
    file: EXT_LOG,
    line: 2175,
    time: '2026-11-19T22:01:14.880Z',
    text: '2026-11-19 22:01:14.880000 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]freeze timed-out',
    note: 'Freeze hit the 60 s limit <b>again</b>; see /home/alice/Downloads/ticket-4711/notes.txt\nasked the customer about /data',
  },
  { file: 'var/log/waagent.log', line: 9120, time: null, text: `2026-11-20T09:00:12.441102Z INFO ExtHandler Uploading status blob ${SAS}`, note: '' },
];
const result = () => {
  const r = sampleResult();
  return { ...r, inputs: [{ ...r.inputs[0], path: '/home/alice/Downloads/ticket-4711/logs.zip' }] };
};
const req = (format: 'html' | 'md', redact = true) => ({ format, lang: 'en' as const, redact, bookmarks: BOOKMARKS });

describe('bookmarks in the report', () => {
  it('HTML: a Bookmarks section with time, file:line, the line and the note, escaped and redacted', () => {
    const html = renderHtml(modelFor(result(), req('html')));
    const section = html.slice(html.indexOf('<section class="bookmarks">'), html.indexOf('</section>', html.indexOf('<section class="bookmarks">')));
    expect(section).toContain('<h2>Bookmarks</h2>');
    expect(section).toContain(`${EXT_LOG}:2175`);
    expect(section).toContain('2026-11-19 22:01:14');
    expect(section).toContain('freeze timed-out');
    expect(section).toContain('Freeze hit the 60 s limit &lt;b&gt;again&lt;/b&gt;; see notes.txt<br>asked the customer about /data');
    expect(section).toContain('var/log/waagent.log:9120');
    expect(section).toContain('no note');
    expect(section).toContain('vm-backup-demo-01.status?&lt;redacted&gt;');
    expect(html).not.toContain('Zk9yU2VjcmV0');
    expect(html).not.toContain('alice');
    // the section comes after the detected causes, before the snapshot timeline
    expect(html.indexOf('<h2>Bookmarks</h2>')).toBeGreaterThan(html.indexOf('Detected causes'));
    expect(html.indexOf('<h2>Bookmarks</h2>')).toBeLessThan(html.indexOf('Snapshot timeline'));
  });

  it('Markdown: the note as escaped text, the line in a code block; Dutch headings', () => {
    const md = renderMarkdown(modelFor(result(), req('md')));
    expect(md).toContain('### Bookmarks');
    expect(md).toContain(`\`${EXT_LOG}:2175\` 2026-11-19 22:01:14`);
    expect(md).toContain('Freeze hit the 60 s limit \\<b\\>again\\</b\\>; see notes.txt asked the customer about /data');
    expect(md).toMatch(/ {2}```text\n {2}2026-11-19 22:01:14\.880000 \[Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux-1\.0\]freeze timed-out\n {2}```/);
    expect(md).not.toContain('Zk9yU2VjcmV0');
    const nl = renderMarkdown(modelFor(result(), { ...req('md'), lang: 'nl' }));
    expect(nl).toContain('### Bladwijzers');
    expect(nl).toContain('_geen notitie_');
  });

  it('pseudonyms reach the notes too; unredacted keeps the note as written; no bookmarks, no section', () => {
    const pseudo = renderHtml(modelFor(result(), { ...req('html'), pseudonymize: true, bookmarks: [{ ...BOOKMARKS[1], note: 'host vm-backup-demo-01 at 10.0.0.4' }] }));
    expect(pseudo).not.toMatch(/vm-backup-demo-01 at|10\.0\.0\.4/);
    expect(pseudo).toMatch(/host host-1 at ipv4-\d+/);
    const raw = renderHtml(modelFor(result(), req('html', false)));
    expect(raw).toContain('/home/alice/Downloads/ticket-4711/notes.txt');
    expect(renderHtml(modelFor(result(), { format: 'html', lang: 'en', redact: true }))).not.toContain('class="bookmarks"');
  });

  it('a bookmark on a line of pasted text is "pasted text, line N", as the evidence is', () => {
    const r = sampleResult();
    // the same files read from a paste: the VM paths are only what the rules read them as
    const pasted = { ...r, inputs: [{ ...r.inputs[0], path: 'pasted text', kind: 'pasted-text' as const }], files: r.files.map((f) => ({ ...f, input: 0 })) };
    const html = renderHtml(modelFor(pasted, req('html')));
    const section = html.slice(html.indexOf('<section class="bookmarks">'), html.indexOf('</section>', html.indexOf('<section class="bookmarks">')));
    expect(section).toContain('pasted text, line 2175');
    expect(section).not.toContain(`${EXT_LOG}:2175`);
    const nl = renderMarkdown(modelFor(pasted, { ...req('md'), lang: 'nl' }));
    expect(nl).toContain('`geplakte tekst, regel 9120`');
  });

  it('the export request bounds bookmarks and notes', () => {
    expect(validateRequest('report:export', req('md')).bookmarks).toHaveLength(2);
    expect(() => validateRequest('report:export', { ...req('md'), bookmarks: [{ ...BOOKMARKS[0], note: 'x'.repeat(2001) }] })).toThrow(/note/);
    expect(() => validateRequest('report:export', { ...req('md'), bookmarks: Array.from({ length: 501 }, () => BOOKMARKS[1]) })).toThrow(/bookmarks/);
    expect(() => validateRequest('report:export', { ...req('md'), bookmarks: [{ ...BOOKMARKS[0], extra: 1 }] })).toThrow();
  });
});
