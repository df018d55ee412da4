import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { startE2E, type E2E } from './harness';

describe('app shell in Chromium through the test host', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('opens, loads the sample bundle through the real IPC handlers, and shows it', async () => {
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await expect(e.page.getByTestId('file-count').textContent()).resolves.toMatch(/\d+ files from 1 input/);
    const path = await e.shot('foundation-sample-loaded');
    expect(existsSync(path) && statSync(path).size > 1000).toBe(true);
  });

  it('refuses IPC without the per-run token', async () => {
    const url = new URL(e.host.url);
    const res = await fetch(`${url.origin}/ipc/app:info`, { method: 'POST', body: 'null', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(403);
    const ok = await fetch(`${url.origin}/ipc/app:info`, { method: 'POST', body: 'null', headers: { 'Content-Type': 'application/json', 'X-Vmbd-Token': e.host.token } });
    expect((await ok.json()).ok).toBe(true);
  });
});
