import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

/**
 * Issue 21 point 6, "time shown once and honestly", on the sample: its waagent.log has the old daemon's lines in
 * VM local time (+01:00, inferred from line pairs) between ExtHandler's UTC lines with milliseconds.
 */
interface Row {
  file: string;
  line: number;
  time: string;
  converted: string | null;
  text: string;
}
const rows = (p: Page): Promise<Row[]> =>
  p.$$eval('[data-testid="log-row"]', (els) =>
    els.map((el) => {
      const c = el.querySelector('.c-time');
      return { file: el.getAttribute('data-file') ?? '', line: Number(el.getAttribute('data-line')), time: c?.textContent ?? '', converted: c?.getAttribute('data-converted') ?? null, text: el.querySelector('[data-testid="log-text"]')?.textContent ?? '' };
    }),
  );
const ZONED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:Z| [+-]\d{2}:\d{2})[†*]?$/;

describe('time shown once and honestly', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ width: 1440, height: 900 });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await e.page.getByRole('tab', { name: 'Logs' }).click();
    await e.page.getByTestId('log-row').first().waitFor();
    // the first night: the daemon's local-time lines among ExtHandler's
    await e.page.getByLabel('Jump to time').fill('2026-11-15 08:00');
    await e.page.getByRole('button', { name: 'Go', exact: true }).click();
    await e.page.locator('[data-testid="log-row"][data-highlighted="true"]').waitFor();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('every time carries its zone; the raw time is not repeated in the message', async () => {
    const rs = await rows(e.page);
    expect(rs.length).toBeGreaterThan(10);
    for (const r of rs) {
      expect(r.time, `${r.file}:${r.line}`).toMatch(ZONED);
      // the message column starts after the time, level and source of the line
      expect(r.text, `${r.file}:${r.line}`).not.toMatch(/^\s*\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}/);
    }
  });

  it('a converted time is marked "VM +01:00 → UTC"; a UTC one is not', async () => {
    const p = e.page;
    const rs = await rows(p);
    const converted = rs.filter((r) => r.converted);
    expect(converted.length).toBeGreaterThan(0);
    for (const r of converted) {
      expect(r.converted).toBe('VM +01:00 → UTC');
      expect(r.time.endsWith('Z†')).toBe(true);
    }
    expect(rs.some((r) => !r.converted && r.time.endsWith('Z'))).toBe(true);
    // the detail pane: the raw line once (as written), the time once, and how it was converted
    const at = rs.indexOf(converted[0]);
    await p.getByTestId('log-row').nth(at).click();
    const detail = p.getByTestId('record-detail');
    await expect(detail.getByTestId('detail-converted').textContent()).resolves.toBe('VM +01:00 → UTC');
    const raw = (await detail.getByTestId('record-raw').textContent()) ?? '';
    // written an hour ahead of the UTC time shown
    const shown = converted[0].time.replace('†', '');
    const hourAhead = new Date(Date.parse(shown.replace(' ', 'T')) + 3_600_000).toISOString().slice(11, 19);
    expect(raw).toContain(hourAhead);
    await e.shot('time-converted');
    const vs = await axeViolations(e.page);
    expect(vs, describeViolations(vs)).toEqual([]);
  });

  it('records of one file keep their order within a second', async () => {
    const rs = await rows(e.page);
    const last = new Map<string, Row>();
    let sameSecond = 0;
    for (const r of rs) {
      const prev = last.get(r.file);
      if (prev && prev.time.slice(0, 19) === r.time.slice(0, 19)) {
        sameSecond++;
        expect(r.line, `${r.file} at ${r.time}`).toBeGreaterThan(prev.line);
      }
      last.set(r.file, r);
    }
    expect(sameSecond).toBeGreaterThan(0);
  });

  it('three modes: UTC, the engineer\'s local time and the VM\'s clock, each time with its zone', async () => {
    const p = e.page;
    await p.getByRole('button', { name: 'VM', exact: true }).click();
    await p.waitForFunction(() => /\+01:00/.test(document.querySelector('[data-testid="log-row"] .c-time')?.textContent ?? ''));
    const vm = await rows(p);
    for (const r of vm) expect(r.time).toMatch(/ \+01:00[†*]?$/);
    // now the UTC lines are the converted ones, and the VM's own lines are shown as written
    expect(vm.some((r) => r.converted === 'UTC → VM +01:00')).toBe(true);
    expect(vm.some((r) => r.file === 'var/log/waagent.log' && !r.converted)).toBe(true);
    await e.shot('time-vm');
    const vs = await axeViolations(e.page);
    expect(vs, describeViolations(vs)).toEqual([]);
    await p.getByRole('button', { name: 'Local', exact: true }).click();
    for (const r of await rows(p)) expect(r.time).toMatch(ZONED);
    await p.getByRole('button', { name: 'UTC', exact: true }).click();
    await p.waitForFunction(() => /Z†?$/.test(document.querySelector('[data-testid="log-row"] .c-time')?.textContent ?? ''));
  });
});
