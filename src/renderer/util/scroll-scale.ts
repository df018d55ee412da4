/**
 * Chromium lays out no element taller than 2^25 px (33,554,432): a list of 3 M records of 24 px
 * (a 500 MB verbose waagent.log) is 76 M px, and its last 1.6 M rows could never be scrolled to.
 * Past MAX_LIST_PX the list's content is MAX_LIST_PX tall and its scroll position is scaled:
 * the scrollbar covers every row; a wheel step still moves the rows as far as in an unscaled list (wheelInRows).
 */
export const MAX_LIST_PX = 16_000_000;

/** Rows' pixels per scrolled pixel: 1 up to `maxPx`, then so that the end of the scroll range is the end of the rows. */
export function scrollScale(totalPx: number, viewportPx: number, maxPx = MAX_LIST_PX): number {
  if (totalPx <= maxPx) return 1;
  return Math.max(1, (totalPx - viewportPx) / Math.max(1, maxPx - viewportPx));
}

/** The virtualizer's own reads of its scroll element (@tanstack/virtual-core 3.19: instance fields, not options). */
interface ElementReads {
  _elementMaxScrollOffset: () => number | null;
  _readElementOffset: () => number | null;
}
const scaled = new WeakSet<object>();

/**
 * Makes the virtualizer read its scroll element in rows' pixels, as the offsets `observeElementOffset` and
 * `scrollToFn` convert already: it also reads the element's scroll range (the farthest a scroll may go) and position
 * itself. In scaled pixels, every offset past MAX_LIST_PX read as past the end: a scroll there was an overscroll, during
 * which it writes no scroll, and a jump (scrollToIndex) stopped at the row at MAX_LIST_PX (row 666,666 of 24 px; a
 * 2.7 M-record log's line in the middle or at the end was never reached). Once per virtualizer; `scale` is read at
 * each call.
 */
export function readScaled(virtualizer: object, scale: () => number): void {
  if (scaled.has(virtualizer)) return;
  scaled.add(virtualizer);
  const v = virtualizer as unknown as ElementReads;
  const max = v._elementMaxScrollOffset;
  const read = v._readElementOffset;
  // (test/renderer/scroll-scale.test.ts fails when an upgrade moves them)
  if (typeof max !== 'function' || typeof read !== 'function') return;
  v._elementMaxScrollOffset = () => {
    const m = max();
    return m === null ? null : m * scale();
  };
  v._readElementOffset = () => {
    const o = read();
    return o === null ? null : o * scale();
  };
}

/** What a wheel listener reads of its event (a WheelEvent). */
interface Wheel {
  deltaX: number;
  deltaY: number;
  deltaMode: number;
  ctrlKey: boolean;
  preventDefault(): void;
}

/**
 * A wheel step on a scaled list scrolls its rows by the step, as an unscaled list's move: the browser's own scroll
 * moves a scaled list's rows `scale` times as far (19 rows a 110 px step on a 2.7 M-record log at scale 4.08), too
 * fast to read, and each frame renders 4× the rows an unscaled list does. Zoom (Ctrl), a sideways step and an
 * unscaled list keep the browser's scroll. A scroll position holds whole pixels at most: the fraction a step leaves
 * is carried to the next. Returns the call that removes the listener.
 */
export function wheelInRows(el: Pick<HTMLElement, 'scrollTop' | 'clientHeight' | 'addEventListener' | 'removeEventListener'>, scale: () => number, linePx: () => number): () => void {
  let carry = 0;
  const onWheel = (e: Wheel) => {
    const s = scale();
    if (s <= 1 || e.ctrlKey || e.deltaY === 0 || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
    e.preventDefault();
    // deltaMode 1: lines (a row each), 2: pages (the viewport)
    const px = e.deltaY * (e.deltaMode === 1 ? linePx() : e.deltaMode === 2 ? el.clientHeight : 1);
    const want = el.scrollTop + carry + px / s;
    el.scrollTop = want;
    const rest = want - el.scrollTop;
    // at either end the rest is what could not be scrolled, not a fraction to keep
    carry = Math.abs(rest) < 1 ? rest : 0;
  };
  const listener = onWheel as unknown as EventListener;
  el.addEventListener('wheel', listener, { passive: false });
  return () => el.removeEventListener('wheel', listener);
}
