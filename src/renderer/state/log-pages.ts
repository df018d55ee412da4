import type { LogPage, LogQuery, LogRecord } from '../../shared';

/** Records per page request; the viewer never asks for all records. */
export const PAGE_SIZE = 200;

export type PageQuery = Omit<LogQuery, 'offset' | 'limit'>;

export interface LogPagesOptions {
  pageSize?: number;
  /** Pages kept in memory; the farthest from the viewport are dropped so a million-line log stays bounded. */
  maxPages?: number;
  /** Requests in flight at once; the next request is chosen when one returns, for where the viewport is *then*. */
  maxInflight?: number;
  /**
   * A jump of more than a page within this long of the last one is a scrollbar drag: its pages are asked once it has
   * rested this long (each place it passes is left before its page could come).
   */
  restMs?: number;
  /** Pages prefetched beyond the viewport in the scroll direction (one is kept behind it). */
  ahead?: number;
  /** A failed page is asked for again after this long (not in a tight loop). */
  retryMs?: number;
  /** Called when a page has arrived and is stored (before listeners are told). */
  onPage?: (page: number) => void;
}

/**
 * The log viewer's window onto one filtered query: 200-record pages fetched on demand, kept in a bounded
 * cache, prefetched around the viewport and ahead in the scroll direction (a scrollbar jump is followed to
 * where it is heading; a drag's pages are asked where it rests). Page arrivals bump `version` and notify subscribers; records keep their identity
 * while their page is held, so memoised rows do not re-render when other pages arrive.
 */
export class LogPages {
  /** Records in the list; while `counting`, the count so far (it only grows until the whole count comes). */
  total: number | null = null;
  /** A text search goes on in the worker: the pages asked are final, the total is not (asked for once). */
  counting = false;
  error: string | undefined;
  /** Bumped whenever a page arrives, is dropped or fails: what the rows show may have changed. */
  version = 0;
  /** Sources seen in the fetched records (for the filter's suggestions); only grows. */
  readonly sources = new Set<string>();
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInflight: number;
  private readonly restMs: number;
  private readonly ahead: number;
  private readonly retryMs: number;
  private readonly pages = new Map<number, LogRecord[]>();
  private readonly inflight = new Set<number>();
  private readonly failedAt = new Map<number, number>();
  private readonly listeners = new Set<() => void>();
  private first = 0;
  private last = 0;
  private dir = 1;
  private velocity = 0;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private restTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the view last jumped more than a page, and whether that jump came within `restMs` of the one before. */
  private jumpAt = -Infinity;
  private dragged = false;
  private counted = false;
  private countAsked = false;

  constructor(
    readonly key: string,
    private readonly query: PageQuery,
    private readonly fetchPage: (q: LogQuery) => Promise<LogPage>,
    private readonly opts: LogPagesOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? PAGE_SIZE;
    this.maxPages = Math.max(4, opts.maxPages ?? 120);
    this.maxInflight = Math.max(1, opts.maxInflight ?? 4);
    this.restMs = opts.restMs ?? 40;
    this.ahead = opts.ahead ?? 3;
    this.retryMs = opts.retryMs ?? 1000;
    this.pump();
  }

  /** The record at a position of the filtered list, if its page is held. */
  record(index: number): LogRecord | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  /** Pages held (for tests and diagnostics). */
  heldPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** Pages requested and not answered yet. */
  pendingPages(): number[] {
    return [...this.inflight].sort((a, b) => a - b);
  }

  /**
   * The rows on screen (with overscan) are `first`..`last`: fetch what they need first, then what the
   * scroll is heading for. Cheap to call on every scroll event.
   */
  setView(first: number, last: number): void {
    if (this.closed) return;
    const f = Math.max(0, Math.floor(first));
    const l = Math.max(f, Math.floor(last));
    const delta = f - this.first;
    if (delta !== 0) {
      this.dir = delta > 0 ? 1 : -1;
      this.velocity = delta;
      if (Math.abs(delta) > this.pageSize) {
        const now = Date.now();
        this.dragged = now - this.jumpAt < this.restMs;
        this.jumpAt = now;
      }
    }
    this.first = f;
    this.last = l;
    this.pump();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  close(): void {
    this.closed = true;
    this.listeners.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.restTimer) clearTimeout(this.restTimer);
    this.retryTimer = this.restTimer = null;
  }

