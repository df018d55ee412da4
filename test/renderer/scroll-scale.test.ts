import { describe, expect, it } from 'vitest';
import { Virtualizer } from '@tanstack/virtual-core';
import { MAX_LIST_PX, readScaled, scrollScale, wheelInRows } from '../../src/renderer/util/scroll-scale';

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

describe('a wheel step on a scaled list', () => {
  const row = 24;
  const scale = scrollScale(2_723_718 * row, 900);
  /** A scroll element that keeps whole pixels, as Chromium does at a device pixel ratio of 1, up to its range. */
  const element = (max = MAX_LIST_PX - 900) => {
    let top = 0;
    let listener: ((e: unknown) => void) | null = null;
    const el = {
      get scrollTop() {
        return top;
      },
      set scrollTop(v: number) {
        top = Math.max(0, Math.min(max, Math.round(v)));
      },
      clientHeight: 900,
      addEventListener: (_: string, l: (e: unknown) => void) => (listener = l),
      removeEventListener: () => (listener = null),
    };
    const wheel = (deltaY: number, more: { deltaMode?: number; deltaX?: number; ctrlKey?: boolean } = {}) => {
      let prevented = false;
      listener?.({ deltaY, deltaX: 0, deltaMode: 0, ctrlKey: false, ...more, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { el, wheel };
  };

  it("moves the rows by the step, as an unscaled list does (the browser's scroll: scale times as far)", () => {
    const { el, wheel } = element();
    const off = wheelInRows(el as unknown as HTMLElement, () => scale, () => row);
    el.scrollTop = 300_000;
    const rows0 = (el.scrollTop * scale) / row;
    // ten 110 px steps: 1,100 rows' pixels, ~46 rows (not ~187), whatever whole pixels the element keeps
    for (let i = 0; i < 10; i++) expect(wheel(110)).toBe(true);
    expect((el.scrollTop * scale) / row - rows0).toBeCloseTo(1100 / row, 0);
    // small trackpad steps add up instead of rounding away
    const before = el.scrollTop;
    for (let i = 0; i < 40; i++) wheel(1);
    expect(el.scrollTop - before).toBeCloseTo(40 / scale, 0);
    expect(el.scrollTop).toBeGreaterThan(before);
    // a step of lines is a row each, one of pages a viewport
    const at = el.scrollTop;
    wheel(-3, { deltaMode: 1 });
    expect(((at - el.scrollTop) * scale) / row).toBeCloseTo(3, 0);
    off();
    expect(wheel(110)).toBe(false);
  });

  it('leaves the browser its own scroll where it is right: unscaled, zoom, sideways', () => {
    const { el, wheel } = element();
    let s = 1;
    wheelInRows(el as unknown as HTMLElement, () => s, () => row);
    expect(wheel(110)).toBe(false);
    expect(el.scrollTop).toBe(0);
    s = scale;
    expect(wheel(110, { ctrlKey: true })).toBe(false);
    expect(wheel(10, { deltaX: 40 })).toBe(false);
    expect(el.scrollTop).toBe(0);
  });

  it('carries no rest past an end of the list', () => {
    const { el, wheel } = element(1000);
    wheelInRows(el as unknown as HTMLElement, () => scale, () => row);
    el.scrollTop = 1000;
    for (let i = 0; i < 5; i++) wheel(500);
    expect(el.scrollTop).toBe(1000);
    // the first step back moves at once, not after the steps that could not be scrolled are undone
    wheel(-110);
    expect(el.scrollTop).toBe(Math.round(1000 - 110 / scale));
  });
});
