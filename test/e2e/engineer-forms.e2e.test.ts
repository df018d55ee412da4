import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { CASES_DIR } from '../accuracy/score';
import { axeViolations, chooseSetting, describeViolations, type E2E, startE2E } from './harness';

/**
 * What a support engineer meets filling in the portal's answer and reading logs keyboard-only, and in a 900 px
 * window: the form's labels over their fields, the failed-job time as one Tab stop that ↑/↓ step, the log list's
 * bookmark stars as one Tab stop that the arrows move, and nothing of a Windows diagnosis wider than the window.
 */
const WINDOWS_VSS = join(CASES_DIR, 'win-learn-vss-hold-writes-timeout-iops', 'files');

/** Elements of the view that reach past the window's right edge, or are cut inside their own box. */
async function overflows(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      const cut = el.scrollWidth > el.clientWidth + 1 && !['visible', 'auto', 'scroll'].includes(getComputedStyle(el).overflowX);
      if (box.right > width + 0.5 || cut) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)} > ${width} px): ${(el.textContent ?? '').slice(0, 50)}`);
    }
    return out.slice(0, 8);
  });
}

describe('forms, lists and a narrow window, as a support engineer uses them', () => {
  let e: E2E | undefined;
  afterEach(async () => {
    await e?.close();
    e = undefined;
  });
  const open = async (path: string | null, width: number) => {
    e = await startE2E({ width, height: 800 });
    const p = e.page;
    if (path) {
      e.host.setDialogResult([path]);
      await p.keyboard.press('Control+Shift+o');
    } else await p.getByRole('button', { name: 'Open sample' }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
    return p;
  };

  it('900 px, a Windows VSS failure, every group open: nothing wider than the window, no axe violation (English and Dutch)', async () => {
    const p = await open(WINDOWS_VSS, 900);
    for (const lang of ['en', 'nl'] as const) {
      await chooseSetting(p, 'Language', lang);
      await p.getByRole('tab', { name: lang === 'en' ? 'Diagnosis' : 'Diagnose' }).waitFor();
      const closed = p.locator('.collapsible-head button[aria-expanded="false"]');
      while ((await closed.count()) > 0) await closed.first().click();
      await expect(overflows(p), lang).resolves.toEqual([]);
      const vs = await axeViolations(p);
      expect(vs, `${lang}:\n${describeViolations(vs)}`).toEqual([]);
    }
    // the missing-evidence table renders the catalogue's `code` as code, not as backticks
    await expect(p.locator('.missing-table').textContent()).resolves.not.toContain('`');
    await p.locator('.missing-table').scrollIntoViewIfNeeded();
    await e!.shot('narrow-900-windows-missing-nl');
  });

  it('a healthy Windows bundle: the verdict says the last task succeeded, and when (English and Dutch)', async () => {
    const p = await open(join(CASES_DIR, 'win-neg-tsg-vmsnapshot-snapshot-complete', 'files'), 1280);
    const summary = p.getByTestId('verdict').locator('.verdict-summary');
    await expect(summary.textContent()).resolves.toMatch(/^The last backup task in the logs succeeded \(started 2021-01-06 21:41:03Z\) and none of them failed/);
    await expect(summary.textContent()).resolves.not.toContain('hold no failed backup task');
    await chooseSetting(p, 'Language', 'nl');
    await expect(summary.textContent()).resolves.toMatch(/^De laatste back-uptaak in de logs slaagde \(gestart om 2021-01-06 21:41:03Z\)/);
  });

  it('the portal form at 1280 px: each label starts where its field starts; the time is one Tab stop that ↑/↓ step', async () => {
    const p = await open(null, 1280);
    const form = p.getByRole('form', { name: 'What the portal says' });
    await form.scrollIntoViewIfNeeded();
    const edges = await form.evaluate((f) =>
      [...f.querySelectorAll('.field')].map((field) => {
        const label = field.querySelector('label')!.getBoundingClientRect();
        const input = field.querySelector('input')!.getBoundingClientRect();
        return Math.abs(label.left - input.left);
      }),
    );
    expect(edges).toHaveLength(2);
    for (const d of edges) expect(d).toBeLessThan(1);
    // and its buttons start at the form's left edge, under the fields
    const buttonsOff = await form.evaluate((f) => f.querySelector('.actions button')!.getBoundingClientRect().left - f.querySelector('.field input')!.getBoundingClientRect().left);
    expect(Math.abs(buttonsOff)).toBeLessThan(1);
    const time = form.getByLabel(/^When the job failed/);
    const code = form.getByLabel('Portal error code');
    // from the code field one Tab reaches the time field, the next leaves it
    await code.focus();
    await p.keyboard.press('Tab');
    await expect(time.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await p.keyboard.press('Tab');
    await expect(time.evaluate((el) => el === document.activeElement)).resolves.toBe(false);
    await time.fill('2026-11-19 23:10');
    // the caret in the hours: ↑ steps the hour (over midnight the day follows)
    await time.evaluate((el: HTMLInputElement) => el.setSelectionRange(12, 12));
    await p.keyboard.press('ArrowUp');
    await expect(time.inputValue()).resolves.toBe('2026-11-20 00:10');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await expect(time.inputValue()).resolves.toBe('2026-11-19 22:10');
    const apply = form.getByRole('button', { name: 'Weigh again' });
    await expect(apply.isEnabled()).resolves.toBe(true);
    await time.fill('19/11/2026 23:10');
    await expect(time.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(apply.isDisabled()).resolves.toBe(true);
    await expect(form.textContent()).resolves.toContain('write it as 2026-11-19 23:10');
    const vs = await axeViolations(p);
    expect(vs, describeViolations(vs)).toEqual([]);
    await e!.shot('portal-form-1280');
  });

  it('the log list: the rows’ stars are one Tab stop; ↓ on a star moves to the next row’s star', async () => {
    const p = await open(null, 1280);
    await p.keyboard.press('Control+3');
    await p.getByTestId('log-row').nth(5).waitFor();
    const tabStops = () => p.evaluate(() => [...document.querySelectorAll('[data-testid="log-row"] button')].filter((b) => (b as HTMLElement).tabIndex >= 0).length);
    // no cursor yet: the first row in view holds the stop (its star, and its copy button)
    await expect(tabStops()).resolves.toBeLessThanOrEqual(3);
    await p.getByTestId('log-scroll').focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    const cursor = await p.getByTestId('log-scroll').getAttribute('aria-activedescendant');
    await p.keyboard.press('Tab');
    const onStar = () => p.evaluate(() => ({ star: document.activeElement?.classList.contains('bm'), row: document.activeElement?.closest('[data-testid="log-row"]')?.id }));
    await expect(onStar()).resolves.toEqual({ star: true, row: cursor });
    await p.keyboard.press('ArrowDown');
    const next = await onStar();
    expect(next.star).toBe(true);
    expect(next.row).not.toBe(cursor);
    await expect(p.getByTestId('log-scroll').getAttribute('aria-activedescendant')).resolves.toBe(next.row);
    // Space bookmarks that row; the stars stay one stop
    await p.keyboard.press('Space');
    await expect(p.locator(`#${next.row} button.bm`).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(tabStops()).resolves.toBeLessThanOrEqual(3);
    await p.keyboard.press('ArrowUp');
    await expect(onStar()).resolves.toEqual({ star: true, row: cursor });
  });
});
