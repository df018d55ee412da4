import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';
import { ROOT } from '../helpers/paths';

/**
 * The timeline tells what happened (issue 21, point 5, and the export of point 10), on the sample bundle and on
 * a public case whose bundle has only waagent.log (test/cases/neg-waagent-2960-…), in the light and dark theme:
 * labelled phases, neighbours and failure told apart by lightness and hatching, grouped markers, an empty lane
 * that says why, the phases-per-task table, SVG/PNG export, axe-core clean throughout.
 */
const AGENT_ONLY_CASE = join(ROOT, 'test', 'cases', 'neg-waagent-2960-transient-goal-state-error-recovered', 'files');

for (const scheme of ['light', 'dark'] as const) {
  const suffix = scheme === 'light' ? '' : '-dark';
  describe(`timeline, ${scheme} theme`, () => {
    let e: E2E;
    beforeAll(async () => {
      e = await startE2E({ width: 1366, height: 860, colorScheme: scheme });
      await e.page.getByRole('button', { name: 'Open sample' }).click();
      await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
      await e.page.getByRole('tab', { name: 'Timeline' }).click();
      await e.page.getByTestId('timeline-chart').waitFor();
    });
    afterAll(async () => {
      await e?.close();
    });
    const clean = async (what: string) => {
      const vs = await axeViolations(e.page);
      expect(vs, `${what} (${scheme}):\n${describeViolations(vs)}`).toEqual([]);
    };

    it('the failed task: phases named on the bars, told apart by lightness, "Show in logs" on the failing line', async () => {
      const p = e.page;
      // It opens zoomed on the failed task (its daily neighbours are a day away): the phases are named on the
      // bars without a click on "Zoom".
      await expect(p.getByRole('button', { name: 'Reset zoom' }).isEnabled()).resolves.toBe(true);
      const labels = await p.getByTestId('segment-label').allTextContents();
      expect(labels).toContain('freeze: timed out');
      await clean('opened on the failed task');
      await e.shot(`timeline-failed-task${suffix}`);
      // The bars too short for a word (enable: 2.4 s of 4 minutes) say it in their title.
      const titles = await p.locator('[data-testid="timeline-segment"][class*="phase-"] > title').allTextContents();
      expect(titles.some((t) => t.startsWith('enable: ok · '))).toBe(true);
      // Drawn colours, as the theme computed them: each bar of the failed task against the next, WCAG ratio.
      const ratios = await p.evaluate(() => {
        const lum = (rgb: string) => {
          const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
          const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const bars = [...document.querySelectorAll<SVGGElement>('[data-testid="timeline-segment"][class*="phase-"]')]
          .filter((g) => g.getAttribute('data-task') === document.querySelector('[data-testid="timeline-segment"].tone-error')?.getAttribute('data-task'))
          .map((g) => g.querySelector('rect')!)
          .filter((r) => getComputedStyle(r).fill !== getComputedStyle(document.querySelector('.chart-box')!).backgroundColor && !r.closest('.tl-neutral'))
          .sort((a, b) => Number(a.getAttribute('x')) - Number(b.getAttribute('x')));
        const out: number[] = [];
        for (let i = 1; i < bars.length; i++) {
          const [x, y] = [lum(getComputedStyle(bars[i - 1]).fill), lum(getComputedStyle(bars[i]).fill)];
          out.push((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05));
        }
        return out;
      });
      expect(ratios.length).toBeGreaterThan(0);
      for (const r of ratios) expect(r).toBeGreaterThanOrEqual(3);

      await p.locator('[data-testid="timeline-segment"].phase-freeze.tone-error').click();
      const panel = p.getByRole('complementary', { name: 'Details' });
      await expect(panel.textContent()).resolves.toContain('Snapshot task #15');
      // The task's records, each once.
      const lines = await panel.getByTestId('evidence-line').allTextContents();
      expect(lines.length).toBeGreaterThan(3);
      expect(new Set(lines).size).toBe(lines.length);
      await clean('failed task with details');
      await e.shot(`timeline-task-details${suffix}`);

      await panel.getByRole('button', { name: 'Show in logs' }).click();
      const hl = p.locator('[data-testid="log-row"][data-highlighted="true"]');
      await hl.waitFor({ timeout: 20_000 });
      await expect(hl.textContent()).resolves.toMatch(/freeze|timed out|timeout/i);
      await p.getByRole('tab', { name: 'Timeline' }).click();
      await p.getByTestId('timeline-chart').waitFor();
    });

    it('"Compare with last success" from the failed task\'s details and the diagnosis; the first task has none and says why', async () => {
      const p = e.page;
      await p.locator('[data-testid="timeline-segment"].phase-freeze.tone-error').click();
      const panel = p.getByRole('complementary', { name: 'Details' });
      await panel.getByRole('button', { name: 'Compare with last success' }).click();
      await p.getByTestId('compare-table').waitFor();
      await expect(p.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected')).resolves.toBe('true');
      await expect(p.getByTestId('compare-pick-a').locator('option:checked').textContent()).resolves.toMatch(/^#15 .* failed · code 122$/);
      await expect(p.getByTestId('compare-pick-b').locator('option:checked').textContent()).resolves.toMatch(/^#14 .* success · code 1$/);
      await expect(p.getByTestId('compare-summary').textContent()).resolves.toBe('The tasks first differ at the freeze phase: outcome differs.');
      await clean('compare from the timeline');
      await e.shot(`compare${suffix}`);

      // the sample's first task (#11) has no success before it, and no other bundle is open
      await p.getByRole('tab', { name: 'Timeline' }).click();
      await p.getByTestId('task-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await p.getByTestId('task-row').filter({ has: p.locator('td:first-child', { hasText: /^11$/ }) }).getByRole('button', { name: 'Details' }).click();
      const first = p.getByRole('complementary', { name: 'Details' }).getByRole('button', { name: 'Compare with last success' });
      await expect(first.isDisabled()).resolves.toBe(true);
      await expect(first.getAttribute('title')).resolves.toBe('No successful backup task before this one, in this bundle or another open one, to compare with.');
      await expect(p.getByTestId('compare-last-success-reason').isVisible()).resolves.toBe(true);
      await clean('compare action disabled');

      await p.getByRole('tab', { name: 'Diagnosis' }).click();
      const fromVerdict = p.getByTestId('verdict').getByRole('button', { name: 'Compare with last success' });
      await expect(fromVerdict.isEnabled()).resolves.toBe(true);
      await clean('diagnosis with the compare action');
      await fromVerdict.click();
      await expect(p.getByTestId('compare-pick-a').locator('option:checked').textContent()).resolves.toMatch(/^#15 /);
      await p.getByRole('tab', { name: 'Timeline' }).click();
      await p.getByTestId('timeline-chart').waitFor();
    });

    it('dense markers are grouped with a count; a group zooms in on its events', async () => {
      const p = e.page;
      await p.getByRole('button', { name: 'Reset zoom' }).click();
      const groups = p.getByTestId('timeline-group');
      expect(await groups.count()).toBeGreaterThan(3);
      const counts = (await groups.evaluateAll((els) => els.map((g) => Number(g.getAttribute('data-count'))))) as number[];
      expect(counts.every((n) => n > 1)).toBe(true);
      await clean('grouped markers');
      await e.shot(`timeline-grouped${suffix}`);
      const first = groups.first();
      const n = Number(await first.getAttribute('data-count'));
      await first.click();
      await p.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: `${n} events` }).waitFor();
      await expect(p.getByRole('button', { name: 'Reset zoom' }).isEnabled()).resolves.toBe(true);
      await p.getByRole('button', { name: 'Reset zoom' }).click();
    });

    it('the phases-per-task table: the failed task under the ones before it', async () => {
      const p = e.page;
      const close = p.getByRole('button', { name: 'Close details' });
      if (await close.count()) await close.click();
      const table = p.getByTestId('phase-table');
      await table.scrollIntoViewIfNeeded();
      const results = await table.getByTestId('phase-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-result')));
      expect(results).toEqual(['success', 'success', 'success', 'success', 'failed']);
      const failed = table.getByTestId('phase-row').last();
      await expect(failed.textContent()).resolves.toMatch(/✗ timed out · \d[^(]* \(\d+× the usual\)/);
      await expect(table.getByTestId('phase-usual').textContent()).resolves.toContain('Usual (median of 4 successful)');
      await clean('phases table');
      await table.screenshot({ path: join(ROOT, 'test-results', `phases-table${suffix}.png`) });
    });

    it('exports the timeline as SVG and PNG through the save dialog', async () => {
      const p = e.page;
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.getByRole('button', { name: 'Export SVG…' }).click();
      const status = p.getByTestId('export-status');
      await expect(status.textContent()).resolves.toMatch(/^Timeline saved to .*vmbackup-timeline-vm-backup-demo-01\.svg$/);
      const svgPath = (await status.textContent())!.replace('Timeline saved to ', '');
      const svg = readFileSync(svgPath, 'utf8');
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      expect(svg).toContain('tl-hatch-fail');
      expect(svg).toContain('Backup snapshots');
      expect(svg).not.toMatch(/<script|tabindex|aria-|data-testid|class=/);
      // the legend stands in the picture: every word of the on-screen one, with the hatched swatch
      expect(await p.getByTestId('timeline-legend').locator('li').count()).toBe(7);
      for (const w of ['ok (neighbouring phases alternate light and dark)', 'failed / timed out', 'unfinished', 'skipped / unknown', 'events:', 'error', 'warning', 'information', 'success', 'several events of one kind: its sign and the count (click to zoom in)', 'events of several kinds: the worst one’s sign, an outline behind'])
        expect(svg).toContain(`>${w}</text>`);
      expect(svg.match(/fill="url\(#tl-hatch-fail\)"/g)!.length).toBeGreaterThanOrEqual(2);
      const width = await p.locator('svg.lanes-chart').getAttribute('width');
      await p.getByRole('button', { name: 'Export PNG…' }).click();
      await expect(status.textContent()).resolves.toMatch(/\.png$/);
      const png = readFileSync((await status.textContent())!.replace('Timeline saved to ', ''));
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      // IHDR: drawn at twice the chart's width, sharp on a HiDPI screen.
      expect(png.readUInt32BE(16)).toBe(2 * Number(width));
      // the exported picture itself, legend included, kept with the screenshots
      writeFileSync(join(ROOT, 'test-results', `timeline-legend${suffix}.png`), png);
    });

    it('a second bundle dropped on the timeline asks first; its empty lane says why (only waagent.log, no snapshot task)', async () => {
      const p = e.page;
      // Dropped on the timeline, not on the start view: the test host takes a dropped file's name as its path.
      const files = await p.evaluateHandle((path) => {
        const dt = new DataTransfer();
        dt.items.add(new File([''], path));
        return dt;
      }, AGENT_ONLY_CASE);
      await p.dispatchEvent('[data-testid="timeline-chart"]', 'drop', { dataTransfer: files });
      const ask = p.getByRole('dialog', { name: 'Another bundle' });
      await ask.waitFor();
      await clean('second bundle dropped');
      await e.shot(`second-bundle-drop${suffix}`);
      // The sample stays open: the case opens in a tab of its own.
      await ask.getByRole('button', { name: /^Open separately/ }).click();
      await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
      await expect(p.getByTestId('bundle-tab').count()).resolves.toBe(2);
      await p.getByRole('tab', { name: 'Timeline' }).click();
      const lane = p.getByTestId('empty-lane');
      await lane.waitFor();
      await expect(lane.textContent()).resolves.toContain('No snapshot tasks in these logs');
      await expect(lane.locator('title').textContent()).resolves.toBe(
        'No snapshot tasks in these logs — The Backup extension’s log (/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log) is not in the bundle.',
      );
      await expect(p.getByTestId('phase-table').count()).resolves.toBe(0);
      await clean('empty lane');
      await e.shot(`timeline-empty-lane${suffix}`);
    });
  });
}

describe('timeline at 1024×700 with the details open', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1024, height: 700 });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await e.page.getByRole('tab', { name: 'Timeline' }).click();
    await e.page.getByTestId('timeline-chart').waitFor();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('the lanes, the details panel and the phases table fit without sideways scrolling', async () => {
    const p = e.page;
    await p.locator('[data-testid="timeline-segment"].tone-error').first().click();
    await p.getByRole('complementary', { name: 'Details' }).waitFor();
    await p.waitForTimeout(300);
    const fit = await p.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      const box = document.querySelector('[data-testid="timeline-chart"]')!.getBoundingClientRect();
      const chart = document.querySelector('svg.lanes-chart')!.getBoundingClientRect();
      const panel = document.querySelector('.side-panel')!.getBoundingClientRect();
      const ticks = [...document.querySelectorAll('svg.lanes-chart .axis > g > text[text-anchor="middle"]')].map((t) => t.getBoundingClientRect());
      const overlaps = ticks.slice(1).filter((r, i) => r.left < ticks[i].right).length;
      return { page: root.scrollWidth - root.clientWidth, chartOver: chart.right - box.right, panelRight: panel.right, vw: window.innerWidth, chartW: chart.width, ticks: ticks.length, overlaps };
    });
    expect(fit.ticks).toBeGreaterThanOrEqual(3);
    expect(fit.overlaps).toBe(0);
    expect(fit.page).toBeLessThanOrEqual(1);
    expect(fit.chartOver).toBeLessThanOrEqual(1);
    expect(fit.panelRight).toBeLessThanOrEqual(fit.vw);
    expect(fit.chartW).toBeGreaterThan(400);
    await e.shot('timeline-small-window');
  });
});
