import { describe, expect, it } from 'vitest';
import { Virtualizer } from '@tanstack/virtual-core';
import { MAX_LIST_PX, readScaled, scrollScale } from '../../src/renderer/util/scroll-scale';

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

describe("the virtualizer's own reads of a scaled list", () => {
  // the 430 MB verbose waagent.log of the renderer bench: 2,723,718 records of 24 px in a 900 px viewport
  const count = 2_723_718;
  const row = 24;
  const viewport = 900;
  const scale = scrollScale(count * row, viewport);
  const list = (scaled: boolean) => {
    const el = { scrollTop: 0, scrollHeight: MAX_LIST_PX, clientHeight: viewport };
    const virtualizer = new Virtualizer<Element, Element>({
      count,
      getScrollElement: () => el as unknown as Element,
      estimateSize: () => row,
      scrollToFn: () => undefined,
      observeElementRect: () => undefined,
      observeElementOffset: () => undefined,
    });
    virtualizer.scrollElement = el as unknown as Element;
    if (scaled) readScaled(virtualizer, () => scale);
    // (the range and the size are private in its types; what a scroll command is clamped to)
    const v = virtualizer as unknown as Pick<Virtualizer<Element, Element>, 'getOffsetForIndex'> & { getMaxScrollOffset(): number; getSize(): number; _readElementOffset(): number };
    return { v, el };
  };

  it('reaches a row past MAX_LIST_PX: the scroll range and position are in rows\' pixels', () => {
    const { v, el } = list(true);
    expect(v.getMaxScrollOffset()).toBeCloseTo(count * row - viewport, 0);
    // a jump to a line near the end centres its row (before: clamped at the row at MAX_LIST_PX, 666,629)
    const [offset] = v.getOffsetForIndex(2_614_035, 'center')!;
    expect(offset).toBeCloseTo(2_614_035 * row + (row - v.getSize()) / 2, 0);
    el.scrollTop = 1000;
    expect(v._readElementOffset()).toBeCloseTo(1000 * scale, 6);
  });

  it('reads them in rows\' pixels only once it is told to (the tanstack internals it relies on are still there)', () => {
    const { v } = list(false);
    expect(v.getMaxScrollOffset()).toBe(MAX_LIST_PX - viewport);
    expect(v.getOffsetForIndex(2_614_035, 'center')![0]).toBe(MAX_LIST_PX - viewport);
    readScaled(v, () => scale);
    readScaled(v, () => scale); // once: not scaled twice
    expect(v.getMaxScrollOffset()).toBeCloseTo(count * row - viewport, 0);
  });
});
