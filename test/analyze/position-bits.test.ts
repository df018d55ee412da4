// The one bit set of fact and record positions: what was added, counted once, and the next added position from
// any place, against a plain Set over random positions (within its first capacity and past it, where it grows).
import { describe, expect, it } from 'vitest';
import { PositionBits } from '../../src/main/analyze/facts-index';

describe('PositionBits', () => {
  it('answers has, size and nextSet as a Set of the same positions', () => {
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (const capacity of [0, 1, 40, 100, 1000]) {
      const bits = new PositionBits(capacity);
      const set = new Set<number>();
      for (let k = 0; k < 60; k++) {
        const p = next() % 300;
        bits.add(p);
        set.add(p);
      }
      expect(bits.size).toBe(set.size);
      for (let p = 0; p < 320; p++) {
        expect(bits.has(p)).toBe(set.has(p));
        for (const end of [p, p + 1, p + 33, 320]) {
          let want = p;
          while (want < end && !set.has(want)) want++;
          expect(bits.nextSet(p, end), `from ${p} to ${end}`).toBe(want);
        }
      }
    }
  });
});
