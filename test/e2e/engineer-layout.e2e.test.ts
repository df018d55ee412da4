import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { CASES_DIR } from '../accuracy/score';
import { startE2E, type E2E } from './harness';

/**
 * What a support engineer sees first on an ordinary laptop or desktop window (1280 to 1440 px wide), in English and
 * Dutch: the top bar on one row, log column headers over their columns, and a Windows task the logs give neither
 * an id nor a time named for what is known about it, its consistency step called the VSS snapshot.
 */
const WINDOWS_UNTIMED = join(CASES_DIR, 'win-learn-vss-hold-writes-timeout-iops', 'files');

/** The top bar's height and the controls that sit below its first row. */
async function topBar(p: Page): Promise<{ height: number; below: string[] }> {
  return p.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.topbar')!;
    const box = bar.getBoundingClientRect();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const below = [...bar.children]
      .filter((c) => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().top > box.top + 3 * rem - 8)
      .map((c) => (c.textContent ?? c.className).trim().slice(0, 30));
    return { height: box.height, below };
  });
}

/** Header cells wider than their box, and headers whose edges are not over their column's edges in the first row. */
async function headerProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const row = document.querySelector<HTMLElement>('[data-testid="log-row"]')!;
    for (const key of ['time', 'level', 'source', 'loc']) {
      const h = document.querySelector<HTMLElement>(`.log-head .h-${key}`)!;
      const c = row.querySelector<HTMLElement>(`.c-${key}`)!;
      if (h.scrollWidth > h.clientWidth) out.push(`${key} header overflows by ${h.scrollWidth - h.clientWidth} px`);
      const hb = h.getBoundingClientRect();
      const cb = c.getBoundingClientRect();
      // a cell of a resizable column reaches half way over the gap to hold its handle (0.5rem)
      const edge = key === 'loc' ? Math.abs(hb.right - cb.right) : Math.abs(hb.left - cb.left);
      if (edge > 1) out.push(`${key} header is ${edge.toFixed(1)} px off its column`);
    }
    const head = document.querySelector<HTMLElement>('.log-head')!.getBoundingClientRect();
    const list = document.querySelector<HTMLElement>('[data-testid="log-scroll"]')!.getBoundingClientRect();
    if (Math.abs(head.right - list.right) > 0.5) out.push(`header ends ${head.right - list.right} px beside the list`);
    return out;
  });
}

describe('the workbench at 1280–1440 px, English and Dutch', () => {
  let e: E2E | undefined;
  afterEach(async () => {
    await e?.close();
    e = undefined;
  });

  for (const width of [1280, 1366, 1440]) {
    it(`${width} px: the top bar holds every control on one row, and the log headers sit over their columns`, async () => {
      e = await startE2E({ width, height: 800 });
      const p = e.page;
      e.host.setDialogResult([WINDOWS_UNTIMED]);
      await p.keyboard.press('Control+Shift+o');
      await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
      for (const lang of ['en', 'nl'] as const) {
        // English first: the picker is still named "Language" when Dutch is chosen
        await p.getByLabel('Language').selectOption(lang);
        await p.getByRole('tab', { name: lang === 'en' ? 'Diagnosis' : 'Diagnose' }).waitFor();
        const bar = await topBar(p);
        expect(bar.below, `${lang}: below the first row`).toEqual([]);
        expect(bar.height).toBeLessThanOrEqual(49);
      }
      // the brand keeps its name for screen readers when only its logo shows
      await expect(p.getByRole('button', { name: 'VM Backup Doctor' }).count()).resolves.toBe(1);
      await p.keyboard.press('Control+3');
      await p.getByTestId('log-row').first().waitFor();
      // one record: the list has no scroll bar, and the headers leave no room for one
      await expect(headerProblems(p)).resolves.toEqual([]);
      if (width === 1280) await e.shot('layout-1280-logs-nl');
    });
  }

  it('a list long enough to scroll: the headers leave room for its scroll bar, no more', async () => {
    e = await startE2E({ width: 1280, height: 800, scrollbars: true });
    const p = e.page;
    await p.getByRole('button', { name: 'Open sample' }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await p.keyboard.press('Control+3');
    await p.getByTestId('log-row').first().waitFor();
    const bar = await p.getByTestId('log-scroll').evaluate((el: HTMLElement) => ({ w: el.offsetWidth - el.clientWidth - 2, scrolls: el.scrollHeight > el.clientHeight }));
    expect(bar.scrolls).toBe(true);
    expect(bar.w).toBeGreaterThan(8);
    await expect(headerProblems(p)).resolves.toEqual([]);
  });

  it('a Windows task without id or time: named by what the logs give, the VSS snapshot as its step, the span in words', async () => {
    e = await startE2E({ width: 1280, height: 800 });
    const p = e.page;
    e.host.setDialogResult([WINDOWS_UNTIMED]);
    await p.keyboard.press('Control+Shift+o');
    const v = p.getByTestId('verdict');
    await v.waitFor({ timeout: 60_000 });
    await expect(v.locator('.verdict-summary').textContent()).resolves.toMatch(/^The snapshot task \(no task id in the logs\) reached the Backup extension and stopped at the VSS snapshot/);
    await expect(v.locator('.verdict-summary').textContent()).resolves.not.toMatch(/without id/i);
    await expect(p.getByTestId('logs-span').textContent()).resolves.toBe('no line carries a time');
    await p.keyboard.press('Control+2');
    const table = p.getByTestId('phase-table');
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual(['Task', 'Result', 'VSS snapshot', 'snapshot']);
    await expect(table.getByTestId('phase-row').getByRole('button').textContent()).resolves.toBe('no time in the logs');
    await p.getByLabel('Language').selectOption('nl');
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual(['Taak', 'Resultaat', 'VSS-momentopname', 'momentopname']);
    await table.getByTestId('phase-row').getByRole('button').focus();
    await p.keyboard.press('Enter');
    const details = p.getByRole('complementary', { name: 'Details' });
    await expect(details.locator('dl').textContent()).resolves.toContain('Taakniet in de logsStartgeen tijd in de logs');
    await e.shot('windows-untimed-task-nl');
    await p.keyboard.press('Control+1');
    await expect(p.getByTestId('logs-span').textContent()).resolves.toBe('geen regel heeft een tijd');
    await expect(v.locator('.verdict-summary').textContent()).resolves.toMatch(/^De momentopnametaak \(geen taak-id in de logs\) bereikte de back-upextensie en stopte bij de VSS-momentopname/);
  });

  it('keyboard only on a Linux task the log ends inside: a view shortcut keeps the keyboard in the view; no "0 ms" freeze', async () => {
    e = await startE2E({ width: 1280, height: 800 });
    const p = e.page;
    e.host.setDialogResult([join(CASES_DIR, 'ext-1868-freeze-never-thawed', 'files')]);
    await p.keyboard.press('Control+Shift+o');
    await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await p.getByRole('button', { name: 'Copy for the ticket' }).focus();
    await p.keyboard.press('Control+2');
    await p.getByTestId('timeline-segment').first().waitFor();
    await expect(p.evaluate(() => document.activeElement?.tagName)).resolves.toBe('MAIN');
    await p.keyboard.press('Tab');
    await expect(p.evaluate(() => document.activeElement?.closest('main') !== null)).resolves.toBe(true);
    const bar = p.locator('[data-testid="timeline-segment"]').filter({ has: p.locator('title', { hasText: /^freeze/ }) }).first();
    await expect(bar.locator('title').textContent()).resolves.toMatch(/^freeze: unknown · 2024-01-14 22:16:48Z · no end logged$/);
  });
});
