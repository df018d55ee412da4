import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { CASES_DIR } from '../accuracy/score';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

/**
 * The top bar in a 900 px window, English and Dutch: one row, no control cut or past the window's edge; the
 * language and theme pickers open from one button, by keyboard too.
 */
async function barProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const bar = document.querySelector<HTMLElement>('.topbar')!;
    const box = bar.getBoundingClientRect();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (box.height > 3 * rem + 1) out.push(`bar is ${box.height} px high (two rows?)`);
    for (const el of bar.querySelectorAll<HTMLElement>('button, select, .seg, .tabs')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.top-settings')) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
      if (r.top > box.top + 3 * rem - 8) out.push(`below the first row: ${name}`);
      if (r.right > window.innerWidth) out.push(`past the window's edge: ${name}`);
      if (el.scrollWidth > el.clientWidth + 1) out.push(`text cut: ${name} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  });
}

describe('the top bar at 900 px', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 900, height: 700 });
    e.host.setDialogResult([join(CASES_DIR, 'win-learn-vss-hold-writes-timeout-iops', 'files')]);
    await e.page.keyboard.press('Control+Shift+o');
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('keeps one row in English and Dutch, nothing cut; the pickers open from one button by keyboard', async () => {
    const p = e.page;
    const toggle = p.locator('.settings-toggle');
    for (const [lang, name, language] of [
      ['nl', 'Preferences', 'Language'],
      ['en', 'Voorkeuren', 'Taal'],
    ] as const) {
      // from the keyboard: the button, Tab to the language, pick, Esc closes and the keyboard is back on the button
      await expect(p.getByRole('button', { name }).getAttribute('aria-expanded')).resolves.toBe('false');
      await p.getByRole('button', { name }).focus();
      await p.keyboard.press('Enter');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      const vs = await axeViolations(p);
      expect(vs, describeViolations(vs)).toEqual([]);
      await p.keyboard.press('Tab');
      await expect(p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(language);
      await p.getByLabel(language).selectOption(lang);
      await p.getByRole('tab', { name: lang === 'en' ? 'Diagnosis' : 'Diagnose' }).waitFor();
      await e.shot(`bar-900-${lang}-settings`);
      await p.keyboard.press('Escape');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(p.evaluate(() => document.activeElement?.classList.contains('settings-toggle'))).resolves.toBe(true);
      await expect(barProblems(p), lang).resolves.toEqual([]);
      // the export button's short text keeps its whole name
      await expect(p.getByRole('button', { name: lang === 'en' ? 'Export report…' : 'Rapport exporteren…' }).isVisible()).resolves.toBe(true);
      await e.shot(`bar-900-${lang}`);
    }
    // a click elsewhere closes the pickers
    await toggle.click();
    await p.getByTestId('verdict').click({ position: { x: 5, y: 5 } });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  });
});
