import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_LIST_PX } from '../../src/renderer/util/scroll-scale';
import { startE2E, type E2E } from './harness';

/**
 * A log with more records than the browser can lay out at 24 px a row (scroll-scale.ts): the list is
 * capped at MAX_LIST_PX, and the scrollbar still reaches every record, the last one included.
 */
describe('log view of more records than the browser lays out', () => {
  // × 24 px = 36 M px: more than MAX_LIST_PX, and more than Chromium lays out at all (2^25 px)
  const RECORDS = 1_500_000;
  let e: E2E;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vmbd-e2e-big-'));
    mkdirSync(join(dir, 'var/log'), { recursive: true });
    const lines: string[] = [];
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < RECORDS; i++) lines.push(`${new Date(t0 + i * 6000).toISOString().replace('Z', '000Z')} VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200 #${i}`);
    writeFileSync(join(dir, 'var/log/waagent.log'), `${lines.join('\n')}\n`);
    e = await startE2E({ width: 1440, height: 900 });
  }, 120_000);
  afterAll(async () => {
    await e?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrolls to the first, a middle and the last record, and jumps to a line past the layout limit', async () => {
    const p = e.page;
    e.host.setDialogResult([dir]);
    await p.getByRole('button', { name: 'Open folder…' }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 120_000 });
    await p.getByRole('tab', { name: 'Logs' }).click();
    await p.waitForFunction((n) => document.querySelector('[data-testid="log-total"]')?.textContent === `${n.toLocaleString('en')} records`, RECORDS, { timeout: 60_000 });
    const list = p.getByRole('list', { name: 'Log records list' });
    const height = await list.evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBe(MAX_LIST_PX);

    // the line numbers of the loaded rows in view, after scrolling the list to a fraction of its range
    const rowsAt = async (fraction: number) => {
      await p.getByTestId('log-scroll').evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      }, fraction);
      await p.waitForFunction(() => {
        const box = document.querySelector('[data-testid="log-scroll"]')!.getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="log-row"]')].some((r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > box.top && b.top < box.bottom;
        });
      });
      return p.evaluate(() => {
        const box = document.querySelector('[data-testid="log-scroll"]')!.getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="log-row"]')]
          .filter((r) => {
            const b = r.getBoundingClientRect();
            return b.bottom > box.top + 1 && b.top < box.bottom - 1;
          })
          .map((r) => Number((r as HTMLElement).dataset.line));
      });
    };
    const top = await rowsAt(0);
    expect(top[0]).toBe(1);
    const middle = await rowsAt(0.5);
    expect(Math.abs(middle[0] - RECORDS / 2)).toBeLessThan(RECORDS * 0.01);
    // rows in view are consecutive lines (placed in rows' pixels around the scrolled position)
    expect(middle).toEqual(middle.map((_, k) => middle[0] + k));
    // a wheel step moves the rows as far as in an unscaled list: 120 px are 5 rows of 24 px (the browser's own
    // scroll of this list, scaled 2.25 times, moved them 11)
    const box = (await p.getByTestId('log-scroll').boundingBox())!;
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrolled = async () => {
      let last = await p.getByTestId('log-scroll').evaluate((el) => el.scrollTop);
      for (;;) {
        await p.waitForTimeout(250);
        const now = await p.getByTestId('log-scroll').evaluate((el) => el.scrollTop);
        if (now === last) return;
        last = now;
      }
    };
    const firstInView = () =>
      p.evaluate(() => {
        const view = document.querySelector('[data-testid="log-scroll"]')!.getBoundingClientRect();
        const lines = [...document.querySelectorAll<HTMLElement>('[data-testid="log-row"]')].filter((r) => r.getBoundingClientRect().bottom > view.top + 1).map((r) => Number(r.dataset.line));
        return Math.min(...lines);
      });
    const before = await firstInView();
    await p.mouse.wheel(0, 120);
    await scrolled();
    expect(Math.abs((await firstInView()) - before - 5)).toBeLessThanOrEqual(1);
    const bottom = await rowsAt(1);
    expect(bottom[bottom.length - 1]).toBe(RECORDS);
    expect(bottom).toEqual(bottom.map((_, k) => bottom[0] + k));
    await e.shot('logs-scaled-end');

    // a jump to a line past the rows the list lays out (the path "show in logs" of a cited line takes): its row is
    // shown and marked (before: the list stopped at the row at MAX_LIST_PX, line 666,667, and marked nothing)
    for (const target of [1_400_000, 900_000]) {
      await p.getByTestId('log-scroll').evaluate((el) => (el.scrollTop = 0));
      await p.getByRole('textbox', { name: 'Jump to time' }).fill(`${new Date(Date.UTC(2026, 0, 1) + target * 6000).toISOString().slice(0, 16).replace('T', ' ')}Z`);
      await p.getByRole('button', { name: 'Go', exact: true }).click();
      const row = p.locator('[data-testid="log-row"][data-highlighted="true"]');
      await row.waitFor({ timeout: 30_000 });
      expect(Number(await row.getAttribute('data-line'))).toBe(target + 1);
      await expect.poll(() => row.evaluate((r) => {
        const box = r.closest('[data-testid="log-scroll"]')!.getBoundingClientRect();
        const b = r.getBoundingClientRect();
        return b.top >= box.top && b.bottom <= box.bottom;
      })).toBe(true);
    }
    e.host.setDialogResult(null);
  }, 180_000);
});
