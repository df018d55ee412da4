/**
 * One numeric column of the record store, kept in fixed-size typed-array pages. A growing store never
 * copies what it holds and never has a half-empty array on top: a doubling array of 3 M records peaks
 * at old + new = 3 × the data while it grows, which for a 500 MB log was most of the process' memory.
 */

const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

type Typed = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export class PagedColumn<A extends Typed> {
  private readonly pages: A[] = [];

  constructor(private readonly newPage: (size: number) => A) {}

  get(i: number): number {
    return this.pages[i >>> PAGE_BITS][i & PAGE_MASK];
  }

  /** Sets record `i` (small, so that it is inlined where records are added; a new page is the rare path). */
  set(i: number, v: number): void {
    const page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) this.setInNewPage(i, v);
    else page[i & PAGE_MASK] = v;
  }

  private setInNewPage(i: number, v: number): void {
    while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(this.newPage(PAGE_SIZE));
    this.pages[i >>> PAGE_BITS][i & PAGE_MASK] = v;
  }

  /**
   * Calls `fn(page, base, m)` for each page of values [0, n) in order: values `base` … `base + m - 1` are `page[0]` …
   * `page[m - 1]` (a pass over millions of values reads a typed array, not a page lookup per value).
   */
  eachPage(n: number, fn: (page: A, base: number, m: number) => void): void {
    for (let base = 0; base < n; base += PAGE_SIZE) fn(this.pageOf(base), base, Math.min(PAGE_SIZE, n - base));
  }

  /** The page holding record `i`, allocated (with those before it) when missing: for a writer of many records. */
  pageOf(i: number): A {
    while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(this.newPage(PAGE_SIZE));
    return this.pages[i >>> PAGE_BITS];
  }

  /** Values [0, n) in one array of their type, page by page (a parse worker's columns, for transfer; `to`: where). */
  copyOut(n: number, to?: { alloc<T extends Typed>(like: T, n: number): T }): A {
    const out = to ? to.alloc(this.pages[0] ?? this.newPage(0), n) : this.newPage(n);
    for (let p = 0; p << PAGE_BITS < n; p++) {
      const page = this.pages[p];
      const from = p << PAGE_BITS;
      if (page) out.set(page.subarray(0, Math.min(PAGE_SIZE, n - from)) as never, from);
    }
    return out;
  }

  /** `src` written from `start` on, page by page (what `copyOut` gave, merged into another column). */
  copyIn(start: number, src: Typed): void {
    if (src.length === 0) return;
    this.set(start + src.length - 1, this.get0(start + src.length - 1));
    for (let k = 0; k < src.length; ) {
      const i = start + k;
      const page = this.pages[i >>> PAGE_BITS];
      const at = i & PAGE_MASK;
      const m = Math.min(PAGE_SIZE - at, src.length - k);
      page.set(src.subarray(k, k + m) as never, at);
      k += m;
    }
  }

  /** The value at `i`, 0 where its page does not exist yet. */
  private get0(i: number): number {
    const page = this.pages[i >>> PAGE_BITS];
    return page === undefined ? 0 : page[i & PAGE_MASK];
  }
}

/**
 * A column whose values are mostly zero (a waagent.log's records have no thread, no extension, a UTC zone, and
 * offsets under 4 GiB): a page is allocated only when a non-zero value is written to it. A missing page reads 0.
 */
export class SparseColumn<A extends Typed> {
  private readonly pages: (A | undefined)[] = [];

  constructor(private readonly newPage: (size: number) => A) {}

  get(i: number): number {
    const page = this.pages[i >>> PAGE_BITS];
    return page === undefined ? 0 : page[i & PAGE_MASK];
  }

  set(i: number, v: number): void {
    const page = this.pages[i >>> PAGE_BITS];
    if (page !== undefined) page[i & PAGE_MASK] = v;
    else if (v !== 0) this.setInNewPage(i, v);
  }

  /** Whether record `i`'s page exists (a 0 written to it is then stored). */
  hasPage(i: number): boolean {
    return this.pages[i >>> PAGE_BITS] !== undefined;
  }

  /**
   * Records [start, start + n) set to `src[k]` (or `map[src[k]]`) a page at a time, as `set` would one by one: a page
   * still missing is allocated at its first value other than 0.
   */
  setRange(start: number, src: ArrayLike<number>, n: number, map?: ArrayLike<number>): void {
    for (let k = 0; k < n; ) {
      const i = start + k;
      const p = i >>> PAGE_BITS;
      const m = Math.min(PAGE_SIZE - (i & PAGE_MASK), n - k);
      let page = this.pages[p];
      for (let j = 0, at = i & PAGE_MASK; j < m; j++, at++) {
        const v = map ? map[src[k + j]] : src[k + j];
        if (page !== undefined) page[at] = v;
        else if (v !== 0) {
          this.setInNewPage(i + j, v);
          page = this.pages[p];
        }
      }
      k += m;
    }
  }

