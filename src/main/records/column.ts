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
    } else {
      if (this.wide.size !== 0) this.wide.delete(i);
      this.col.set(i, v);
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
}
