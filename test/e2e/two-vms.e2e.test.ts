import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anotherVmBeside } from '../accuracy/perturb';
import { CASES_DIR } from '../accuracy/score';
import { axeViolations, chooseSetting, describeViolations, type E2E, startE2E } from './harness';
import { writeBundle } from '../helpers/bundle';

/**
 * A bundle that holds two VMs' logs: the real case waagent-797 (Azure/WALinuxAgent#797, WireServer 503s for hours)
 * with a healthy agent's log over the same hours under other-vm/ (perturb.ts anotherVmBeside). The notice above the
 * verdict offers each VM alone; one click opens it in a tab of its own, which says that only its files were read.
 */
describe('a bundle with two VMs', () => {
  let e: E2E;
  const tmp = mkdtempSync(join(tmpdir(), 'vmbd-e2e-two-vms-'));
  const at = join(tmp, 'case-4711');
  const clean = async (what: string) => {
    const vs = await axeViolations(e.page);
    expect(vs, `${what}:\n${describeViolations(vs)}`).toEqual([]);
  };

  beforeAll(async () => {
    const log = readFileSync(join(CASES_DIR, 'waagent-797-wireserver-503-blocked', 'files', 'waagent.log'), 'utf8');
    writeBundle(at, anotherVmBeside([['var/log/waagent.log', log]])!);
    e = await startE2E({ width: 1024, height: 700 });
  });
  afterAll(async () => {
    await e?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('offers each VM alone; one opens in a new tab, says so, and the bundle\'s tab stays', async () => {
    const p = e.page;
    e.host.setDialogResult([at]);
    await p.keyboard.press('Control+o');
    const notice = p.getByTestId('multiple-vms');
    await notice.waitFor({ timeout: 60_000 });
    const buttons = notice.getByTestId('open-vm');
    await expect(buttons.allTextContents()).resolves.toEqual(['Open case-4711 alone', 'Open case-4711/other-vm alone']);
    await expect(p.getByTestId('verdict').getAttribute('data-cause')).resolves.toBe('no-network-wireserver');
    await clean('multiple-VMs notice');
    await e.shot('two-vms-notice');

    await buttons.first().click();
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="bundle-tab"]').length === 2, null, { timeout: 60_000 });
    await p.getByTestId('only-vm').waitFor();
    await expect(p.getByTestId('only-vm').textContent()).resolves.toBe("One VM of the bundleOnly the files in case-4711 were analysed (1 of the bundle's 2 files); the other VM's files were left out.");
    await expect(p.getByTestId('multiple-vms').count()).resolves.toBe(0);
    // the case's own answer, no longer capped at low by the other VM's log
    await expect(p.getByTestId('verdict').getAttribute('data-cause')).resolves.toBe('no-network-wireserver');
    await expect(p.getByTestId('verdict').textContent()).resolves.toContain('medium confidence');
    const tabs = p.getByTestId('bundle-tab');
    await expect(tabs.nth(1).locator('.bundle-tab-name').textContent()).resolves.toBe('case-4711 (this VM only)');
    await expect(tabs.nth(0).locator('.bundle-tab-name').textContent()).resolves.toBe('case-4711');
    // the other VM's copy of var/log/waagent.log was never taken in, so nothing warns of the path given twice
    await expect(p.getByText(/is in the bundle twice/).count()).resolves.toBe(0);
    await expect(tabs.nth(1).locator('.bundle-tab-open').getAttribute('aria-current')).resolves.toBe('page');
    await clean('one VM alone');
    await e.shot('two-vms-one-alone');

    // in Dutch, and the bundle's own tab is as it was
    await chooseSetting(p, 'Language', 'nl');
    // (a switch re-renders: each check waits for its text)
    await expect.poll(() => p.getByTestId('only-vm').textContent()).toContain('Alleen de bestanden in case-4711 zijn geanalyseerd');
    await tabs.nth(0).locator('.bundle-tab-open').click();
    await p.waitForFunction(() => document.querySelector('[data-testid="bundle-tab"]:first-child .bundle-tab-open')?.getAttribute('aria-current') === 'page');
    await expect.poll(() => p.getByTestId('open-vm').allTextContents()).toEqual(['case-4711 apart openen', 'case-4711/other-vm apart openen']);
    await chooseSetting(p, 'Taal', 'en');
  });
});
