import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';
import { TEST_RESULTS } from '../helpers/paths';

/**
 * The timeline at large OS text sizes and at 200 % zoom (issue 21 points 5 and 7): its markers, group badges,
 * brush, density strip and legend swatches grow with the root font size as its words do, a group's count stays
 * inside its badge, a group tells its kind by its sign, and the exported picture follows. On the sample bundle,
 * the whole time range (where the agent's events are grouped).
 */

interface Box {
  w: number;
  h: number;
}
interface Measures {
  rem: number;
  /** Each single marker's outline, by shape. */
  markers: Record<string, Box>;
  /** Each group: its badge, count and sign boxes (relative to the badge) and its kinds. */
  groups: { count: string; kinds: string; shape: string; badge: Box; text: { left: number; right: number; top: number; bottom: number }; glyph: { left: number; right: number; top: number; bottom: number }; stacked: boolean }[];
  brushHandle: Box;
  brushH: number;
  densityH: number;
  /** Legend swatches, in order. */
  swatches: Box[];
  /** The width '999+' takes in a group's font here. */
  widest: number;
  laneH: number;
  /** Font size (px) of a count on the chart and in the legend. */
  countPx: number;
  legendCountPx: number;
  /** How far the last time tick's label sticks out of the chart (px; ≤ 0 is inside). */
  tickOver: number;
}

async function measure(p: Page): Promise<Measures> {
  return p.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { w: r.width, h: r.height };
    };
    const rel = (el: Element, to: DOMRect) => {
      const r = el.getBoundingClientRect();
      return { left: r.left - to.left, right: r.right - to.left, top: r.top - to.top, bottom: r.bottom - to.top };
    };
    const markers: Record<string, { w: number; h: number }> = {};
    for (const g of document.querySelectorAll('[data-testid="timeline-marker"]')) markers[g.getAttribute('data-shape')!] ??= box(g.querySelector('path')!);
    const groups = [...document.querySelectorAll('[data-testid="timeline-group"]')].map((g) => {
      const pill = g.querySelector('.tl-pill')!.getBoundingClientRect();
      return {
        count: g.querySelector('text')!.textContent ?? '',
        kinds: g.getAttribute('data-kinds') ?? '',
        shape: g.getAttribute('data-shape') ?? '',
        badge: { w: pill.width, h: pill.height },
        text: rel(g.querySelector('text')!, pill),
        glyph: rel(g.querySelector('.tl-glyph')!, pill),
        stacked: g.querySelector('.tl-stack') !== null,
      };
    });
    // the widest count a badge shows, set in a group's own font for a moment
    const t = document.querySelector<SVGTextElement>('[data-testid="timeline-group"] text');
    let widest = 0;
    if (t) {
      const was = t.textContent;
      t.textContent = '999+';
      widest = t.getComputedTextLength();
      t.textContent = was;
    }
    const lanes = document.querySelector('svg.lanes-chart')!;
    const labels = [...lanes.querySelectorAll('[data-testid="lane-label"]')].map((l) => l.getBoundingClientRect().top);
    return {
      rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
      markers,
      groups,
      brushHandle: box(document.querySelector('[data-testid="brush-start"] rect')!),
      brushH: box(document.querySelector('[data-testid="time-brush"]')!).h,
      densityH: box(document.querySelector('svg.density-strip')!).h,
      swatches: [...document.querySelectorAll('[data-testid="timeline-legend"] svg')].map(box),
      widest,
      laneH: labels.length > 1 ? labels[1] - labels[0] : 0,
      countPx: parseFloat(getComputedStyle(document.querySelector('[data-testid="timeline-group"] text')!).fontSize),
      // the legend's badge is drawn in a viewBox scaled with the text: its count's size on screen, in px
      legendCountPx: document.querySelector('[data-testid="legend-group"] text')!.getBoundingClientRect().height,
      tickOver: Math.max(...[...lanes.querySelectorAll('.axis text[text-anchor="middle"]')].map((t) => t.getBoundingClientRect().right)) - lanes.getBoundingClientRect().right,
    };
  });
}

const SIZES = [
  { name: 'default', textPx: 16, zoom: 1, shot: 'timeline-groups' },
  { name: 'large-text-20', textPx: 20, zoom: 1, shot: 'timeline-large-text' },
  { name: 'large-text-24', textPx: 24, zoom: 1, shot: 'timeline-large-text-24' },
  { name: 'zoom-200', textPx: 16, zoom: 2, shot: 'timeline-zoom-200' },
] as const;
const seen: Partial<Record<(typeof SIZES)[number]['name'], Measures>> = {};

