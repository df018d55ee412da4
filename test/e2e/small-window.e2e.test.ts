import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';

/** Nothing scrolls sideways and no button wraps its label, in any view. */
async function layoutProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const b of document.querySelectorAll<HTMLElement>('button, .tab')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(b).visibility === 'hidden' || b.closest('.log-row, .ev-line, .recent, .links, .portal-list, [role="dialog"] iframe')) continue;
      const lh = parseFloat(getComputedStyle(b).lineHeight) || 20;
      if (b.textContent && /\s/.test(b.textContent.trim()) && r.height > lh * 2 + 12) out.push(`button wraps: "${b.textContent.trim().slice(0, 40)}" (${Math.round(r.height)} px)`);
      if (r.right > window.innerWidth + 1) out.push(`button off screen: "${(b.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return out;
  });
}

for (const { name, width, height, zoom } of [
  { name: 'small-window', width: 1024, height: 700, zoom: 1 },
  { name: 'zoom-150', width: 1440, height: 900, zoom: 1.5 },
  { name: 'zoom-200', width: 1440, height: 900, zoom: 2 },
]) {
  describe(`${name} (${width}×${height} at ${zoom * 100} %)`, () => {
    let e: E2E;
    beforeAll(async () => {
      e = await startE2E({ width, height, zoom });
      await e.page.getByRole('button', { name: 'Open sample' }).click();
      await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    });
    afterAll(async () => {
      await e?.close();
    });

    it('every view fits: no sideways scrolling, no wrapped buttons', async () => {
      const p = e.page;
      for (const tab of ['Diagnosis', 'Timeline', 'Logs', 'Agent & extensions']) {
        await p.getByRole('tab', { name: tab }).click();
        await p.waitForTimeout(300);
        expect(await layoutProblems(p), tab).toEqual([]);
      }
    });

    it('the log list still shows the message', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Logs' }).click();
      await p.getByTestId('log-row').first().waitFor();
      const w = await p.getByTestId('log-text').first().evaluate((el) => el.getBoundingClientRect().width);
      expect(w).toBeGreaterThan(150);
      const text = await p.getByTestId('log-text').first().textContent();
      expect((text ?? '').length).toBeGreaterThan(5);
      await e.shot(name);
    });
  });
}
