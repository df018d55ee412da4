/**
 * Chromium lays out no element taller than 2^25 px (33,554,432): a list of 3 M records of 24 px
 * (a 500 MB verbose waagent.log) is 76 M px, and its last 1.6 M rows could never be scrolled to.
 * Past MAX_LIST_PX the list's content is MAX_LIST_PX tall and its scroll position is scaled:
 * the scrollbar covers every row, and a wheel step moves `scale` times as many pixels of rows.
 */
export const MAX_LIST_PX = 16_000_000;

/** Rows' pixels per scrolled pixel: 1 up to `maxPx`, then so that the end of the scroll range is the end of the rows. */
export function scrollScale(totalPx: number, viewportPx: number, maxPx = MAX_LIST_PX): number {
  if (totalPx <= maxPx) return 1;
  return Math.max(1, (totalPx - viewportPx) / Math.max(1, maxPx - viewportPx));
}