for (const { name, textPx, zoom, shot } of SIZES) {
  describe(`timeline at ${textPx} px text, ${zoom * 100} % zoom`, () => {
    let e: E2E;
    beforeAll(async () => {
      e = await startE2E({ width: 1440, height: 900, zoom, textPx: textPx === 16 ? undefined : textPx });
      await e.page.getByRole('button', { name: 'Open sample' }).click();
      await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
      await e.page.getByRole('tab', { name: 'Timeline' }).click();
      await e.page.getByTestId('timeline-chart').waitFor();
      // the whole range: the agent's events there are close enough to be grouped
      await e.page.getByRole('button', { name: 'Reset zoom' }).click();
      await e.page.getByTestId('timeline-group').first().waitFor();
    });
    afterAll(async () => {
      await e?.close();
    });

    it('draws groups whose count and sign sit inside the badge, told apart by sign; axe-core clean', async () => {
      const p = e.page;
      const m = await measure(p);
      seen[name] = m;
      expect(m.rem).toBe(textPx);
      expect(m.groups.length).toBeGreaterThan(0);
      const k = m.rem / 16;
      for (const g of m.groups) {
        const where = `${g.count} (${g.kinds})`;
        // the count and the sign inside the badge, the sign left of the count, not over it
        expect(g.text.left, where).toBeGreaterThan(g.glyph.right - 0.5);
        expect(g.glyph.left, where).toBeGreaterThanOrEqual(0);
        expect(g.text.right, where).toBeLessThanOrEqual(g.badge.w - 1.5 * k);
        expect(g.text.top, where).toBeGreaterThanOrEqual(-0.5);
        expect(g.text.bottom, where).toBeLessThanOrEqual(g.badge.h + 0.5);
        // the sign is its worst kind's marker shape; more than one kind, and a second outline stands behind
        const worst = ['error', 'warning', 'info', 'ok'].find((t) => g.kinds.split(' ').includes(t))!;
        expect(g.shape, where).toBe({ error: 'cross', warning: 'triangle', info: 'diamond', ok: 'square' }[worst]);
        expect(g.stacked, where).toBe(g.kinds.includes(' '));
      }
      // "999+", the widest count, fits the room a four-character count gets (TimelineView GROUP_CHAR, 7.2 px at 16 px)
      expect(m.widest).toBeGreaterThan(0);
      expect(m.widest).toBeLessThanOrEqual(4 * 7.2 * k + 4.5 * k - 1.5 * k);
      // the count is 0.625rem on the chart; in the legend's badge it is drawn as large as that, not larger
      expect(m.countPx).toBeCloseTo(0.625 * m.rem, 1);
      const chartCountH = await p.locator('[data-testid="timeline-group"] text').first().evaluate((t) => t.getBoundingClientRect().height);
      expect(Math.abs(m.legendCountPx - chartCountH)).toBeLessThanOrEqual(1);
      // the last time label stays inside the chart
      expect(m.tickOver).toBeLessThanOrEqual(0);
      const vs = await axeViolations(p);
      expect(vs, describeViolations(vs)).toEqual([]);
      // nothing scrolls sideways at this size
      expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
      await e.shot(shot);
      await p.getByTestId('timeline-chart').locator('svg.lanes-chart').screenshot({ path: join(TEST_RESULTS, `${shot}-lanes.png`) });
    });

    if (name === 'large-text-20')
      it('exports a picture whose title, legend rows and swatches follow the text size', async () => {
        const p = e.page;
        await p.evaluate(() => window.scrollTo(0, 0));
        await p.getByRole('button', { name: 'Export SVG…' }).click();
        const status = p.getByTestId('export-status');
        await expect(status.textContent()).resolves.toMatch(/\.svg$/);
        const svg = readFileSync((await status.textContent())!.replace('Timeline saved to ', ''), 'utf8');
        // the title line: 13 px at 16 px, so 16.25 px at 20 px; the swatches keep their on-screen scale
        expect(svg).toMatch(/font-size:16\.25px;font-weight:600/);
        expect(svg).toMatch(/translate\(\d+ \d+\) scale\(1\.25\)/);
        expect(svg).toContain('>events of several kinds: the worst one’s sign, an outline behind</text>');
        // the chart's own marker outlines are the scaled ones drawn on screen
        const onScreen = await p.locator('[data-testid="timeline-marker"] path').first().getAttribute('d');
        expect(svg).toContain(`d="${onScreen}"`);
        await p.getByRole('button', { name: 'Export PNG…' }).click();
        await expect(status.textContent()).resolves.toMatch(/\.png$/);
        writeFileSync(join(TEST_RESULTS, 'timeline-legend-large-text.png'), readFileSync((await status.textContent())!.replace('Timeline saved to ', '')));
      });
  });
}

describe('the sizes compared', () => {
  const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(0.6);

  it('markers, badges, brush, density strip and legend swatches grow with the root font size', () => {
    const base = seen.default!;
    expect(base).toBeDefined();
    for (const n of ['large-text-20', 'large-text-24'] as const) {
      const m = seen[n]!;
      const k = m.rem / base.rem;
      const shapes = Object.keys(base.markers).filter((s) => m.markers[s]);
      expect(shapes.length).toBeGreaterThan(0);
      for (const s of shapes) {
        near(m.markers[s].w, base.markers[s].w * k, `${n} ${s} marker width`);
        near(m.markers[s].h, base.markers[s].h * k, `${n} ${s} marker height`);
      }
      near(m.groups[0].badge.h, base.groups[0].badge.h * k, `${n} badge height`);
      near(m.brushHandle.h, base.brushHandle.h * k, `${n} brush handle`);
      near(m.brushH, base.brushH * k, `${n} brush`);
      near(m.densityH, base.densityH * k, `${n} density strip`);
      near(m.laneH, base.laneH * k, `${n} lane`);
      expect(m.swatches.length).toBe(base.swatches.length);
      m.swatches.forEach((s, i) => near(s.h, base.swatches[i].h * k, `${n} legend swatch ${i}`));
    }
  });

  it('at 200 % zoom everything keeps its CSS size (twice the screen pixels)', () => {
    const base = seen.default!;
    const z = seen['zoom-200']!;
    for (const s of Object.keys(base.markers).filter((x) => z.markers[x])) near(z.markers[s].w, base.markers[s].w, `zoom ${s} marker`);
    near(z.groups[0].badge.h, base.groups[0].badge.h, 'zoom badge');
    near(z.brushH, base.brushH, 'zoom brush');
    near(z.densityH, base.densityH, 'zoom density strip');
  });
});
