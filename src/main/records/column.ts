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