  private setInNewPage(i: number, v: number): void {
    // holes as explicit undefined: the list stays a packed array of pages
    while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(undefined);
    const page = (this.pages[i >>> PAGE_BITS] = this.newPage(PAGE_SIZE));
    page[i & PAGE_MASK] = v;
  }
}

/**
 * A column of small values in narrow pages (8 or 16 bits) with the rare larger value kept aside: a record's line
 * count, byte length and file id nearly always fit, and 3 M records × 4 bytes of the wide type were ~12 MB each.
 */
export class NarrowColumn {
  private readonly col: PagedColumn<Typed>;
  private readonly max: number;
  /** Values ≥ `max` by record (the narrow slot holds `max`). */
  private readonly wide = new Map<number, number>();
  /** The highest record ever kept in `wide` (-1: none). */
  private top = -1;

  constructor(bits: 8 | 16) {
    this.max = bits === 8 ? 0xff : 0xffff;
    this.col = new PagedColumn<Typed>(bits === 8 ? (n) => new Uint8Array(n) : (n) => new Uint16Array(n));
  }

  get(i: number): number {
    const v = this.col.get(i);
    return v === this.max ? this.wide.get(i)! : v;
  }

  set(i: number, v: number): void {
    if (v >= this.max) {
      this.col.set(i, this.max);
      this.wide.set(i, v);
      if (i > this.top) this.top = i;
    } else {
      if (this.wide.size !== 0) this.wide.delete(i);
      this.col.set(i, v);
    }
  }

  /** Records [start, start + n) set to `src[k]`, as `set` would one by one, a page at a time. */
  setRange(start: number, src: ArrayLike<number>, n: number): void {
    const { max, wide } = this;
    // (a record past every wide one is in no entry to delete: records are appended)
    const stale = wide.size !== 0 && start <= this.top;
    for (let k = 0; k < n; ) {
      const i = start + k;
      const page = this.col.pageOf(i);
      const m = Math.min(PAGE_SIZE - (i & PAGE_MASK), n - k);
      for (let j = 0, at = i & PAGE_MASK; j < m; j++, at++) {
        const v = src[k + j];
        if (v < max) {
          page[at] = v;
          if (stale) wide.delete(i + j);
        } else {
          page[at] = max;
          wide.set(i + j, v);
          if (i + j > this.top) this.top = i + j;
        }
      }
      k += m;
    }
  }
}

/** Byte offsets: the low 32 bits in a column, the high bits sparse (a file under 4 GiB allocates none): 4 bytes a record, not 8. */
export class OffsetColumn {
  private readonly low = new PagedColumn((n) => new Uint32Array(n));
  private readonly high = new SparseColumn((n) => new Uint16Array(n));

  get(i: number): number {
    return this.low.get(i) + this.high.get(i) * 0x100000000;
  }

  set(i: number, v: number): void {
    this.low.set(i, v >>> 0);
    this.high.set(i, Math.floor(v / 0x100000000));
  }

  /** Records [start, start + n) set to `src[k] + add`, as `set` would one by one, a page at a time. */
  setRange(start: number, src: ArrayLike<number>, n: number, add: number): void {
    for (let k = 0; k < n; ) {
      const i = start + k;
      const page = this.low.pageOf(i);
      const m = Math.min(PAGE_SIZE - (i & PAGE_MASK), n - k);
      let high = this.high.hasPage(i);
      for (let j = 0, at = i & PAGE_MASK; j < m; j++, at++) {
        const v = src[k + j] + add;
        page[at] = v >>> 0;
        if (high || v > 0xffffffff || v < 0) {
          this.high.set(i + j, Math.floor(v / 0x100000000));
          high = true;
        }
      }
      k += m;
    }
  }
}

/**
 * A column of values that lie close together within a page (a log's times, a file's line numbers, the records
 * facts were read from): each page keeps the first integer written to it as its base and the values as offsets
 * from it, 4 bytes a time instead of 8 and 2 bytes a uint instead of 4. A value that does not fit turns its page
 * into a wide page, what the column was before: a time's a Float64Array (a fraction, -0, ±Infinity, or a page of
 * records spanning more than ±24 days), a uint's a Uint32Array (a second file's lines, a page spanning more than
 * 65,536 lines or records). A time's NaN (a record without one) has a code of its own. Every value reads back as
 * it did from the wide column.
 */
