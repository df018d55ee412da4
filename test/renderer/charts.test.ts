import { describe, expect, it } from 'vitest';
import { perHour, taskPoints } from '../../src/renderer/components/Charts';
import { buildResult } from './fixtures/analysis';

describe('chart data', () => {
  it('task durations over time, the failed task apart', () => {
    const { ok, failed } = taskPoints(buildResult());
    expect(ok).toHaveLength(4);
    expect(failed).toHaveLength(1);
    expect(failed[0].label).toMatch(/failed \(122\)/);
    expect(ok.every((p) => p.minutes > 0)).toBe(true);
  });

  it('counts per hour with empty hours kept, every series a column', () => {
    const h = Date.parse('2026-11-19T22:00:00Z');
    const rows = perHour([
      { name: 'a', times: [h + 60_000, h + 120_000, h + 3 * 3_600_000] },
      { name: 'b', times: [h + 3_600_000 + 5, NaN] },
    ]);
    expect(rows).toEqual([
      { hour: h, a: 2, b: 0 },
      { hour: h + 3_600_000, a: 0, b: 1 },
      { hour: h + 2 * 3_600_000, a: 0, b: 0 },
      { hour: h + 3 * 3_600_000, a: 1, b: 0 },
    ]);
    expect(perHour([{ name: 'a', times: [] }])).toEqual([]);
  });

  it('a month of records is binned coarser (at most ~240 bars)', () => {
    const h = Date.parse('2026-11-01T00:00:00Z');
    const rows = perHour([{ name: 'a', times: [h, h + 30 * 86_400_000] }]);
    expect(rows.length).toBeLessThanOrEqual(241);
    expect(rows.reduce((n, r) => n + (r.a as number), 0)).toBe(2);
  });
});
