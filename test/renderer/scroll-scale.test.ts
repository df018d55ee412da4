import { describe, expect, it } from 'vitest';
import { MAX_LIST_PX, scrollScale } from '../../src/renderer/util/scroll-scale';

describe('scrollScale (lists taller than the browser lays out)', () => {
  it('is 1 up to the cap, so ordinary lists scroll pixel for pixel', () => {
    expect(scrollScale(0, 800)).toBe(1);
    expect(scrollScale(MAX_LIST_PX, 800)).toBe(1);
  });

  it('past the cap, the end of the scroll range is the end of the rows', () => {
    const total = 3_165_483 * 24; // the 500 MB verbose waagent.log's records
    const viewport = 800;
    const s = scrollScale(total, viewport);
    expect(s).toBeGreaterThan(4);
    // scrollTop at its maximum (content MAX_LIST_PX tall) maps to the last viewport of rows
    expect((MAX_LIST_PX - viewport) * s).toBeCloseTo(total - viewport, 3);
  });
});
