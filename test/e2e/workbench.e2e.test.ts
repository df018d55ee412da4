import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

/** The record count, once the list has one (not while it says "Loading…"). */
const total = async (e: E2E) => {
  await waitTotal(e, 'any', 0);
  return Number(((await e.page.getByTestId('log-total').textContent()) ?? '').replace(/[^\d]/g, ''));
};
const waitTotal = (e: E2E, pred: string, arg: number) =>
  e.page.waitForFunction(
    ([p, n]) => {
      const t = document.querySelector('[data-testid="log-total"]')?.textContent ?? '';
      if (!/\d/.test(t)) return false;
      const v = Number(t.replace(/[^\d]/g, ''));
      return p === 'lt' ? v < (n as number) : p === 'eq' ? v === n : v > 0;
    },
    [pred, arg] as const,
  );

/**
 * The engineer's workbench on the sample and on broken inputs (issue 21): honest empty states, no
 * contradictions, readable logs with a detail pane, find with F3, ±N minutes around the failure, and the
 * UI in Dutch. Each test leaves a screenshot named after what it shows in test-results/.
 */
describe('workbench on the sample', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1440, height: 900 });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('evidence from the status file opens a pretty-printed raw view, its path whole', async () => {
    const p = e.page;
    const ev = p.locator('[data-testid="evidence-line"][data-raw="true"]').first();
    const file = (await ev.getAttribute('data-file'))!;
    expect(file).toMatch(/^var\/lib\/waagent\/Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux-[\d.]+\/status\/\d+\.status$/);
    await expect(ev.textContent()).resolves.toContain(file);
    await ev.click();
    const dlg = p.getByRole('dialog');
    await dlg.waitFor();
    await expect(dlg.getByTestId('raw-path').textContent()).resolves.toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+$`));
    const shown = (await dlg.getByTestId('raw-view').textContent())!;
    expect(shown.split('\n').length).toBeGreaterThan(5);
    expect(shown).toMatch(/\n\s+"status": /);
    await e.shot('raw-view');
    const vs = await axeViolations(p);
    expect(vs, describeViolations(vs)).toEqual([]);
    await p.keyboard.press('Escape');
    await expect(p.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('the handler row says the last operation failed with 122, not only "Enabled · Ready"', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Agent & extensions' }).click();
    const row = p.getByTestId('ext-row').filter({ hasText: 'VMSnapshotLinux' });
    await expect(row.getByTestId('ext-last-failed').textContent()).resolves.toBe('last operation failed (code 122)');
    await e.shot('extensions-122');
  });

  it('the message column shows the message; headers, resize, wrap and the record detail pane', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Logs' }).click();
    await waitTotal(e, 'any', 0);
    await p.getByTestId('log-row').first().waitFor();
    // No row repeats its time or the long handler prefix in the message column.
    const texts = await p.getByTestId('log-text').allTextContents();
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) {
      expect(t).not.toMatch(/^(?:▸ \+\d+)?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}\.\d+/);
      expect(t).not.toContain('[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]');
    }
    await expect(p.locator('.log-head .h-cell').allTextContents()).resolves.toEqual(['', 'Time', 'Level', 'Source', 'Message', 'File:line']);
    // Resize the source column from the keyboard.
    const handle = p.getByRole('separator', { name: 'Resize the Source column' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowRight');
    await expect(handle.getAttribute('aria-valuenow')).resolves.toBe(String(before + 2));
    const width = await p.locator('[data-testid="log-row"] .c-source').first().evaluate((el) => el.getBoundingClientRect().width);
    const rem = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(Math.abs(width - (before + 2) * rem)).toBeLessThan(2);
    // The detail pane: the whole record, where it is, the parsed fields.
    const row = p.getByTestId('log-row').nth(4);
    const file = (await row.getAttribute('data-file'))!;
    const line = (await row.getAttribute('data-line'))!;
    await row.click();
    const detail = p.getByTestId('record-detail');
    await detail.waitFor();
    await expect(detail.textContent()).resolves.toContain(file);
    await expect(row.getAttribute('data-current')).resolves.toBe('true');
    const raw = (await detail.getByTestId('record-raw').textContent())!;
    expect(raw.length).toBeGreaterThan(20);
    expect(line).toMatch(/^\d+$/);
    // Keyboard: the cursor moves and Enter opens the record under it.
    await p.getByTestId('log-scroll').focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    await expect(p.locator('[data-testid="log-row"][data-current="true"]').getAttribute('data-index')).resolves.toBe(String(Number(await row.getAttribute('data-index')) + 2));
    await p.getByRole('checkbox', { name: 'Wrap lines' }).check();
    await e.shot('logs-detail');
    await p.getByRole('checkbox', { name: 'Wrap lines' }).uncheck();
  });

  it('find highlights matches and F3 / Shift+F3 walk them from the cursor without hiding the lines between', async () => {
    const p = e.page;
    const all = await total(e);
    const cur = p.locator('[data-testid="log-row"][data-current="true"]');
    const count = async () => ((await p.getByTestId('find-count').textContent()) ?? '').match(/^(\d+) of (\d+)$/);
    // the cursor on the first record: F3 goes to the first hit after it
    await p.getByTestId('log-scroll').focus();
    await p.keyboard.press('Home');
    await p.getByRole('searchbox', { name: 'Find' }).fill('freeze');
    await new Promise((r) => setTimeout(r, 300));
    await p.keyboard.press('F3');
    // the count is empty, then "k of n+ (counting…)" while a busy machine counts: wait for the final "k of n"
    await p.waitForFunction(() => /^\d+ of \d+$/.test(document.querySelector('[data-testid="find-count"]')?.textContent ?? ''));
    const [, k0, n0] = (await count())!;
    const k = Number(k0);
    const n = Number(n0);
    expect(n).toBeGreaterThan(3);
    expect(k).toBeLessThanOrEqual(2);
    await expect(cur.locator('mark').first().textContent()).resolves.toMatch(/^freeze$/i);
    const first = Number(await cur.getAttribute('data-index'));
    expect(first).toBeGreaterThan(0);
    await p.keyboard.press('F3');
    await p.waitForFunction((want) => new RegExp(`^${want} of`).test(document.querySelector('[data-testid="find-count"]')?.textContent ?? ''), k + 1);
    expect(Number(await cur.getAttribute('data-index'))).toBeGreaterThan(first);
    // Find keeps every record: the total is unchanged.
    expect(await total(e)).toBe(all);
    await e.shot('find');
    await p.keyboard.press('Shift+F3');
    await p.waitForFunction((want) => new RegExp(`^${want} of`).test(document.querySelector('[data-testid="find-count"]')?.textContent ?? ''), k);
    expect(Number(await cur.getAttribute('data-index'))).toBe(first);
    // back past the first hit: round to the last, and said
    for (let i = k; i > 1; i--) {
      await p.keyboard.press('Shift+F3');
      await p.waitForFunction((want) => new RegExp(`^${want} of`).test(document.querySelector('[data-testid="find-count"]')?.textContent ?? ''), i - 1);
    }
    await p.keyboard.press('Shift+F3');
    await p.waitForFunction((want) => document.querySelector('[data-testid="find-count"]')?.textContent === want, `${n} of ${n}`);
    await p.getByText('Before the first match: on from the last').waitFor();
    expect(Number(await cur.getAttribute('data-index'))).toBeGreaterThan(first);
    await p.getByRole('searchbox', { name: 'Find' }).fill('');
  });

  it('an invalid regex is flagged as invalid, not "0 records"', async () => {
    const p = e.page;
    const all = await total(e);
    await p.getByRole('checkbox', { name: 'Regex' }).check();
    await p.getByRole('searchbox', { name: 'Filter text' }).fill('freeze(');
    await p.getByTestId('regex-error').waitFor();
    await expect(p.getByTestId('regex-error').textContent()).resolves.toMatch(/^Invalid regular expression: /);
    await expect(p.getByRole('searchbox', { name: 'Filter text' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await new Promise((r) => setTimeout(r, 400));
    expect(await total(e)).toBe(all);
    await e.shot('find-invalid-regex');
    await p.getByRole('searchbox', { name: 'Filter text' }).fill('');
    await p.getByRole('checkbox', { name: 'Regex' }).uncheck();
  });

  it('±5 minutes around the failure keeps only the records near the failed task', async () => {
    const p = e.page;
    const all = await total(e);
    await p.getByRole('combobox', { name: 'Around the failure' }).selectOption('5');
    await waitTotal(e, 'lt', all);
    const times = await p.locator('[data-testid="log-row"] .c-time').allTextContents();
    expect(times.length).toBeGreaterThan(5);
    // The sample's failed task ran 2026-11-19 22:00:05Z → 22:03:27Z.
    for (const t of times.filter((x) => /\d/.test(x))) {
      const ms = Date.parse(t.replace(' ', 'T').replace(/\*$/, ''));
      expect(ms).toBeGreaterThanOrEqual(Date.parse('2026-11-19T21:55:00Z'));
      expect(ms).toBeLessThanOrEqual(Date.parse('2026-11-19T22:09:00Z'));
    }
    await e.shot('logs-around-failure');
    await p.getByRole('button', { name: 'Clear filters' }).click();
    await waitTotal(e, 'eq', all);
  });

  it('the timeline opens zoomed on the failed task, its phases named on the bars', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Timeline' }).click();
    await p.getByTestId('timeline-chart').waitFor();
    await expect(p.getByRole('button', { name: 'Reset zoom' }).isEnabled()).resolves.toBe(true);
    await p.locator('[data-testid="timeline-segment"].tone-error').first().waitFor();
    // The other days' tasks (a day away) are out of the window: the axis ticks are clock times, no dates.
    const ticks = await p.locator('svg.lanes-chart .axis > g > text[text-anchor="middle"]').allTextContents();
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).toMatch(/^\d\d:\d\d(:\d\d)?$/);
    await expect(p.getByTestId('segment-label').allTextContents()).resolves.toContain('freeze: timed out');
    // (its screenshot, timeline-failed-task.png, is taken by timeline.e2e.test.ts)
  });

  it('charts: task duration with the failed task marked, agent activity and problems per hour', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Timeline' }).click();
    const charts = p.getByTestId('charts');
    await charts.scrollIntoViewIfNeeded();
    const dur = p.getByTestId('chart-task-duration');
    await dur.getByTestId('task-marks').waitFor();
    // Four successful tasks as circles, the failed one as a square (shape and colour), one path per series.
    await expect(dur.getByTestId('task-marks').getAttribute('data-ok')).resolves.toBe('4');
    await expect(dur.getByTestId('task-marks').getAttribute('data-failed')).resolves.toBe('1');
    await expect(dur.getByTestId('task-marks-failed').getAttribute('d')).resolves.toMatch(/^M[\d.]+ [\d.]+h8v8h-8z$/);
    await p.getByTestId('chart-agent-activity').locator('.recharts-bar-rectangle').first().waitFor();
    await p.getByTestId('chart-problems').locator('.recharts-bar-rectangle').first().waitFor();
    expect(Number(await p.getByTestId('chart-agent-activity').getAttribute('data-bars'))).toBeGreaterThan(24);
    await expect(p.getByTestId('chart-agent-activity').textContent()).resolves.toContain('heartbeats');
    await charts.screenshot({ path: join(ROOT, 'test-results', 'charts.png') });
  });

  it('the UI in Dutch', async () => {
    const p = e.page;
    await p.getByLabel('Language').selectOption('nl');
    await p.getByRole('tab', { name: 'Diagnose' }).click();
    await expect(p.getByTestId('verdict').textContent()).resolves.toContain('Meest waarschijnlijke oorzaak');
    await expect(p.evaluate(() => document.documentElement.lang)).resolves.toBe('nl');
    await e.shot('diagnosis-nl');
    await p.getByLabel('Taal').selectOption('en');
  });
});

describe('workbench on inputs with nothing to analyse', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('an empty folder, a zero-byte zip, a PNG named .zip, random text and an .evtx give "Nothing to analyse" per file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-empty-'));
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'zero.zip'), '');
    writeFileSync(join(dir, 'image.zip'), readFileSync(join(ROOT, 'assets', 'icon.png')));
    writeFileSync(join(dir, 'notes.txt'), 'hello world\nthis is not a log\n');
    // a real Application event log in its binary form (test/ingest/fixtures/SOURCE.md)
    writeFileSync(join(dir, 'System.evtx'), readFileSync(join(ROOT, 'test', 'ingest', 'fixtures', 'Application.evtx')));
    const p = e.page;
    e.host.setDialogResult(['empty', 'zero.zip', 'image.zip', 'notes.txt', 'System.evtx'].map((n) => join(dir, n)));
    await p.getByRole('button', { name: 'Open files…' }).click();
    const panel = p.getByTestId('nothing-to-analyse');
    await panel.waitFor({ timeout: 60_000 });
    await expect(panel.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Nothing to analyse');
    const files = await panel.getByTestId('nothing-file').allTextContents();
    expect(files).toEqual([
      'zero.zip: empty (0 bytes)',
      'image.zip: a PNG image',
      'notes.txt: text, but no line of it is in a log format this app reads',
      'System.evtx: a Windows event log in its binary form (.evtx), which this app cannot read',
    ]);
    await expect(panel.getByTestId('not-an-archive').textContent()).resolves.toBe('image.zip is a PNG image, not a zip.');
    await expect(panel.textContent()).resolves.toContain('empty: no files in it.');
    await expect(panel.getByTestId('evtx-howto').textContent()).resolves.toContain('Save All Events As… and save as .xml, .csv or .txt, or run wevtutil qe System /f:xml');
    await expect(p.getByTestId('verdict').count()).resolves.toBe(0);
    await expect(p.getByRole('button', { name: 'Export report…' }).count()).resolves.toBe(0);
    await expect(p.getByText('No cause detected').count()).resolves.toBe(0);
    await e.shot('empty-input');
    const vs = await axeViolations(p);
    expect(vs, describeViolations(vs)).toEqual([]);
    // the same in Dutch
    await p.getByLabel('Language').selectOption('nl');
    await expect(panel.getByTestId('not-an-archive').textContent()).resolves.toBe('image.zip is een PNG-afbeelding, geen zip.');
    await expect(panel.getByTestId('evtx-howto').textContent()).resolves.toContain('Alle gebeurtenissen opslaan als…');
    await expect(panel.getByTestId('nothing-file').nth(3).textContent()).resolves.toBe('System.evtx: een Windows-gebeurtenislogboek in binaire vorm (.evtx), dat deze app niet kan lezen');
    await p.getByLabel('Taal').selectOption('en');
    e.host.setDialogResult(null);
  });
});
