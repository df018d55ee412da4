/**
 * Which element (React key) shows each row of a virtualised list's window: `keys[j]` is the key of row `first + j`.
 * `next` is the first key never handed out.
 */
export interface RowSlots {
  first: number;
  keys: readonly number[];
  next: number;
}

/**
 * The keys for the window `first`..`first + count - 1`, given the last committed window `prev`.
 *
 * A row that stays in the window keeps its key, and a row scrolled in gets a new one: a scroll adds the rows it brings
 * and moves none. A jump to a window that shares no row with the last one (a scrollbar drag: thousands of rows a frame)
 * hands the last window's keys to the new rows in the order they stand, so each element shows another row by swapping its
 * text and attributes, and none is created, removed or moved: a drag frame writes text into the rows on screen instead of
 * building them (and their layout objects) again. `keepOut(index)` names a last-window row whose element must not show
 * another row (it holds the focus, or its height was measured): its key goes with it.
 */
export function rowSlots(prev: RowSlots | null, first: number, count: number, keepOut: (index: number) => boolean = () => false): RowSlots {
  let next = prev?.next ?? 0;
  const keys = new Array<number>(count);
  const overlaps = !!prev && prev.keys.length > 0 && first < prev.first + prev.keys.length && prev.first < first + count;
  if (prev && overlaps) {
    for (let j = 0; j < count; j++) {
      const p = first + j - prev.first;
      keys[j] = p >= 0 && p < prev.keys.length ? prev.keys[p] : next++;
    }
    return { first, keys, next };
  }
  let k = 0;
  for (let j = 0; j < count; j++) {
    while (prev && k < prev.keys.length && keepOut(prev.first + k)) k++;
    keys[j] = prev && k < prev.keys.length ? prev.keys[k++] : next++;
  }
  return { first, keys, next };
}
