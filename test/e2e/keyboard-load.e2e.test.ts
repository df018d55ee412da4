import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';

/** What has the keyboard: its tag and name, and whether it is inside the load's overlay. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return { name: (a?.getAttribute('aria-label') ?? a?.textContent ?? '').trim(), tag: a?.tagName.toLowerCase(), inOverlay: !!a?.closest('.progress-overlay') };
  });

/**
 * A support engineer opens a big bundle with the keyboard only: while it loads the keyboard is on Cancel (not on the
 * start view hidden under the overlay), Tab cannot leave the overlay, and after Esc the keyboard is back on the
 * button that opened.
 */
describe('a load from the keyboard', () => {
  let e: E2E;
  let dir: string;
  beforeAll(async () => {
    // big enough that the load lasts a moment: 600,000 records
    dir = mkdtempSync(join(tmpdir(), 'vmbd-e2e-load-'));
    mkdirSync(join(dir, 'var/log'), { recursive: true });
    const t0 = Date.UTC(2026, 0, 1);
    const lines: string[] = [];
    for (let i = 0; i < 600_000; i++) lines.push(`${new Date(t0 + i * 6000).toISOString().replace('Z', '000Z')} VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200 #${i}`);
    writeFileSync(join(dir, 'var/log/waagent.log'), `${lines.join('\n')}\n`);
    e = await startE2E({ width: 1366, height: 860 });
  }, 120_000);
  afterAll(async () => {
    await e?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts the keyboard on Cancel, keeps it in the overlay, and gives it back after Esc', async () => {
    const p = e.page;
    e.host.setDialogResult([dir]);
    const open = p.getByRole('button', { name: 'Open folder…' });
    await open.focus();
    await p.keyboard.press('Enter');
    await p.locator('.progress-overlay').waitFor();
    await expect(focused(p)).resolves.toEqual({ name: 'Cancel', tag: 'button', inOverlay: true });
    // nothing behind the overlay takes the keyboard (it cannot be seen there)
    await p.keyboard.press('Tab');
    await expect(focused(p).then((f) => f.inOverlay || f.tag === 'body')).resolves.toBe(true);
    await p.keyboard.press('Shift+Tab');
    await expect(focused(p).then((f) => f.inOverlay || f.tag === 'body')).resolves.toBe(true);
    await e.shot('keyboard-load-cancel');
    await p.keyboard.press('Escape');
    await p.locator('.progress-overlay').waitFor({ state: 'detached', timeout: 60_000 });
    await expect(p.getByRole('alert').textContent()).resolves.toContain('Canceled');
    await expect(focused(p)).resolves.toMatchObject({ name: 'Open folder…', tag: 'button' });
  });

  it('after a load that ends, the keyboard is in the view it opened', async () => {
    const p = e.page;
    e.host.setDialogResult([dir]);
    await p.keyboard.press('Enter');
    await p.getByTestId('verdict').waitFor({ timeout: 120_000 });
    await expect(focused(p)).resolves.toMatchObject({ tag: 'main' });
    // the next Tab is the view's first control, not the top bar
    await p.keyboard.press('Tab');
    await expect(p.evaluate(() => !!document.activeElement?.closest('main'))).resolves.toBe(true);
  });
});
