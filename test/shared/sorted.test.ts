// The one binary search of ascending arrays, against a plain walk on random arrays with repeats and edges.
import { describe, expect, it } from 'vitest';
import { anyIn, anyWithin, firstAfter, firstIndexAfter, firstIndexAtOrAfter, gallopIndex, lastAtOrBefore } from '../../src/shared/sorted';

/** A small deterministic generator (so a failure can be replayed). */
function* arrays(): Generator<number[]> {
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let n = 0; n < 300; n++) {
    const len = next() % 12;
    yield Array.from({ length: len }, () => next() % 10).sort((a, b) => a - b);
  }
}

describe('sorted-array search', () => {
  it('agrees with a walk for every value and range around the array', () => {
    for (const arr of arrays()) {
      for (let x = -1; x <= 11; x++) {
        expect(firstAfter(arr, x), `${arr} > ${x}`).toBe(arr.findIndex((v) => v > x) === -1 ? arr.length : arr.findIndex((v) => v > x));
        expect(firstAfter(arr, x, true), `${arr} >= ${x}`).toBe(arr.findIndex((v) => v >= x) === -1 ? arr.length : arr.findIndex((v) => v >= x));
        expect(firstIndexAtOrAfter((k) => arr[k], x, 0, arr.length)).toBe(firstAfter(arr, x, true));
        expect(firstIndexAfter((k) => arr[k], x, 0, arr.length)).toBe(firstAfter(arr, x));
        if (arr.length) {
          const last = arr.findLastIndex((v) => v <= x);
          expect(lastAtOrBefore(arr, x), `${arr} <= ${x}`).toBe(Math.max(0, last));
        }
        for (let to = x; to <= 12; to++) {
          expect(anyIn(arr, x, to), `${arr} in [${x}, ${to})`).toBe(arr.some((v) => v >= x && v < to));
          expect(anyWithin(arr, x, to), `${arr} in [${x}, ${to}]`).toBe(arr.some((v) => v >= x && v <= to));
        }
      }
    }
  });

  it('searches only the part asked for', () => {
    const arr = [1, 3, 3, 5, 8];
    expect(firstIndexAtOrAfter((k) => arr[k], 3, 3, 5)).toBe(3);
    expect(firstIndexAtOrAfter((k) => arr[k], 9, 1, 4)).toBe(4);
    expect(firstIndexAfter((k) => arr[k], 3, 1, 5)).toBe(3);
    expect(firstIndexAfter((k) => arr[k], 0, 2, 4)).toBe(2);
    expect(anyIn(undefined, 0, 10)).toBe(false);
    expect(anyIn(new Float64Array([2, 4]), 3, 4)).toBe(false);
  });

  it('gallops from any start before the answer to the same index as the whole-range search', () => {
    let long = 0;
    for (const base of arrays()) {
      // longer arrays too, so the gallop takes several steps
      const arr = base.flatMap((v) => [v, v, v, v, v]);
      long = Math.max(long, arr.length);
      for (let x = -1; x <= 10; x += 0.5) {
        for (const orAt of [true, false]) {
          const want = orAt ? firstIndexAtOrAfter((k) => arr[k], x, 0, arr.length) : firstIndexAfter((k) => arr[k], x, 0, arr.length);
          for (let lo = 0; lo <= want; lo++) expect(gallopIndex((k) => arr[k], x, lo, arr.length, orAt)).toBe(want);
        }
      }
    }
    expect(long).toBeGreaterThan(40);
  });
});
