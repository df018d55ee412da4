import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

/**
 * Issue 21, points 8 and 9 in the browser: the keyboard stays in a dialog through Preview and Export and
 * comes back to the opener, Esc closes dialogs and cancels a load, and the progress of a big load names its
 * phase with MB, records and a bar that moves while the log is parsed (`progress.png`).
 */
describe('keyboard in dialogs, and progress', () => {
  let e: E2E;
  let dir: string;
  beforeAll(async () => {
    // a 200 MB waagent.log of the corpus' real agent lines: its parse takes long enough to be watched
    const lines = readFileSync(join(ROOT, 'test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log'), 'utf8');
    dir = mkdtempSync(join(tmpdir(), 'vmbd-e2e-progress-'));
    mkdirSync(join(dir, 'var/log'), { recursive: true });
    writeFileSync(join(dir, 'var/log/waagent.log'), lines.repeat(Math.ceil((200 << 20) / lines.length)));
    e = await startE2E({ width: 1440, height: 900 });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await e?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Where the focus is: inside the open dialog, on the page behind it, or nowhere (the body). Tabbing past
   * the report preview (a sandboxed frame in its own process) moves the focus asynchronously: the page
   * shows the body for a moment, so the focus is read once it has settled (or after 300 ms, when it stays).
   */
  const focusIn = async () => {
    await e.page.waitForFunction(() => document.activeElement && document.activeElement !== document.body, null, { timeout: 300 }).catch(() => undefined);
    return e.page.evaluate(() => {
      const a = document.activeElement;
      const dlg = document.querySelector('[role="dialog"]');
      if (!a || a === document.body) return 'body';
      return dlg?.contains(a) ? 'dialog' : `page: ${a.tagName.toLowerCase()} ${a.textContent?.slice(0, 40) ?? ''}`;
    });
  };
  const tabAround = async (n: number) => {
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      await e.page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      seen.push(await focusIn());
    }
    return seen;
  };
  /** Tabs until the focused element is the button named `name` (within the dialog's cycle). */
  const tabTo = async (name: string) => {
    for (let i = 0; i < 30; i++) {
      if ((await e.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === name) return;
      await e.page.keyboard.press('Tab');
    }
    throw new Error(`no focusable "${name}" in the Tab cycle`);
  };

  it('the export dialog keeps the focus through Preview and Export, and gives it back to its opener', async () => {
    const p = e.page;
    const opener = p.getByRole('button', { name: 'Export report…' });
    await opener.focus();
    await p.keyboard.press('Enter');
    const dlg = p.getByRole('dialog', { name: 'Export report' });
    await dlg.waitFor();
    expect(await focusIn()).toBe('dialog');
    expect(new Set(await tabAround(14))).toEqual(new Set(['dialog']));

    // Preview by keyboard: the button is busy while the report renders, and the focus must not fall out
    await tabTo('Preview');
    await p.keyboard.press('Enter');
    await dlg.locator('iframe[title="Report preview"]').waitFor({ timeout: 60_000 });
    expect(await focusIn()).toBe('dialog');
    expect(new Set(await tabAround(20))).toEqual(new Set(['dialog']));

    // Export by keyboard to a file the test names (the test host answers the save dialog)
    const out = join(dir, 'report.md');
    await p.getByRole('combobox', { name: 'Format' }).selectOption('md');
    e.host.setDialogResult([out]);
    await tabTo('Export…');
    await p.keyboard.press('Enter');
    await dlg.getByText('report.md').waitFor({ timeout: 60_000 });
    expect(readFileSync(out, 'utf8')).toMatch(/^## VM backup diagnosis/);
    expect(await focusIn()).toBe('dialog');
    expect(new Set(await tabAround(14))).toEqual(new Set(['dialog']));

    await p.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    // its accessible name: below 1280 px the button shows a short label beside the long one (TopBar.tsx)
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Export report…');
  });

  it('Esc closes the shortcuts sheet and the about dialog, and the focus comes back', async () => {
    const p = e.page;
    const about = p.getByRole('button', { name: 'About' });
    await about.focus();
    await p.keyboard.press('Enter');
    await p.getByRole('dialog').waitFor();
    expect(new Set(await tabAround(6))).toEqual(new Set(['dialog']));
    await p.keyboard.press('Escape');
    await p.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('About');
    await p.keyboard.press('F1');
    await p.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await focusIn()).toBe('dialog');
    await p.keyboard.press('Escape');
    await p.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('a big log shows its parse moving (phase, MB of the total, records), and Esc cancels the load', async () => {
    const p = e.page;
    await p.getByRole('button', { name: /VM Backup Doctor/ }).first().click();
    await p.getByRole('button', { name: 'Open folder…' }).waitFor();
    e.host.setDialogResult([dir]);
    await p.getByRole('button', { name: 'Open folder…' }).click();
    // a bundle is open already: the new one opens beside it, in a tab of its own
    await p.getByRole('dialog', { name: 'Another bundle' }).getByRole('button', { name: /^Open separately/ }).click();
    // the parse step is current and its bar is between its ends: bytes parsed ÷ bytes to parse
    await p.waitForFunction(
      () => {
        const step = document.querySelector('[data-testid="progress-step-parsing"]');
        const v = Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 'NaN');
        return step?.getAttribute('aria-current') === 'step' && v >= 1 && v <= 90;
      },
      null,
      { timeout: 60_000, polling: 50 },
    );
    const detail = (await p.getByTestId('progress-detail').textContent()) ?? '';
    expect(detail).toMatch(/^Parsing logs… var\/log\/waagent\.log · [\d.,]+ of 20\d(\.\d)? MB · [\d,]+ records/);
    await expect(p.getByTestId('progress-step-reading').getAttribute('class')).resolves.toBe('done');
    await e.shot('progress');

    const first = Number(await p.getByRole('progressbar').getAttribute('aria-valuenow'));
    // the bar moves on during the parse (not once at its end)
    await p.waitForFunction((v) => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 'NaN') > v, first, { timeout: 60_000, polling: 50 });
    // the overlay's text and bar keep their contrast, light and dark (the load runs on meanwhile)
    for (const colorScheme of ['light', 'dark'] as const) {
      await p.emulateMedia({ colorScheme });
      const vs = await axeViolations(p);
      expect(vs, `progress overlay (${colorScheme}):\n${describeViolations(vs)}`).toEqual([]);
    }
    await p.emulateMedia({ colorScheme: 'light' });
    await p.keyboard.press('Escape');
    await p.locator('.progress-overlay').waitFor({ state: 'detached', timeout: 30_000 });
    await p.getByText('Canceled.').waitFor();
  });
});