export class BasedColumn {
  private readonly small: (Int32Array | Uint16Array | undefined)[] = [];
  private readonly wide: (Float64Array | Uint32Array | undefined)[] = [];
  /** Per page its base (NaN until the page gets an integer). */
  private readonly bases: number[] = [];
  /** Offsets from the base lie in [min, max]; `nan` is NaN's code (outside that range; none for lines). */
  private readonly min: number;
  private readonly max: number;
  private readonly nan: number;

  constructor(private readonly of: 'time' | 'uint') {
    this.min = of === 'uint' ? 0 : -0x7fffffff;
    this.max = of === 'uint' ? 0xffff : 0x7fffffff;
    this.nan = of === 'uint' ? -1 : -0x80000000;
  }

  get(i: number): number {
    const p = i >>> PAGE_BITS;
    const w = this.wide[p];
    if (w !== undefined) return w[i & PAGE_MASK];
    const o = this.small[p]![i & PAGE_MASK];
    return o === this.nan ? NaN : this.bases[p] + o;
  }

  set(i: number, v: number): void {
    const p = i >>> PAGE_BITS;
    if (p >= this.small.length) this.addPages(p);
    const w = this.wide[p];
    if (w !== undefined) {
      w[i & PAGE_MASK] = v;
      return;
    }
    const page = this.small[p]!;
    const o = v - this.bases[p];
    // an integer offset in range (a NaN base or value fails the comparisons), and not -0 (base + 0 reads +0)
    if (o >= this.min && o <= this.max && (o | 0) === o && (v !== 0 || 1 / v > 0)) page[i & PAGE_MASK] = o;
    else if (v !== v && this.of === 'time') page[i & PAGE_MASK] = this.nan;
    else if (this.bases[p] !== this.bases[p] && (this.of === 'uint' ? v >>> 0 === v : Number.isInteger(v) && Math.abs(v) < 2 ** 52 && (v !== 0 || 1 / v > 0))) {
      // the page's first integer is its base (under 2^52: base ± an offset, and their difference, are exact)
      this.bases[p] = v;
      page[i & PAGE_MASK] = 0;
    } else this.widen(p, i, v);
  }

  /**
   * Records [start, start + n) set to `src[k]` (plus `add` when given), as `set` would one by one: a page's offsets
   * written in a loop of their own while they fit, `set` taking each value that does not (a page's first, a NaN time,
   * one that widens the page).
   */
  setRange(start: number, src: ArrayLike<number>, n: number, add?: number): void {
    for (let k = 0; k < n; ) {
      const i = start + k;
      const p = i >>> PAGE_BITS;
      if (p >= this.small.length) this.addPages(p);
      const m = Math.min(PAGE_SIZE - (i & PAGE_MASK), n - k);
      let small = this.small[p];
      let wide = this.wide[p];
      let base = this.bases[p];
      for (let j = 0, at = i & PAGE_MASK; j < m; j++, at++) {
        const v = add === undefined ? src[k + j] : src[k + j] + add;
        if (wide !== undefined) {
          wide[at] = v;
          continue;
        }
        const o = v - base;
        if (o >= this.min && o <= this.max && (o | 0) === o && (v !== 0 || 1 / v > 0)) {
          small![at] = o;
          continue;
        }
        this.set(i + j, v);
        small = this.small[p];
        wide = this.wide[p];
        base = this.bases[p];
      }
      k += m;
    }
  }

  /**
   * Values [from, from + m) of one page (they may not cross a page's end) into `out[0, m)`, each as `get` reads it: a
   * pass over every record reads a page's offsets in a loop of its own, not a page lookup a value.
   */
  readPage(from: number, m: number, out: Float64Array): void {
    const p = from >>> PAGE_BITS;
    const at = from & PAGE_MASK;
    const w = this.wide[p];
    if (w !== undefined) {
      for (let k = 0; k < m; k++) out[k] = w[at + k];
      return;
    }
    const page = this.small[p]!;
    const base = this.bases[p];
    const nan = this.nan;
    for (let k = 0; k < m; k++) {
      const o = page[at + k];
      out[k] = o === nan ? NaN : base + o;
    }
  }

  private addPages(p: number): void {
    while (this.small.length <= p) {
      const page = this.of === 'uint' ? new Uint16Array(PAGE_SIZE) : new Int32Array(PAGE_SIZE).fill(this.nan);
      this.small.push(page);
      this.wide.push(undefined);
      this.bases.push(NaN);
    }
  }

