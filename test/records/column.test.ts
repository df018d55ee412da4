import { describe, expect, it } from 'vitest';
import { BasedColumn, NarrowColumn, NarrowPageColumn, OffsetColumn, SparseColumn } from '../../src/main/records/column';

const PAGE = 1 << 16;

/** Writes `values` from record 0 on and expects each to read back the same (Object.is: NaN and -0 too). */
function roundTrip(of: 'time' | 'uint', values: number[]): void {
  const c = new BasedColumn(of);
  values.forEach((v, i) => c.set(i, v));
  const back = values.map((_, i) => c.get(i));
  values.forEach((v, i) => {
    if (!Object.is(back[i], v)) expect.fail(`record ${i}: wrote ${v}, read ${back[i]}`);
  });
  // a page read at once (from its start, and from inside it to the values' end) reads what `get` reads
  const out = new Float64Array(PAGE);
  for (let from = 0; from < values.length; from += PAGE) {
    for (const at of [from, Math.min(from + 3, values.length - 1)]) {
      const m = Math.min(from + PAGE, values.length) - at;
      c.readPage(at, m, out);
      for (let k = 0; k < m; k++) if (!Object.is(out[k], values[at + k])) expect.fail(`readPage from ${at}: record ${at + k} wrote ${values[at + k]}, read ${out[k]}`);
    }
  }
}

describe('BasedColumn', () => {
  it('keeps log times exactly, with NaN, fractions, -0, infinities and jumps beyond an offset', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const values: number[] = [];
    // a page that starts untimed, then times a second apart; a page with a year's jump in it; a page of odd values
    for (let i = 0; i < PAGE + 10; i++) values.push(i < 3 ? NaN : t0 + i * 1000);
    values.push(t0 + 365 * 86_400_000, t0, NaN, t0 - 2 ** 31, t0 + 2 ** 31 - 1);
    while (values.length < 2 * PAGE) values.push(t0 + values.length);
    values.push(0.5, -0, 0, Infinity, -Infinity, NaN, t0, 2 ** 53 + 2, -(2 ** 40));
    roundTrip('time', values);
  });

  it('keeps line numbers exactly when a second file starts inside a page and lines run past 16 bits', () => {
    const values: number[] = [];
    for (let i = 0; i < 1000; i++) values.push(i + 1);
    for (let i = 0; i < 1000; i++) values.push(i + 1); // the next file's lines: below the page's base
    for (let i = 0; values.length < PAGE + 5; i++) values.push(1 + i * 3); // a page whose lines span 3 × 65,536
    for (let i = 0; values.length < 2 * PAGE + 5; i++) values.push(70_000 + i);
    roundTrip('uint', values);
  });

  it('sets a record again (a clock shift) in a narrow and in a widened page', () => {
    const c = new BasedColumn('time');
    for (let i = 0; i < 10; i++) c.set(i, 1_000_000 + i);
    c.set(PAGE, 5);
    c.set(PAGE + 1, 5.25); // the second page is widened
    c.set(3, 1_000_000 - 3_600_000);
    c.set(PAGE, NaN);
    expect([c.get(3), c.get(4), c.get(PAGE), c.get(PAGE + 1)]).toEqual([1_000_000 - 3_600_000, 1_000_004, NaN, 5.25]);
  });
});

describe('NarrowPageColumn', () => {
  /** Writes `writes` ([record, value] in that order) and expects every record to read its last value. */
  function check(writes: [number, number][]): void {
    const c = new NarrowPageColumn();
    const want = new Map<number, number>();
    for (const [i, v] of writes) {
      c.set(i, v);
      want.set(i, v);
    }
    for (const [i, v] of want) if (c.get(i) !== v) expect.fail(`record ${i}: wrote ${v}, read ${c.get(i)}`);
  }

  it('keeps file ids and sources exactly: pages of one value, a second value, and values past 8 and 16 bits', () => {
    const writes: [number, number][] = [];
    let i = 0;
    for (; i < PAGE + 100; i++) writes.push([i, 0]); // one file over a page boundary
    for (; i < PAGE + 200; i++) writes.push([i, 1]); // the next file inside the second page
    for (; i < 2 * PAGE + 50; i++) writes.push([i, 1]);
    for (; i < 2 * PAGE + 60; i++) writes.push([i, 300]); // past 8 bits in a page of one value
    for (; i < 2 * PAGE + 70; i++) writes.push([i, 70_000]); // past 16 bits
    for (; i < 3 * PAGE + 10; i++) writes.push([i, i % 7]); // many small values
    writes.push([3 * PAGE + 10, 0xffffffff], [5 * PAGE, 9]); // the largest uint32; a page far ahead
    check(writes);
  });

  it('takes writes in any order and a record written again', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const writes: [number, number][] = [];
    for (let k = 0; k < 20_000; k++) {
      const wide = rnd(10);
      writes.push([rnd(3 * PAGE), wide < 6 ? 4 : wide < 8 ? rnd(256) : wide < 9 ? rnd(65_536) : rnd(2 ** 32)]);
    }
    check(writes);
  });
});

