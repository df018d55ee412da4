import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../src/main/testhost/server';
import { ROOT, TEST_RESULTS } from '../helpers/paths';
import { buildFakeVm, createUser, keygen, startSshd, tempDir, type Sshd } from '../ssh/sshd';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';

/**
 * The connect dialog against a real sshd (127.0.0.1, random port): trust the host key, log in (key, then
 * password + sudo password), and see the diagnosis of the collected bundle (the sample's freeze timeout).
 */
let dir: string;
let sshd: Sshd;
let host: TestHost;
let browser: Browser;
let page: Page;
let clientKey: string;
let user: { name: string; remove: () => void } | undefined;
const PASSWORD = `E2e-${randomBytes(6).toString('hex')}`;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  const vmRoot = buildFakeVm(dir);
  clientKey = join(dir, 'client_ed25519');
  keygen(clientKey);
  const authKeys = join(dir, 'authorized_keys');
  writeFileSync(authKeys, readFileSync(`${clientKey}.pub`), { mode: 0o644 });
  sshd = await startSshd(dir, 'sshd', authKeys, { passwordAuth: true });
  user = createUser('vmbde2e', { password: PASSWORD, sudo: 'password' });
  host = await startTestHost({
    rendererDir: join(ROOT, 'dist', 'renderer'),
    workerPath: join(ROOT, 'dist', 'node', 'analysis-worker.js'),
    ssh: { userKnownHosts: [], sshConfigFile: null, defaultIdentities: false, remoteRoot: vmRoot, probeFilter: (n) => n === 'disk-free' || n === 'noexec' },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  mkdirSync(TEST_RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  sshd?.stop();
  user?.remove();
});

async function openDialog(fields: { user: string; identity?: string }) {
  await page.getByRole('button', { name: 'Connect over SSH…' }).click();
  const dlg = page.getByRole('dialog', { name: 'Connect over SSH' });
  await dlg.getByRole('textbox', { name: 'Host', exact: true }).fill('127.0.0.1');
  await dlg.getByRole('textbox', { name: 'Port', exact: true }).fill(String(sshd.port));
  await dlg.getByRole('textbox', { name: 'User', exact: true }).fill(fields.user);
  await dlg.getByRole('textbox', { name: 'Identity file' }).fill(fields.identity ?? '');
  await dlg.getByRole('checkbox', { name: 'Use SSH agent' }).uncheck();
  await dlg.getByRole('button', { name: 'Connect' }).click();
  return dlg;
}

describe('Connect over SSH (e2e)', () => {
  it('trust the unknown host key, collect with a key, see the diagnosis', async () => {
    await page.getByRole('heading', { name: 'Why did this VM backup fail?' }).waitFor();
    await openDialog({ user: 'root', identity: clientKey });
    const hk = page.getByRole('dialog', { name: 'Host key' });
    await hk.waitFor({ timeout: 60_000 });
    await expect(hk.getByTestId('fingerprint').textContent()).resolves.toBe(sshd.fingerprint());
    await page.screenshot({ path: join(TEST_RESULTS, 'ssh-host-key.png') });
    await hk.getByRole('button', { name: 'Trust' }).click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 120_000 });
    await expect(verdict.getAttribute('data-cause')).resolves.toBe('fsfreeze-failed');
    await page.screenshot({ path: join(TEST_RESULTS, 'ssh-diagnosis.png') });
  });

  it('password login and sudo password through the Password dialogs; the host key is remembered', async () => {
    await page.getByRole('button', { name: 'VM Backup Doctor' }).click();
    await openDialog({ user: user!.name });
    for (let i = 0; i < 2; i++) {
      const pw = page.getByRole('dialog', { name: 'Password' });
      await pw.waitFor({ timeout: 60_000 });
      await pw.getByLabel('Password').fill(PASSWORD);
      await pw.getByRole('button', { name: 'OK' }).click();
      await pw.waitFor({ state: 'detached' });
    }
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 120_000 });
    await expect(verdict.getAttribute('data-cause')).resolves.toBe('fsfreeze-failed');
    await expect(page.getByRole('dialog', { name: 'Host key' }).count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(PASSWORD);
    expect(pageErrors).toEqual([]);
  });
});
