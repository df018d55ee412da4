import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2E, type E2E } from './harness';

/**
 * The desktop experience end to end: the production renderer in Chromium, the real IPC handlers
 * and worker, the real sample bundle (assets/sample/logs.zip).
 */
describe('renderer end to end on the sample bundle', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('starts on the start view', async () => {
    await e.page.getByRole('heading', { name: 'Why did this VM backup fail?' }).waitFor();
    for (const name of ['Open files…', 'Open folder…', 'Connect over SSH…', 'Open sample']) await expect(e.page.getByRole('button', { name }).isVisible()).resolves.toBe(true);
    await expect(e.page.getByLabel(/Portal error code/).isVisible()).resolves.toBe(true);
    await e.shot('start');
  });

  it('loads the sample and lands on the diagnosis', async () => {
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await expect(e.page.getByTestId('file-count').textContent()).resolves.toMatch(/\d+ files from 1 input/);
    await expect(e.page.getByRole('tab', { name: 'Diagnosis' }).getAttribute('aria-selected')).resolves.toBe('true');
    await e.shot('diagnosis');
  });

  it('names the sample’s cause: the filesystem freeze timed out', async () => {
    const verdict = e.page.getByTestId('verdict');
    await expect(verdict.getAttribute('data-cause')).resolves.toBe('fsfreeze-failed');
    await expect(verdict.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Filesystem freeze failed or timed out');
  });

  it('a click on an evidence line opens the Logs view scrolled to that line, highlighted', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Diagnosis' }).click();
    // Evidence of the detected cause first; other groups when the bundle gives none there.
    for (const g of ['Not evaluable', 'Ruled out']) {
      if ((await p.getByTestId('evidence-line').count()) > 0) break;
      const b = p.getByRole('button', { name: new RegExp(`^.?${g}`) });
      if ((await b.getAttribute('aria-expanded')) === 'false') await b.click();
    }
    const line = p.getByTestId('evidence-line').first();
    const file = (await line.getAttribute('data-file'))!;
    const n = Number(await line.getAttribute('data-line'));
    await line.click();
    await expect(p.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).resolves.toBe('true');
    const hl = p.locator('[data-testid="log-row"][data-highlighted="true"]');
    await hl.waitFor({ timeout: 15_000 });
    await expect(hl.getAttribute('data-file')).resolves.toBe(file);
    const start = Number(await hl.getAttribute('data-line'));
    const lines = Number(await hl.getAttribute('data-lines'));
    expect(n).toBeGreaterThanOrEqual(start);
    expect(n).toBeLessThan(start + lines);
    await expect(hl.getByTestId('row-loc').textContent()).resolves.toBe(`${file.split('/').pop()}:${start}`);
    // Scrolled into view: the row is inside the scroller's visible box.
    const box = (await hl.boundingBox())!;
    const view = (await p.getByTestId('log-scroll').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(view.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);
  });

  it('filters narrow the log view and every visible row matches', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Logs' }).click();
    const clear = p.getByRole('button', { name: 'Clear filters' });
    if (await clear.count()) await clear.click();
    const total = async () => Number(((await p.getByTestId('log-total').textContent()) ?? '').replace(/[^\d]/g, ''));
    await p.waitForFunction(() => /\d+ records?\b/.test(document.querySelector('[data-testid="log-total"]')?.textContent ?? ''));
    const all = await total();
    expect(all).toBeGreaterThan(10);
    await e.shot('logs');

    await p.getByRole('button', { name: 'error', exact: true }).click();
    await p.waitForFunction((n) => {
      const t = document.querySelector('[data-testid="log-total"]')?.textContent ?? '';
      return /records?\b/.test(t) && Number(t.replace(/[^\d]/g, '')) < n;
    }, all);
    const errors = await total();
    expect(errors).toBeLessThan(all);
    const levels = await p.locator('[data-testid="log-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l) => l === 'error')).toBe(true);
    await p.getByRole('button', { name: 'error', exact: true }).click();

    await p.keyboard.press('Control+f');
    await expect(p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Filter text');
    await p.keyboard.type('freeze');
    await p.waitForFunction((n) => {
      const t = document.querySelector('[data-testid="log-total"]')?.textContent ?? '';
      return /records?\b/.test(t) && Number(t.replace(/[^\d]/g, '')) < n;
    }, all);
    const texts = await p.getByTestId('log-text').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => /freeze/i.test(t))).toBe(true);
    await clear.click();
  });

  it('the timeline shows the sample’s five snapshot tasks', async () => {
    const p = e.page;
    await p.keyboard.press('Control+2');
    await expect(p.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected')).resolves.toBe('true');
    await p.getByTestId('timeline-chart').waitFor();
    await p.getByTestId('task-summary').waitFor();
    await e.shot('timeline');
    await expect(p.getByTestId('task-row').count()).resolves.toBe(5);
    // The failed task's freeze bar.
    const seg = p.locator('[data-testid="timeline-segment"].tone-error').first();
    await seg.click();
    await p.getByRole('complementary', { name: 'Details' }).waitFor();
    await e.shot('timeline-details');
    await p.getByRole('button', { name: 'Zoom to task' }).click();
    await expect(p.getByRole('button', { name: 'Reset zoom' }).isEnabled()).resolves.toBe(true);
    await e.shot('timeline-task');
    await p.getByRole('button', { name: 'Reset zoom' }).click();
  });

  it('shows agent health and the extension handlers', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Agent & extensions' }).click();
    await p.getByRole('region', { name: 'Agent and extensions' }).waitFor();
    await expect(p.getByLabel('Agent health').textContent()).resolves.toContain('Goal-state agent');
    await e.shot('extensions');
    await expect(p.getByTestId('ext-row').count()).resolves.toBeGreaterThan(0);
  });

  it('previews an export in a sandboxed frame without scripts', async () => {
    const p = e.page;
    await p.keyboard.press('Control+e');
    const dlg = p.getByRole('dialog', { name: 'Export report' });
    await dlg.waitFor();
    await dlg.getByRole('button', { name: 'Preview' }).click();
    const frame = dlg.locator('iframe[title="Report preview"]');
    await frame.waitFor({ timeout: 30_000 });
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await e.shot('export');
    await dlg.getByRole('button', { name: 'Close' }).click();
  });

  it('a corrupt archive gives a readable banner, not a blank screen', async () => {
    const p = e.page;
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-e2e-'));
    const broken = join(dir, 'broken.zip');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4096)]));
    await p.getByRole('button', { name: 'VM Backup Doctor' }).click();
    e.host.setDialogResult([broken]);
    await p.getByRole('button', { name: 'Open files…' }).click();
    // the sample stays open, so the app asks where the new bundle goes
    await p.getByRole('dialog', { name: 'Another bundle' }).getByRole('button', { name: /^Open separately/ }).click();
    const banner = p.getByRole('alert').first();
    await banner.waitFor({ timeout: 60_000 });
    await expect(banner.textContent()).resolves.toMatch(/\S{5,}/);
    await expect(p.locator('main').textContent()).resolves.toMatch(/\S/);
    await e.shot('broken-archive');
    e.host.setDialogResult(null);
  });
});

describe('renderer in a dark OS theme', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1440, height: 900, colorScheme: 'dark' });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('follows prefers-color-scheme, and the manual override wins', async () => {
    const p = e.page;
    const bg = () => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = (c: string) => c.match(/\d+/g)!.slice(0, 3).map(Number).every((v) => v < 80);
    await p.getByRole('button', { name: 'Open sample' }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
    expect(dark(await bg())).toBe(true);
    await e.shot('diagnosis-dark');
    await p.getByLabel('Theme').selectOption('light');
    expect(dark(await bg())).toBe(false);
    await p.getByLabel('Theme').selectOption('system');
    expect(dark(await bg())).toBe(true);
  });
});