describe('bulk writes (a parse worker\'s batch merged column by column)', () => {
  let seed = 11;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  /** Batch lengths from starts inside a page, across one or two page boundaries, and empty ones. */
  const lengths = [3, 0, PAGE - 10, 25, 2 * PAGE + 7, 1, 40_000, PAGE];

  /**
   * Writes the same batches to two columns, one by `set` a record at a time and one by the bulk write, and expects
   * every record to read back the same (Object.is: NaN and -0 too).
   */
  function same<C extends { get(i: number): number }>(make: () => C, value: (i: number, batch: number) => number, one: (c: C, i: number, v: number) => void, bulk: (c: C, start: number, src: Float64Array) => void): void {
    const a = make();
    const b = make();
    let start = 0;
    for (const [batch, n] of lengths.entries()) {
      const src = new Float64Array(n);
      for (let k = 0; k < n; k++) src[k] = value(start + k, batch);
      for (let k = 0; k < n; k++) one(a, start + k, src[k]);
      bulk(b, start, src);
      start += n;
    }
    for (let i = 0; i < start; i++) if (!Object.is(a.get(i), b.get(i))) expect.fail(`record ${i}: one by one ${a.get(i)}, in bulk ${b.get(i)}`);
  }

  it('BasedColumn: times with NaN, fractions, -0 and jumps that widen a page; lines with a base added', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const time = (i: number) => {
      const r = rnd(1000);
      return r < 5 ? NaN : r < 7 ? t0 + i + 0.5 : r === 7 ? -0 : r === 8 ? t0 + 40 * 86_400_000 : t0 + i * 1000;
    };
    same(() => new BasedColumn('time'), time, (c, i, v) => c.set(i, v), (c, s, src) => c.setRange(s, src, src.length));
    // a line past 16 bits from its page's base turns the page wide; `add` is the range's first line
    const line = (i: number) => (rnd(5000) === 0 ? i + 200_000 : i % 90_000);
    same(() => new BasedColumn('uint'), line, (c, i, v) => c.set(i, v + 1000), (c, s, src) => c.setRange(s, src, src.length, 1000));
  });

  it('NarrowColumn, OffsetColumn: the rare value too wide for the page; offsets past 4 GiB', () => {
    for (const bits of [8, 16] as const) {
      const wide = (i: number) => (rnd(300) === 0 ? 70_000 + i : rnd(bits === 8 ? 256 : 65_536));
      same(() => new NarrowColumn(bits), wide, (c, i, v) => c.set(i, v), (c, s, src) => c.setRange(s, src, src.length));
    }
    const offset = (i: number) => (i > 3 * PAGE ? 2 ** 32 - 50_000 + i * 40 : i * 40);
    same(() => new OffsetColumn(), offset, (c, i, v) => c.set(i, v + 7), (c, s, src) => c.setRange(s, src, src.length, 7));
  });

  it('SparseColumn, NarrowPageColumn: ids mapped, pages of one value, values past 8 and 16 bits', () => {
    const map = [0, 3, 300, 70_000, 1];
    const id = (i: number) => (i < PAGE + 20 ? 1 : rnd(2000) === 0 ? rnd(5) : i > 3 * PAGE ? 4 : 0);
    same(() => new SparseColumn((n) => new Uint16Array(n)), id, (c, i, v) => c.set(i, map[v] & 0xffff), (c, s, src) => c.setRange(s, src, src.length, map.map((v) => v & 0xffff)));
    same(() => new NarrowPageColumn(), id, (c, i, v) => c.set(i, map[v]), (c, s, src) => c.setRange(s, src, src.length, map));
    // one file's id a batch: a page that two files' records share has an array, a third file's id is past 8 bits
    const file = (_: number, batch: number) => [2, 2, 5, 5, 2, 300, 300, 7][batch];
    same(() => new NarrowPageColumn(), file, (c, i, v) => c.set(i, v), (c, s, src) => c.fill(s, src.length, src[0] ?? 0));
  });
});
