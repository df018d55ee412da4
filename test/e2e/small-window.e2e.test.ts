import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

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

/** Rows of the log list that overlap the next one, or whose height is not the 1.5rem the list lays them out at. */
async function rowProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="log-row"]')].map((r) => ({ i: r.dataset.index, box: r.getBoundingClientRect(), text: r.querySelector<HTMLElement>('[data-testid="log-text"]') }));
    rows.sort((a, b) => a.box.top - b.box.top);
    for (const [k, r] of rows.entries()) {
      if (Math.abs(r.box.height - 1.5 * rem) > 0.5) out.push(`row ${r.i} is ${r.box.height} px high, not 1.5rem (${1.5 * rem} px)`);
      const next = rows[k + 1];
      if (next && r.box.bottom > next.box.top + 0.5) out.push(`row ${r.i} overlaps row ${next.i}: ${r.box.bottom} > ${next.box.top}`);
      if (r.text && r.text.scrollHeight > r.text.clientHeight + 1) out.push(`row ${r.i}'s message is cut vertically`);
    }
    return out;
  });
}

for (const { name, width, height, zoom, textPx } of [
  { name: 'small-window', width: 1024, height: 700, zoom: 1 },
  { name: 'zoom-150', width: 1440, height: 900, zoom: 1.5 },
  { name: 'zoom-200', width: 1440, height: 900, zoom: 2 },
  // a larger OS text size: the root font is 20 px instead of 16, and every rem size follows it
  { name: 'large-text', width: 1366, height: 860, zoom: 1, textPx: 20 },
]) {
  describe(`${name} (${width}×${height} at ${zoom * 100} %${textPx ? `, ${textPx} px text` : ''})`, () => {
    let e: E2E;
    const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
    beforeAll(async () => {
      e = await startE2E({ width, height, zoom, textPx });
      if (textPx) expect(await e.page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(`${textPx}px`);
      // the start view first: it is the first thing a new user sees at this size
      await e.page.getByRole('button', { name: 'Open sample' }).waitFor();
      await e.page.waitForTimeout(300);
      startProblems = await layoutProblems(e.page);
      await e.shot(`${name}-start`);
      await e.page.getByRole('button', { name: 'Open sample' }).click();
      await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    });
    let startProblems: string[] = [];
    afterAll(async () => {
      await e?.close();
    });

    it('every view fits: no sideways scrolling, no wrapped buttons', async () => {
      const p = e.page;
      expect(startProblems, 'Start').toEqual([]);
      for (const tab of ['Diagnosis', 'Timeline', 'Logs', 'Agent & extensions', 'Compare']) {
        await p.getByRole('tab', { name: tab }).click();
        await p.waitForTimeout(300);
        expect(await layoutProblems(p), tab).toEqual([]);
        // reflowed for the size, still accessible (axe-core, WCAG 2.1 AA)
        const vs = await axeViolations(p);
        expect(vs, `${tab}:\n${describeViolations(vs)}`).toEqual([]);
        await e.shot(`${name}-${slug(tab)}`);
      }
    });

    it('the log view with its detail and bookmarks panes, and the dialogs, fit too', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Logs' }).click();
      await p.getByTestId('log-row').first().click();
      await p.getByTestId('record-detail').waitFor();
      if ((await p.getByRole('button', { name: 'Show bookmarks' }).count()) > 0) await p.getByRole('button', { name: 'Show bookmarks' }).click();
      await p.waitForTimeout(300);
      expect(await layoutProblems(p), 'Logs with panes').toEqual([]);
      await e.shot(`${name}-logs-panes`);
      for (const [what, open] of [
        ['Export', () => p.getByRole('button', { name: /^Export report/ }).click()],
        ['Shortcuts', () => p.keyboard.press('F1')],
      ] as const) {
        await open();
        await p.getByRole('dialog').waitFor();
        await p.waitForTimeout(300);
        expect(await layoutProblems(p), what).toEqual([]);
        await e.shot(`${name}-${slug(what)}`);
        await p.keyboard.press('Escape');
        await p.getByRole('dialog').waitFor({ state: 'detached' });
      }
    });

    it('timeline lane names are whole and chart ticks follow the text size', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Timeline' }).click();
      await p.getByTestId('lane-label').first().waitFor();
      const m = await p.evaluate(() => {
        const svg = document.querySelector('.lanes-chart')!.getBoundingClientRect();
        const labels = [...document.querySelectorAll<SVGTextElement>('[data-testid="lane-label"]')].map((t) => ({ text: t.textContent ?? '', left: t.getBoundingClientRect().left - svg.left }));
        const tick = document.querySelector('[data-testid="charts"] .recharts-cartesian-axis-tick-value');
        return { rem: parseFloat(getComputedStyle(document.documentElement).fontSize), labels, tickPx: tick ? parseFloat(getComputedStyle(tick).fontSize) : 0 };
      });
      // the longest name (an extension's full handler name) starts inside the chart, not cut at its left edge
      const longest = m.labels.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      expect(longest.text.length).toBeGreaterThan(20);
      expect(longest.left, longest.text).toBeGreaterThanOrEqual(0);
      // recharts' 11 px tick text at a 16 px root, scaled with it
      expect(m.tickPx).toBeCloseTo((11 * m.rem) / 16, 1);
    });

    it('the log list still shows the message', async () => {
      const p = e.page;
      await p.getByRole('tab', { name: 'Logs' }).click();
      await p.getByTestId('log-row').first().waitFor();
      const w = await p.getByTestId('log-text').first().evaluate((el) => el.getBoundingClientRect().width);
      expect(w).toBeGreaterThan(150);
      // room for more than a handful of rows, even when the toolbar takes most of a short window
      const rowsShown = await p.getByTestId('log-scroll').evaluate((el) => Math.floor(el.clientHeight / (1.5 * parseFloat(getComputedStyle(document.documentElement).fontSize))));
      expect(rowsShown).toBeGreaterThanOrEqual(8);
      // rows stacked at their rem height, none over the next, also after scrolling (offsets from the virtualizer)
      expect(await rowProblems(p)).toEqual([]);
      await p.getByTestId('log-scroll').evaluate((el) => el.scrollBy(0, 400));
      await p.waitForTimeout(300);
      expect(await rowProblems(p)).toEqual([]);
      const text = await p.getByTestId('log-text').first().textContent();
      expect((text ?? '').length).toBeGreaterThan(5);
      await e.shot(name);
    });
  });
}