  /** Page `p` as a wide page (its offsets decoded), then record `i` set to `v`. */
  private widen(p: number, i: number, v: number): void {
    const page = this.small[p]!;
    const base = this.bases[p];
    const w = this.of === 'uint' ? new Uint32Array(PAGE_SIZE) : new Float64Array(PAGE_SIZE);
    // (a line page without a base holds only zeros: the Uint32Array's own)
    if (base === base) for (let k = 0; k < PAGE_SIZE; k++) w[k] = page[k] === this.nan ? NaN : base + page[k];
    else if (this.of === 'time') w.fill(NaN);
    w[i & PAGE_MASK] = v;
    this.wide[p] = w;
    this.small[p] = undefined;
  }
}

/**
 * A column of small ids (a record's file, its source) in pages as narrow as their values: a page holds no array
 * while every record in it has the same value (a page of 65,536 records is nearly always one file's), then 8 bits
 * a record, widened to 16 and 32 bits when a larger value is written to it. For the 2.3 M records of a 500 MB log:
 * ~0 bytes of file ids instead of 4.6 MB, 2.3 MB of sources instead of 4.6 MB. Values are uint32; every one reads
 * back as written, whatever the order of the writes.
 */
export class NarrowPageColumn {
  private readonly pages: (Uint8Array | Uint16Array | Uint32Array | undefined)[] = [];
  /** Per page the value of all its records while it has no array (NaN: nothing written yet). */
  private readonly same: number[] = [];

  get(i: number): number {
    const p = i >>> PAGE_BITS;
    const page = this.pages[p];
    return page === undefined ? this.same[p] : page[i & PAGE_MASK];
  }

  set(i: number, v: number): void {
    const p = i >>> PAGE_BITS;
    const page = this.pages[p];
    if (page !== undefined && v <= maxOf(page)) page[i & PAGE_MASK] = v;
    else if (page === undefined && this.same[p] === v) return;
    else this.setSlow(p, i, v);
  }

  /** Records [start, start + n) set to `v`, as `set` would one by one: a page that holds `v` alone is passed over. */
  fill(start: number, n: number, v: number): void {
    for (let k = 0; k < n; ) {
      const i = start + k;
      const p = i >>> PAGE_BITS;
      const m = Math.min(PAGE_SIZE - (i & PAGE_MASK), n - k);
      for (let j = 0; j < m; j++) {
        if (this.pages[p] === undefined && this.same[p] === v) break;
        this.set(i + j, v);
      }
      k += m;
    }
  }

  /** Records [start, start + n) set to `map[src[k]]`, as `set` would one by one, a page at a time. */
  setRange(start: number, src: ArrayLike<number>, n: number, map: ArrayLike<number>): void {
    for (let k = 0; k < n; ) {
      const i = start + k;
      const p = i >>> PAGE_BITS;
      const m = Math.min(PAGE_SIZE - (i & PAGE_MASK), n - k);
      let page = this.pages[p];
      let max = page === undefined ? 0 : maxOf(page);
      for (let j = 0, at = i & PAGE_MASK; j < m; j++, at++) {
        const v = map[src[k + j]];
        if (page !== undefined ? v <= max : this.same[p] === v) {
          if (page !== undefined) page[at] = v;
          continue;
        }
        this.set(i + j, v);
        page = this.pages[p];
        max = page === undefined ? 0 : maxOf(page);
      }
      k += m;
    }
  }

  private setSlow(p: number, i: number, v: number): void {
    while (this.same.length <= p) {
      this.same.push(NaN);
      this.pages.push(undefined);
    }
    const page = this.pages[p];
    if (page === undefined && this.same[p] !== this.same[p]) {
      this.same[p] = v; // the page's first value
      return;
    }
    // a second value in a page without an array, or a value too wide for the page's array
    const wide = Math.max(v, page === undefined ? this.same[p] : maxOf(page));
    const next = wide <= 0xff ? new Uint8Array(PAGE_SIZE) : wide <= 0xffff ? new Uint16Array(PAGE_SIZE) : new Uint32Array(PAGE_SIZE);
    if (page === undefined) next.fill(this.same[p]);
    else next.set(page);
    next[i & PAGE_MASK] = v;
    this.pages[p] = next;
  }
}

function maxOf(page: Uint8Array | Uint16Array | Uint32Array): number {
  return page.BYTES_PER_ELEMENT === 1 ? 0xff : page.BYTES_PER_ELEMENT === 2 ? 0xffff : 0xffffffff;
}
