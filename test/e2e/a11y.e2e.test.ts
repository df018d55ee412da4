import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

/**
 * axe-core (WCAG 2.1 A/AA, contrast included) on every view of the sample, in the light and the dark
 * theme, with the dialogs open too. Any violation fails.
 */
for (const scheme of ['light', 'dark'] as const) {
  describe(`accessibility, ${scheme} theme`, () => {
    let e: E2E;
    beforeAll(async () => {
      e = await startE2E({ width: 1440, height: 900, colorScheme: scheme });
    });
    afterAll(async () => {
      await e?.close();
    });
    const clean = async (what: string) => {
      const vs = await axeViolations(e.page);
      expect(vs, `${what} (${scheme}):\n${describeViolations(vs)}`).toEqual([]);
    };

    it('start view', async () => {
      await e.page.getByRole('heading', { level: 1 }).waitFor();
      await clean('start');
    });

    it('diagnosis, with every group open', async () => {
      const p = e.page;
      await p.getByRole('button', { name: 'Open sample' }).click();
      await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
      const closed = p.locator('.collapsible-head button[aria-expanded="false"]');
      while ((await closed.count()) > 0) await closed.first().click();
      await clean('diagnosis');
      await e.shot(`a11y-diagnosis-${scheme}`);
    });

    it('timeline, with the details panel', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Timeline' }).click();
      await p.getByTestId('timeline-chart').waitFor();
      await p.locator('[data-testid="timeline-segment"].tone-error').first().click();
      await clean('timeline');
    });

    it('logs, with a record open', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Logs' }).click();
      await p.getByTestId('log-row').first().waitFor();
      await p.getByTestId('log-row').nth(3).click();
      await clean('logs');
      await e.shot(`a11y-logs-${scheme}`);
    });

    it('logs while finding: highlighted matches, the current hit and an invalid regex flagged', async () => {
      const p = e.page;
      await p.getByRole('searchbox', { name: 'Find' }).fill('freeze');
      // past find's typing debounce (200 ms)
      await new Promise((r) => setTimeout(r, 400));
      await p.keyboard.press('F3');
      await p.locator('[data-testid="log-row"][data-current="true"] mark').first().waitFor();
      await p.getByRole('checkbox', { name: 'Regex' }).check();
      await p.getByRole('searchbox', { name: 'Filter text' }).fill('freeze(');
      await p.getByTestId('regex-error').waitFor();
      await clean('logs, find and regex error');
      await p.getByRole('searchbox', { name: 'Filter text' }).fill('');
      await p.getByRole('checkbox', { name: 'Regex' }).uncheck();
      await p.getByRole('searchbox', { name: 'Find' }).fill('');
    });

    it('compare', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Compare' }).click();
      await p.locator('main').waitFor();
      await clean('compare');
    });

    it('agent and extensions, with a history open', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Agent & extensions' }).click();
      await p.getByTestId('ext-row').first().waitFor();
      await p.getByRole('button', { name: /^History of Microsoft\.Azure\.RecoveryServices/ }).click();
      await clean('extensions');
    });

    it('export, about and shortcuts dialogs', async () => {
      const p = e.page;
      await p.keyboard.press('Control+e');
      await p.getByRole('dialog', { name: 'Export report' }).waitFor();
      await clean('export dialog');
      await p.keyboard.press('Escape');
      await p.getByRole('button', { name: 'About' }).click();
      await p.getByRole('dialog').waitFor();
      await clean('about dialog');
      await p.keyboard.press('Escape');
      await p.keyboard.press('F1');
      await p.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await clean('shortcuts');
      await p.keyboard.press('Escape');
    });

    it('the SSH dialog', async () => {
      const p = e.page;
      await p.getByRole('button', { name: /VM Backup Doctor/ }).first().click();
      await p.getByRole('button', { name: 'Connect over SSH…' }).click();
      await p.getByRole('dialog', { name: 'Connect over SSH' }).waitFor();
      await clean('ssh dialog');
      await p.keyboard.press('Escape');
    });
  });
}