  /** Pages to have, most needed first: the visible ones from the middle out, the jump target, then prefetch. */
  private wanted(): number[] {
    const ps = this.pageSize;
    const pageCount = this.total === null ? 1 : Math.ceil(this.total / ps);
    const out: number[] = [];
    const add = (p: number) => {
      if (p >= 0 && p < pageCount && !out.includes(p)) out.push(p);
    };
    if (this.total === null) {
      // The first answer tells the total; until then only the page the viewer starts on.
      add(Math.floor(this.first / ps));
      add(0);
      return out;
    }
    const a = Math.floor(this.first / ps);
    const b = Math.floor(this.last / ps);
    const mid = Math.floor((this.first + this.last) / 2 / ps);
    add(mid);
    for (let d = 1; mid - d >= a || mid + d <= b; d++) {
      if (mid + d <= b) add(mid + d);
      if (mid - d >= a) add(mid - d);
    }
    // until a jump's own pages are in, nothing else: the next frame of a drag will have moved on from any prefetch
    if (this.jumping()) return out;
    // A jump bigger than a page (a scrollbar drag) is likely to continue: fetch where the next one lands.
    if (Math.abs(this.velocity) > ps) {
      add(Math.floor((this.first + this.velocity) / ps));
      add(Math.floor((this.last + this.velocity) / ps));
    }
    const edge = this.dir > 0 ? b : a;
    for (let k = 1; k <= this.ahead; k++) add(edge + this.dir * k);
    add((this.dir > 0 ? a : b) - this.dir);
    return out;
  }

  /**
   * The view jumped more than a page and its pages are not all held: a scrollbar drag lands on new pages every frame, and
   * a page asked for one is left before it comes (a drag asked ~1 page a frame, ~3 ms of the host's CPU each).
   */
  private jumping(): boolean {
    if (this.total === null || Math.abs(this.velocity) <= this.pageSize) return false;
    for (let p = Math.floor(this.first / this.pageSize), b = Math.floor(this.last / this.pageSize); p <= b; p++) if (!this.pages.has(p)) return true;
    return false;
  }

  private pump(): void {
    if (this.closed) return;
    const now = Date.now();
    let retryIn = Infinity;
    // a drag goes on: its view's pages are asked once it rests (a first jump, e.g. to a line, is asked at once)
    if (this.dragged && this.jumping()) {
      const wait = this.jumpAt + this.restMs - now;
      if (wait > 0) {
        this.restTimer ??= setTimeout(() => {
          this.restTimer = null;
          this.pump();
        }, wait);
        return;
      }
    }
    for (const p of this.wanted()) {
      if (this.inflight.size >= this.maxInflight) break;
      if (this.pages.has(p) || this.inflight.has(p)) continue;
      const failed = this.failedAt.get(p);
      if (failed !== undefined && now - failed < this.retryMs) {
        retryIn = Math.min(retryIn, this.retryMs - (now - failed));
        continue;
      }
      this.start(p);
    }
    if (retryIn !== Infinity && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.pump();
      }, retryIn);
    }
  }

  private start(page: number): void {
    this.inflight.add(page);
    this.fetchPage({ ...this.query, offset: page * this.pageSize, limit: this.pageSize }).then(
      (p) => {
        if (this.closed) return;
        this.inflight.delete(page);
        this.failedAt.delete(page);
        this.pages.set(page, p.records);
        for (const r of p.records) if (r.source) this.sources.add(r.source);
        this.setTotal(p);
        this.error = p.error;
        this.evict();
        this.version++;
        this.opts.onPage?.(page);
        this.notify();
        this.pump();
      },
      (e: unknown) => {
        if (this.closed) return;
        this.inflight.delete(page);
        this.failedAt.set(page, Date.now());
        this.error = (e as Error)?.message ?? String(e);
        if (this.total === null) this.total = 0;
        this.version++;
        this.notify();
        this.pump();
      },
    );
  }

  /** A page's total: the whole count, or a count so far (then the whole count is asked for: it waits for the end). */
  private setTotal(p: LogPage): void {
    if (this.counted) return;
    if (!p.counting) {
      this.total = p.total;
      this.counted = true;
      this.counting = false;
      return;
    }
    this.total = Math.max(this.total ?? 0, p.total);
    this.counting = true;
    if (this.countAsked) return;
    this.countAsked = true;
    this.fetchPage({ ...this.query, offset: 0, limit: 0 }).then(
      (c) => {
        if (this.closed) return;
        this.setTotal(c);
        if (c.error) this.error = c.error;
        this.version++;
        this.notify();
        this.pump();
      },
      (e: unknown) => {
        if (this.closed) return;
        this.counting = false;
        this.error = (e as Error)?.message ?? String(e);
        this.version++;
        this.notify();
      },
    );
  }

  /** Drops the pages farthest from the viewport beyond `maxPages` (never a visible one). */
  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const a = Math.floor(this.first / this.pageSize);
    const b = Math.floor(this.last / this.pageSize);
    const dist = (p: number) => (p < a ? a - p : p > b ? p - b : 0);
    const far = [...this.pages.keys()].filter((p) => dist(p) > 0).sort((x, y) => dist(y) - dist(x));
    for (const p of far.slice(0, this.pages.size - this.maxPages)) this.pages.delete(p);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
