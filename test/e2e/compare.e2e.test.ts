import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { axeViolations, chooseSetting, describeViolations, type E2E, startE2E } from './harness';

// Real public cases (test/cases): a Windows backup that completed (code 1) and a VSS freeze time-out.
const HEALTHY = join(ROOT, 'test', 'cases', 'win-neg-tsg-vmsnapshot-snapshot-complete', 'files');
const VSS_TIMEOUT = join(ROOT, 'test', 'cases', 'win-learn-vss-hold-writes-timeout-iops', 'files');

/**
 * Issue 21 point 11, two bundles, at 1024×700: a second bundle asks "add to this VM or open separately";
 * separate bundles are tabs that keep their own analysis, filters and bookmarks; a closed tab releases its
 * session in main; "compare" puts two tasks side by side, phase by phase.
 */
describe('two bundles', () => {
  let e: E2E;
  const clean = async (what: string) => {
    const vs = await axeViolations(e.page);
    expect(vs, `${what}:\n${describeViolations(vs)}`).toEqual([]);
  };
  const tabs = () => e.page.getByTestId('bundle-tab');
  const verdictCause = () => e.page.getByTestId('verdict').getAttribute('data-cause');

  beforeAll(async () => {
    e = await startE2E({ width: 1024, height: 700 });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('opening a second bundle asks first; the safe answer has the focus, Tab stays inside, Esc cancels', async () => {
    const p = e.page;
    e.host.setDialogResult([HEALTHY]);
    await p.keyboard.press('Control+o');
    const dlg = p.getByRole('dialog', { name: 'Another bundle' });
    await dlg.waitFor();
    await expect(dlg.textContent()).resolves.toMatch(/Are the new logs from the same VM\?/);
    await expect(p.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(/^Open separately/);
    for (let i = 0; i < 4; i++) {
      await p.keyboard.press('Tab');
      await expect(p.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).resolves.toBe(true);
    }
    await e.shot('two-bundles-dialog');
    await clean('two-bundles dialog');
    await p.keyboard.press('Escape');
    await expect(p.getByRole('dialog').count()).resolves.toBe(0);
    // nothing was opened: still the sample alone, no tab strip
    await expect(tabs().count()).resolves.toBe(0);
    await expect(verdictCause()).resolves.toBe('fsfreeze-failed');
  });

  it('files dragged over any result view show a drop overlay that says what a drop does, in English and Dutch', async () => {
    const p = e.page;
    // what Chromium sends while files from the file manager are dragged over the window
    const drag = (type: 'dragover' | 'dragleave', selector: string) =>
      p.evaluate(
        ([type, selector]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([''], 'waagent.log'));
          document.querySelector(selector)!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, relatedTarget: null }));
        },
        [type, selector] as const,
      );
    const overlay = p.getByTestId('drop-overlay');
    for (const [tab, target] of [
      ['Diagnosis', '[data-testid="verdict"]'],
      ['Timeline', '[data-testid="timeline-chart"]'],
      ['Logs', '[data-testid="log-scroll"]'],
    ] as const) {
      await p.getByRole('tab', { name: tab }).click();
      await p.locator(target).first().waitFor();
      await drag('dragover', target);
      await overlay.waitFor();
      await expect(overlay.textContent()).resolves.toBe('Drop to openYou will be asked whether to add them to this VM or open them separately.');
      // it covers the whole window, over the view
      const box = (await overlay.boundingBox())!;
      expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 1024, 700]);
      // leaving the window (no element to go to) hides it
      await drag('dragleave', target);
      await expect(overlay.count()).resolves.toBe(0);
    }
    await drag('dragover', '[data-testid="log-scroll"]');
    await overlay.waitFor();
    await clean('drop overlay');
    await e.shot('drop-overlay');
    await drag('dragleave', '[data-testid="log-scroll"]');
    await chooseSetting(p, 'Language', 'nl');
    await drag('dragover', '[data-testid="log-scroll"]');
    await expect(overlay.textContent()).resolves.toBe('Loslaten om te openenJe krijgt de vraag of ze bij deze VM horen of apart geopend worden.');
    await e.shot('drop-overlay-nl');
    await drag('dragleave', '[data-testid="log-scroll"]');
    await chooseSetting(p, 'Taal', 'en');
    await expect(overlay.count()).resolves.toBe(0);
    await expect(p.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('"open separately" opens a tab beside the first; each tab keeps its own analysis and filters', async () => {
    const p = e.page;
    // a filter on the sample's logs, to find again after a visit to the other tab
    await p.getByRole('tab', { name: 'Logs' }).click();
    await p.getByLabel('Filter text').fill('fsfreeze');
    await p.keyboard.press('Control+o');
    await p.getByRole('dialog', { name: 'Another bundle' }).getByRole('button', { name: /^Open separately/ }).click();
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="bundle-tab"]').length === 2, null, { timeout: 60_000 });
    await p.getByTestId('verdict').waitFor();
    // the new tab is shown, with its own diagnosis (a healthy backup: no cause)
    await expect(verdictCause()).resolves.toBe('');
    await expect(tabs().nth(1).locator('.bundle-tab-open').getAttribute('aria-current')).resolves.toBe('page');
    await expect(tabs().nth(0).locator('.bundle-tab-open').getAttribute('aria-current')).resolves.toBeNull();
    await expect(tabs().nth(1).textContent()).resolves.toMatch(/no cause found/);
    await expect(tabs().nth(0).textContent()).resolves.toMatch(/snapshot|freeze/i);
    await e.shot('tabs');
    await clean('bundle tabs');
    await p.getByRole('tab', { name: 'Logs' }).click();
    await expect(p.getByLabel('Filter text').inputValue()).resolves.toBe('');
    const files = await p.getByLabel('File', { exact: true }).locator('option').allTextContents();
    expect(files.join(' ')).toMatch(/IaaSBcdrExtension\.log/);
    expect(files.join(' ')).not.toMatch(/waagent\.log/);
    // Ctrl+Tab back to the sample: its view, filter and logs come back
    await p.keyboard.press('Control+Tab');
    // (the switch waits for main to activate the session)
    await p.waitForFunction(() => document.querySelector('[data-testid="bundle-tab"]:first-child .bundle-tab-open')?.getAttribute('aria-current') === 'page');
    await expect(p.getByLabel('Filter text').inputValue()).resolves.toBe('fsfreeze');
    // (the filter text is debounced: the rows follow it a moment later)
    await p.waitForFunction(() => /fsfreeze/i.test(document.querySelector('[data-testid="log-row"]')?.textContent ?? ''), null, { timeout: 10_000 });
    const rows = await p.getByTestId('log-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /fsfreeze/i.test(r))).toBe(true);
  });

  it('compare: the failed task against the last success, the freeze marked as the first difference', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Compare' }).click();
    await p.getByTestId('compare-table').waitFor();
    await expect(p.getByTestId('compare-summary').textContent()).resolves.toBe('The tasks first differ at the freeze phase: outcome differs.');
    const first = p.locator('[data-testid="compare-row"][data-first="true"]');
    await expect(first.getAttribute('data-phase')).resolves.toBe('freeze');
    await expect(first.textContent()).resolves.toMatch(/timed out\s*69 s.*ok\s*5\.1 s.*First difference/);
    await expect(p.getByTestId('compare-pick-a').locator('option:checked').textContent()).resolves.toMatch(/^#15 .* failed · code 122$/);
    await expect(p.getByTestId('compare-pick-b').locator('option:checked').textContent()).resolves.toMatch(/^#14 .* success · code 1$/);
    // usable at 1024×700: nothing scrolls sideways
    await expect(p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).resolves.toBe(true);
    await expect(p.locator('main').evaluate((m) => m.scrollWidth <= m.clientWidth + 1)).resolves.toBe(true);
    await e.shot('compare-two-bundles');
    await clean('compare view');
    await chooseSetting(p, 'Theme', 'dark');
    await clean('compare view, dark');
    await chooseSetting(p, 'Theme', 'light');
    // task B from the other tab: the healthy Windows backup
    const other = await p.getByTestId('compare-pick-b').locator('optgroup').nth(1).locator('option').first().getAttribute('value');
    await p.getByTestId('compare-pick-b').selectOption(other!);
    await expect(p.locator('[data-testid="compare-row"][data-first="true"]').getAttribute('data-phase')).resolves.toBe('freeze');
    await expect(p.locator('[data-testid="compare-row"][data-phase="enable"]').textContent()).resolves.toMatch(/ok/);
  });

  it('Ctrl+W closes a tab and its session is released in main', async () => {
    const p = e.page;
    await p.keyboard.press('Control+Tab');
    await p.waitForFunction(() => document.querySelector('[data-testid="bundle-tab"]:nth-child(2) .bundle-tab-open')?.getAttribute('aria-current') === 'page');
    await p.keyboard.press('Control+w');
    await expect(tabs().count()).resolves.toBe(0);
    await p.getByRole('tab', { name: 'Diagnosis' }).click();
    await expect(verdictCause()).resolves.toBe('fsfreeze-failed');
    // sessions are numbered in opening order: the sample is 1, the closed healthy bundle was 2
    await expect(p.evaluate(() => (window as unknown as { vmbd: { activateSession(n: number): Promise<{ ok: boolean }> } }).vmbd.activateSession(2))).resolves.toEqual({ ok: false });
    await expect(p.evaluate(() => (window as unknown as { vmbd: { activateSession(n: number): Promise<{ ok: boolean }> } }).vmbd.activateSession(1))).resolves.toEqual({ ok: true });
  });

  it('"add to this VM" re-analyses the union of inputs as one VM, in the same tab', async () => {
    const p = e.page;
    e.host.setDialogResult([VSS_TIMEOUT]);
    await p.keyboard.press('Control+o');
    await p.getByRole('dialog', { name: 'Another bundle' }).getByRole('button', { name: /^Add to this VM/ }).click();
    await p.waitForFunction(() => (document.querySelector('.bundle-name')?.getAttribute('title') ?? '').split('\n').length === 2, null, { timeout: 60_000 });
    const inputs = (await p.locator('.bundle-name').getAttribute('title'))!.split('\n');
    expect(inputs[0]).toMatch(/logs\.zip$/);
    expect(inputs[1]).toBe(VSS_TIMEOUT);
    await expect(tabs().count()).resolves.toBe(0);
    await p.getByRole('tab', { name: 'Logs' }).click();
    const files = (await p.getByLabel('File', { exact: true }).locator('option').allTextContents()).join(' ');
    expect(files).toMatch(/waagent\.log/);
    expect(files).toMatch(/Application-event\.txt/);
  });
});
