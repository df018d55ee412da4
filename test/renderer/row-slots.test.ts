import { describe, expect, it } from 'vitest';
import { rowSlots, type RowSlots } from '../../src/renderer/util/row-slots';

/** The rows of a window and the element (key) each is shown in. */
const shown = (s: RowSlots) => s.keys.map((k, j) => [s.first + j, k]);

describe('rowSlots (which element shows which row of the log list)', () => {
  it('gives a first window new keys, one per row', () => {
    const s = rowSlots(null, 100, 4);
    expect(s.keys).toEqual([0, 1, 2, 3]);
    expect(s.next).toBe(4);
  });

  it('keeps the key of every row that stays and gives the rows a scroll brings new ones (no element moves)', () => {
    const a = rowSlots(null, 100, 5);
    const down = rowSlots(a, 102, 5);
    // rows 102–104 keep their elements; 105 and 106 are new ones, appended
    expect(shown(down)).toEqual([
      [102, 2],
      [103, 3],
      [104, 4],
      [105, 5],
      [106, 6],
    ]);
    const up = rowSlots(down, 100, 5);
    expect(shown(up)).toEqual([
      [100, 7],
      [101, 8],
      [102, 2],
      [103, 3],
      [104, 4],
    ]);
  });

  it('shows the rows of a jump past the whole window in the elements already there, in their order', () => {
    const a = rowSlots(rowSlots(null, 0, 5), 2, 5); // keys 2 3 4 5 6: the order they stand in the DOM
    const jump = rowSlots(a, 400_000, 5);
    expect(jump.keys).toEqual(a.keys);
    expect(jump.next).toBe(a.next);
    // and back: the same elements again
    expect(rowSlots(jump, 3, 5).keys).toEqual(a.keys);
  });

  it('adds keys when a jump lands on a taller window and leaves the rest when on a shorter one', () => {
    const a = rowSlots(null, 0, 3);
    expect(rowSlots(a, 1000, 5).keys).toEqual([0, 1, 2, 3, 4]);
    expect(rowSlots(a, 1000, 2).keys).toEqual([0, 1]);
  });

  it('never hands a kept-out row’s element (the focused or a measured row) to another row', () => {
    const a = rowSlots(null, 10, 4); // rows 10–13 in keys 0–3
    const jump = rowSlots(a, 5000, 4, (i) => i === 11);
    expect(jump.keys).not.toContain(1);
    expect(jump.keys).toEqual([0, 2, 3, 4]);
    // unique keys whatever is kept out
    const all = rowSlots(a, 9000, 4, () => true);
    expect(new Set(all.keys).size).toBe(4);
    expect(all.keys.some((k) => a.keys.includes(k))).toBe(false);
  });

  it('has unique keys in every window of a random walk of scrolls and jumps', () => {
    let s: RowSlots | null = null;
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 400; step++) {
      const prevFirst: number = s?.first ?? 0;
      const first = rnd(3) === 0 ? rnd(1_000_000) : Math.max(0, prevFirst + rnd(21) - 10);
      const count = 30 + rnd(30);
      const prev: RowSlots | null = s;
      s = rowSlots(prev, first, count, (i) => i % 17 === 0);
      expect(new Set(s.keys).size).toBe(count);
      // a row in both windows is in the same element
      if (prev) for (let j = 0; j < count; j++) if (first + j >= prev.first && first + j < prev.first + prev.keys.length) expect(s.keys[j]).toBe(prev.keys[first + j - prev.first]);
    }
  });
});
