import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';

/** The active symbol's ring, the tooltip's text and whether the tooltip lies inside the plot. */
const state = (p: Page) =>
  p.evaluate(() => {
    const plot = document.querySelector<HTMLElement>('[data-testid="task-plot"]')!.getBoundingClientRect();
    const ring = document.querySelector('[data-testid="task-mark-active"]');
    const tip = document.querySelector<HTMLElement>('[data-testid="task-tip"]');
    const box = tip?.getBoundingClientRect();
    return {
      ring: ring ? { x: Number(ring.getAttribute('cx')), y: Number(ring.getAttribute('cy')) } : null,
      tip: tip?.textContent ?? null,
      tipInside: !box || (box.left >= plot.left - 1 && box.right <= plot.right + 1 && box.top >= plot.top - 1 && box.bottom <= plot.bottom + 1),
      focused: document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '',
    };
  });

/**
 * The task duration chart from the keyboard in Chromium (jsdom has no layout, so no symbol has a place there): one
 * Tab stop with a visible focus ring, the arrow keys, Home and End step through the tasks in time order, the tooltip
 * names the task under the ring and stays in the plot, Esc hides it, and the words follow the language.
 */
describe('the task duration chart by keyboard', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1366, height: 860 });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await e.page.keyboard.press('Control+2');
    await e.page.getByTestId('task-marks').waitFor();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('is one Tab stop with a visible focus ring, described by its summary', async () => {
    const p = e.page;
    const plot = p.getByTestId('task-plot');
    // Tab from the view's start until the chart has the keyboard
    await p.locator('main').focus();
    for (let i = 0; i < 60 && (await state(p)).focused !== 'task-plot'; i++) await p.keyboard.press('Tab');
    expect((await state(p)).focused).toBe('task-plot');
    const outline = await plot.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    expect(outline).not.toMatch(/^none|\b0px$/);
    // the next Tab leaves the chart: nothing inside it (recharts' surface, its legend) is a stop of its own
    await p.keyboard.press('Tab');
    await expect(p.evaluate(() => !!document.activeElement?.closest('[data-testid="chart-task-duration"]'))).resolves.toBe(false);
    await p.keyboard.press('Shift+Tab');
    expect((await state(p)).focused).toBe('task-plot');
    const described = await plot.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' | '));
    expect(described).toMatch(/^5 tasks from .*: 4 succeeded, 1 failed \(at 2026-11-19 22:00/);
    expect(described).toContain('Arrow keys step through the symbols');
    // focus alone shows no tooltip; the live region is there already, silent
    expect((await state(p)).tip).toBeNull();
    await expect(p.getByTestId('task-tip-said').getAttribute('aria-live')).resolves.toBe('polite');
    await expect(p.getByTestId('task-tip-said').textContent()).resolves.toBe('');
  });

  it('steps through the tasks with the arrow keys, Home and End; the tooltip names each and stays in the plot', async () => {
    const p = e.page;
    await p.getByTestId('task-plot').focus();
    const seen: { x: number; y: number; tip: string }[] = [];
    for (let i = 0; i < 5; i++) {
      await p.keyboard.press('ArrowRight');
      const s = await state(p);
      expect(s.ring, `step ${i}`).not.toBeNull();
      expect(s.tipInside, s.tip ?? '').toBe(true);
      seen.push({ x: s.ring!.x, y: s.ring!.y, tip: s.tip! });
    }
    // left to right in time, one task each: #11 to #15, the last the failed one with its code
    expect(seen.map((s) => /#(\d+)/.exec(s.tip)?.[1])).toEqual(['11', '12', '13', '14', '15']);
    for (let i = 1; i < seen.length; i++) expect(seen[i].x).toBeGreaterThan(seen[i - 1].x);
    expect(seen[0].tip).toMatch(/^2026-11-15 22:00:0\dZ · #11 [0-9a-f-]+ · success · code 1 · [\d.]+ min$/);
    expect(seen[4].tip).toMatch(/#15 7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41 · failed · code 122 · [\d.]+ min$/);
    await e.shot('chart-keyboard-failed');
    // past the end it stays on the last; Home and End jump; ArrowLeft steps back
    await p.keyboard.press('ArrowRight');
    expect((await state(p)).tip).toBe(seen[4].tip);
    await p.keyboard.press('Home');
    expect((await state(p)).tip).toBe(seen[0].tip);
    await p.keyboard.press('ArrowLeft');
    expect((await state(p)).tip).toBe(seen[0].tip);
    await p.keyboard.press('End');
    await p.keyboard.press('ArrowLeft');
    expect((await state(p)).tip).toBe(seen[3].tip);
    // one polite live region, there before any key, says the chosen task; the tooltip itself is not announced
    await expect(p.getByTestId('task-tip-said').textContent()).resolves.toBe(seen[3].tip);
    await expect(p.getByTestId('task-tip').getAttribute('aria-hidden')).resolves.toBe('true');
    await expect(p.locator('[data-testid="chart-task-duration"] [role="status"], [data-testid="chart-task-duration"] [aria-live]').count()).resolves.toBe(1);
    // Esc hides it and leaves the keyboard on the chart; the page did not scroll with the arrow keys
    await p.keyboard.press('Escape');
    const s = await state(p);
    expect(s.tip).toBeNull();
    expect(s.ring).toBeNull();
    expect(s.focused).toBe('task-plot');
    await expect(p.getByTestId('task-tip-said').textContent()).resolves.toBe('');
    // a pointer's hover shows the tooltip but is not announced
    const box = (await p.getByTestId('task-plot').boundingBox())!;
    await p.mouse.move(box.x + seen[2].x, box.y + seen[2].y);
    await expect.poll(async () => (await state(p)).tip).toBe(seen[2].tip);
    await expect(p.getByTestId('task-tip-said').textContent()).resolves.toBe('');
    await p.mouse.move(0, 0);
  });

  it('says the task in Dutch in the Dutch UI', async () => {
    const p = e.page;
    await p.getByLabel('Language').selectOption('nl');
    await p.getByRole('tab', { name: 'Tijdlijn' }).waitFor();
    await p.getByTestId('task-plot').focus();
    await p.keyboard.press('End');
    expect((await state(p)).tip).toMatch(/#15 7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41 · mislukt · code 122 · [\d.,]+ min$/);
    await p.getByLabel('Taal').selectOption('en');
  });
});
